"""Recurring jobs of privacy: thin wrappers that read the clock and call a service.

The services take `now`, so their tests state the day; these only supply it.
"""

from django.utils import timezone

from mentoring.privacy.services import retention


def purge_expired_personal_data() -> dict[str, int]:
    return retention.retention_purge(now=timezone.now()).counts()
