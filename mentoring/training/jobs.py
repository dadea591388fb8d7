"""Recurring jobs of training: thin wrappers that read the clock and call a service.

The services take `now`, so their tests state the day; these only supply it.
"""

from django.utils import timezone

from mentoring.training import services as training


def remind_course_participants() -> int:
    return len(training.enrolments_remind(now=timezone.now()))
