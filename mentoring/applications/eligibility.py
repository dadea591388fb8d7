"""Who may apply to an intake: one rule, read from the intake's own eligibility.

The eligibility check, the programme page's "Who can apply", the page that turns
someone away and the coordinators' review all go by this module, so what a page
promises and what the rule lets through cannot drift apart.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentoring.core.choices import EmploymentStatus, Gender, IneligibilityReason, Municipality
from mentoring.models import ApplicantProfile, Application, Intake

ADULT_AGE = 18


@dataclass(frozen=True)
class EligibilityAnswers:
    """What the rule needs to know about a person.

    `gender` is None where it was not asked (the eligibility check does not ask it);
    the review asks the rule with the profile's answer.
    """

    municipality: str
    employment_status: str
    birth_year: int
    business_registered_on: date | None = None
    gender: str | None = None


def months_after(day: date, months: int) -> date:
    """The same day `months` later; the month's last day where it is shorter (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def business_young_enough(*, registered_on: date | None, intake: Intake, today: date) -> bool:
    """Whether a business registered on `registered_on` is within the intake's age limit on `today`.

    Without a limit any business is; without a date the rule cannot tell, so it is not.
    """
    if not intake.business_max_age_months:
        return True
    if registered_on is None:
        return False
    return today < months_after(registered_on, intake.business_max_age_months)


def eligibility_reasons(
    *, intake: Intake, answers: EligibilityAnswers, today: date
) -> list[IneligibilityReason]:
    """Why `answers` do not qualify for `intake` on `today`; empty when they do.

    Age counts by year of birth only (no birth date is asked): someone who turns
    18 this year qualifies. A self-employed person qualifies where the intake's
    target groups include the self-employed and the business is within its age limit.
    """
    reasons = []
    if answers.municipality not in intake.municipalities:
        reasons.append(IneligibilityReason.MUNICIPALITY)
    if answers.employment_status not in intake.target_groups:
        reasons.append(IneligibilityReason.TARGET_GROUP)
    elif answers.employment_status == EmploymentStatus.SELF_EMPLOYED and not business_young_enough(
        registered_on=answers.business_registered_on, intake=intake, today=today
    ):
        reasons.append(IneligibilityReason.BUSINESS_AGE)
    if today.year - answers.birth_year < ADULT_AGE:
        reasons.append(IneligibilityReason.AGE)
    if intake.for_women and answers.gender is not None and answers.gender != Gender.WOMAN:
        reasons.append(IneligibilityReason.GENDER)
    return reasons


# What the rule reads of an applicant's profile: the fields of `EligibilityAnswers`.
PROFILE_ANSWERS = ("municipality", "employment_status", "birth_year", "business_registered_on", "gender")


def profile_eligibility_reasons(
    *, intake: Intake, profile: ApplicantProfile | None, today: date
) -> list[IneligibilityReason]:
    """The same rule on what the applicant's profile says (gender included); empty without a profile."""
    if profile is None:
        return []
    answers = EligibilityAnswers(**{field: getattr(profile, field) for field in PROFILE_ANSWERS})
    return eligibility_reasons(intake=intake, answers=answers, today=today)


def application_outside_target_groups(application: Application) -> list[IneligibilityReason]:
    """Why the applicant's profile falls outside the intake's target groups, as on the day they submitted.

    Empty when it fits, and for an application not yet submitted. The coordinator may still accept it,
    with a reason (`services.application_decide`): the rule marks, people decide.
    """
    if application.submitted_at is None:
        return []
    return profile_eligibility_reasons(
        intake=application.intake,
        profile=getattr(application.applicant, "applicant_profile", None),
        today=timezone.localdate(application.submitted_at),
    )


# --- The rule in words ------------------------------------------------------------------------


@dataclass(frozen=True)
class WhoMayApply:
    """The intake's rule as a reader needs it (components/who_may_apply.html puts it in words)."""

    for_women: bool
    municipalities: str
    situations: list[str]
    # "less than 2 years" where the self-employed may apply with a young business only, else "".
    business_age_limit: str


def _joined(labels: list[str]) -> str:
    if len(labels) < 2:
        return "".join(labels)
    return _("%(list)s or %(last)s") % {"list": ", ".join(labels[:-1]), "last": labels[-1]}


def business_age_limit(months: int) -> str:
    """ "less than 2 years" or "less than 18 months": the limit as people say it."""
    if months % 12 == 0:
        years = months // 12
        return ngettext("less than %(count)d year", "less than %(count)d years", years) % {"count": years}
    return ngettext("less than %(count)d month", "less than %(count)d months", months) % {"count": months}


def who_may_apply(intake: Intake) -> WhoMayApply:
    """`intake`'s eligibility for reading, generated from the same fields the rule reads."""
    status_labels = dict(EmploymentStatus.choices)
    limit = business_age_limit(intake.business_max_age_months) if intake.business_max_age_months else ""
    situations = []
    for code in EmploymentStatus.values:
        if code not in intake.target_groups:
            continue
        if code == EmploymentStatus.SELF_EMPLOYED and limit:
            situations.append(_("Self-employed, with a business registered %(limit)s ago") % {"limit": limit})
        else:
            situations.append(str(status_labels[code]))
    return WhoMayApply(
        for_women=intake.for_women,
        municipalities=_joined(
            [str(label) for code, label in Municipality.choices if code in intake.municipalities]
        ),
        situations=situations,
        business_age_limit=limit,
    )
