"""The applicant profile: recorded once, at entry, with the consent it was given under."""

from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction

from mentoring.models import ApplicantProfile


def applicant_profile_create(*, user, data: dict, now: datetime) -> ApplicantProfile:
    """Record `user`'s profile from validated `data`, with consent given at `now` to the current notice.

    The profile is the funder's entry record and is never replaced: if one exists
    already (a second tab, a double click), that one is returned unchanged.
    """
    fields = {name: data[name] for name in ApplicantProfile.PERSONAL_FIELDS if name in data}
    if fields.get("employment_status") != "unemployed":
        fields["months_unemployed"] = None
    try:
        with transaction.atomic():
            return ApplicantProfile.objects.create(
                user=user,
                consent_at=now,
                privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
                **fields,
            )
    except IntegrityError:
        return ApplicantProfile.objects.get(user=user)
