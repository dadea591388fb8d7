"""Recurring jobs of follow-up: thin wrappers that read the clock and call a service.

The services take `now`, so their tests state the day; these only supply it.
"""

from django.utils import timezone

from mentoring.followup import services as followup


def send_due_surveys() -> int:
    return len(followup.surveys_send_due(now=timezone.now()))


def chase_surveys() -> dict[str, int]:
    return followup.surveys_chase(now=timezone.now()).counts()
