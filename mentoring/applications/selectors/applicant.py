"""What an applicant reads of her own applications: each with its timeline, and her dashboard's entries."""

from dataclasses import dataclass

from django.db.models import (
    BigIntegerField,
    Prefetch,
    QuerySet,
    prefetch_related_objects,
)
from django.urls import reverse

from mentoring.applications.selectors import applications_visible_to
from mentoring.applications.workflow import (
    Role,
    Status,
    may_move,
)
from mentoring.core.querysets import KeptStatement, Parameter
from mentoring.followup import selectors as followup_selectors
from mentoring.mentorships import selectors as mentorship_selectors
from mentoring.mentorships.workflow import ENDED
from mentoring.models import (
    Application,
    ApplicationStatus,
    StatusChange,
    SurveyKind,
)


def _own_applications(user) -> QuerySet[Application]:
    if not user.is_authenticated:
        return Application.objects.none()
    return applications_visible_to(user).filter(applicant=user)


def _timeline() -> Prefetch:
    """An application's status changes as its applicant may read them (no internal notes), as `timeline`."""
    changes = StatusChange.objects.only("id", "application_id", "at", "to_status", "reason")
    return Prefetch("status_changes", queryset=changes, to_attr="timeline")


def applications_of_applicant(user) -> QuerySet[Application]:
    """The applications `user` made themselves, with intake and the applicant's timeline.

    Also for coordinators: what they see here is what they applied for, never
    someone else's draft. The timeline carries only what the applicant may read
    (no internal notes are loaded).
    """
    return _own_applications(user).select_related("intake").prefetch_related(_timeline())


@dataclass(frozen=True)
class DashboardEntry:
    application: Application
    status_label: str
    badge_class: str
    awaiting_decision: bool
    timeline: list
    continue_url: str
    withdraw_url: str
    read_url: str = ""
    mentorship: object = None
    looking_for_mentor: bool = False
    mentorship_url: str = ""
    next_goal: object = None
    last_meeting: object = None
    # The mentorship has ended (completed or early): what comes next is her surveys.
    mentorship_ended: bool = False
    exit_survey: object = None
    six_month_survey: object = None
    # Set by the view: the open exit survey's link and its last day.
    survey_url: str = ""
    survey_closes_on: object = None


_BADGES = {
    Status.DRAFT: "badge badge--warning",
    Status.WAITLISTED: "badge badge--warning",
    Status.ACCEPTED: "badge badge--success",
}


def status_badge(status: str) -> str:
    """The badge class an application's status is shown with to the applicant."""
    return _BADGES.get(Status(status), "badge")


# The person's own applications (`_own_applications`: whatever their role, those they made) with
# what the dashboard shows of each, with a statement built once per process.
_DASHBOARD_APPLICATIONS = KeptStatement(
    lambda: (
        Application.objects.filter(applicant_id=Parameter("user", BigIntegerField()))
        .select_related("intake")
        .only("status", "step", "idea_title", "intake__title", "intake__title_en", "intake__closes_at")
        .order_by("-created_at")
    )
)


def dashboard_entries(user) -> list[DashboardEntry]:
    """The person's applications, newest first, as their dashboard lists them: each with its
    status, what they may do next, and the mentorship it led to.

    One query for the applications, and one more for each thing only when it can exist: the
    timeline once an application has left its draft, the mentorship (and its open goals) of an
    accepted one, the surveys once a mentorship has ended.
    """
    applications = _DASHBOARD_APPLICATIONS.instances(user=user.pk) if user.is_authenticated else []
    # No move in the workflow leads back to a draft, so a draft has no status change to read.
    prefetch_related_objects([a for a in applications if a.status != Status.DRAFT], _timeline())
    # Only an accepted participant is given a mentor (the matching services check it; accepted is
    # final), and her surveys start when a mentorship ends (`followup.services.surveys_after_mentorship`).
    accepted = any(application.status == Status.ACCEPTED for application in applications)
    mentorships = mentorship_selectors.mentors_of_participant(user) if accepted else {}
    any_ended = any(mentorship.status in ENDED for mentorship in mentorships.values())
    surveys = followup_selectors.surveys_of_participant(user) if any_ended else {}
    entries = []
    for application in applications:
        status = Status(application.status)
        mentorship = mentorships.get(application.pk)
        ended = mentorship is not None and mentorship.status in ENDED
        # A participant returned to matching after her mentorship is looking for a mentor again.
        returned = ended and hasattr(mentorship, "matching_return")
        own_surveys = surveys.get(application.pk, {})
        entries.append(
            DashboardEntry(
                application=application,
                status_label=str(ApplicationStatus(status).label),
                badge_class=status_badge(status),
                awaiting_decision=status in (Status.SUBMITTED, Status.IN_REVIEW),
                timeline=getattr(application, "timeline", []),
                continue_url=reverse("mentoring:application_step", args=[application.pk, application.step])
                if status == Status.DRAFT
                else "",
                withdraw_url=reverse("mentoring:application_withdraw", args=[application.pk])
                if may_move(status, Status.WITHDRAWN, Role.APPLICANT)
                else "",
                read_url=reverse("mentoring:application_read", args=[application.pk])
                if status != Status.DRAFT
                else "",
                mentorship=mentorship,
                looking_for_mentor=status == Status.ACCEPTED and (mentorship is None or returned),
                mentorship_url=reverse("mentoring:mentorship_detail", args=[mentorship.pk])
                if mentorship
                else "",
                next_goal=mentorship_selectors.next_open_goal_among(mentorship.open_goals)
                if mentorship
                else None,
                last_meeting=mentorship.last_meeting if mentorship else None,
                mentorship_ended=ended,
                exit_survey=own_surveys.get(SurveyKind.EXIT),
                six_month_survey=own_surveys.get(SurveyKind.SIX_MONTHS),
            )
        )
    return entries
