"""The short check before the long form. It keeps nothing about the person, only a count per reason."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import F

from mentoring.choices import IneligibilityReason
from mentoring.models import EligibilityRefusal, Intake

ADULT_AGE = 18


@dataclass(frozen=True)
class EligibilityAnswers:
    municipality: str
    target_group: str
    birth_year: int


def eligibility_reasons(
    *, intake: Intake, answers: EligibilityAnswers, today: date
) -> list[IneligibilityReason]:
    """Why `answers` do not qualify for `intake`; empty when they do.

    Age counts by year of birth only (no birth date is asked): someone who turns
    18 this year qualifies.
    """
    reasons = []
    if answers.municipality not in intake.municipalities:
        reasons.append(IneligibilityReason.MUNICIPALITY)
    if answers.target_group not in intake.target_groups:
        reasons.append(IneligibilityReason.TARGET_GROUP)
    if today.year - answers.birth_year < ADULT_AGE:
        reasons.append(IneligibilityReason.AGE)
    return reasons


@transaction.atomic
def eligibility_refusal_count(*, intake: Intake, reasons: list[IneligibilityReason], today: date) -> None:
    """Add one to the anonymous count of each reason for today."""
    for reason in reasons:
        counter, _created = EligibilityRefusal.objects.get_or_create(intake=intake, reason=reason, day=today)
        EligibilityRefusal.objects.filter(pk=counter.pk).update(count=F("count") + 1)
