"""Reads for the coordinators' follow-up page: surveys to call, surveys open, and how many were answered.

Each starts from `surveys_visible_to`, so a person without the coordinator role
gets nothing here (STYLE.md rule 6). Kept beside `selectors.py` because these
reads serve only the follow-up pages.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from mentoring.core.roles import is_coordinator
from mentoring.models import AnswerSource, FollowUpSurvey, SurveyKind


def surveys_visible_to(user) -> QuerySet[FollowUpSurvey]:
    """Coordinators see every survey; anyone else none (participants reach theirs through its link)."""
    if not user.is_authenticated or not (user.is_superuser or is_coordinator(user)):
        return FollowUpSurvey.objects.none()
    return FollowUpSurvey.objects.select_related("participant__applicant__applicant_profile")


def surveys_of_participant(user) -> dict[int, dict[str, FollowUpSurvey]]:
    """The follow-up surveys of `user`'s own applications: by application id, then by kind."""
    if not user.is_authenticated:
        return {}
    found: dict[int, dict[str, FollowUpSurvey]] = {}
    for survey in FollowUpSurvey.objects.filter(participant__applicant=user):
        found.setdefault(survey.participant_id, {})[survey.kind] = survey
    return found


def surveys_to_call(user) -> QuerySet[FollowUpSurvey]:
    """Open surveys unanswered for three weeks: a coordinator is asked to call the participant."""
    return surveys_visible_to(user).filter(
        call_requested_at__isnull=False, answered_at__isnull=True, expired_at__isnull=True
    )


def surveys_open(user) -> QuerySet[FollowUpSurvey]:
    """Sent surveys waiting for an answer, not yet on the call list."""
    return surveys_visible_to(user).filter(
        sent_at__isnull=False,
        call_requested_at__isnull=True,
        answered_at__isnull=True,
        expired_at__isnull=True,
    )


@dataclass(frozen=True)
class SurveyFigures:
    kind: SurveyKind
    sent: int
    open: int
    answered_online: int
    answered_by_phone: int
    expired: int


def survey_figures(user) -> list[SurveyFigures]:
    """Per kind of survey: how many were sent, are open, were answered online or by phone, or expired."""
    rows = {
        row["kind"]: row
        for row in surveys_visible_to(user)
        .order_by()
        .values("kind")
        .annotate(
            sent=Count("pk", filter=Q(sent_at__isnull=False)),
            open=Count(
                "pk", filter=Q(sent_at__isnull=False, answered_at__isnull=True, expired_at__isnull=True)
            ),
            answered_online=Count("pk", filter=Q(answered_at__isnull=False, source=AnswerSource.WEB)),
            answered_by_phone=Count("pk", filter=Q(answered_at__isnull=False, source=AnswerSource.PHONE)),
            expired=Count("pk", filter=Q(expired_at__isnull=False)),
        )
    }
    names = ("sent", "open", "answered_online", "answered_by_phone", "expired")
    return [
        SurveyFigures(kind=kind, **{name: rows.get(kind, {}).get(name, 0) for name in names})
        for kind in SurveyKind
    ]
