"""Reads about mentorships, their goals and meetings, filtered by what the asking person may see."""

from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from mentoring.core.choices import MeetingFormat
from mentoring.core.display import label_of, participant_name, person_name
from mentoring.mentorships.filters import MentorshipFilter
from mentoring.mentorships.workflow import (
    ACCEPTED,
    ENDED,
    MEET_WITHIN,
    OPEN,
    REMIND_AFTER,
    RUNNING,
    MentorshipStatus,
)
from mentoring.models import (
    Goal,
    Meeting,
    Mentorship,
    MentorshipChange,
    PlannedMeeting,
    PlannedMeetingStatus,
    PrivateNote,
)


def mentors_of_participant(user) -> dict[int, Mentorship]:
    """The mentorship of each of `user`'s own applications, by application id, with the mentor:
    the running one, else the last that ended (with `matching_return` if she was given another).

    Never a proposal: it is between the coordinators and the mentor until the mentor accepts it.
    """
    if not user.is_authenticated:
        return {}
    mentorships = (
        Mentorship.objects.filter(
            participant__applicant=user, status__in=sorted(str(s) for s in RUNNING | ENDED)
        )
        .select_related("mentor__user", "matching_return")
        .order_by("ended_at", "proposed_at", "pk")
    )
    found: dict[int, Mentorship] = {}
    for mentorship in mentorships:
        current = found.get(mentorship.participant_id)
        # A running one is kept; of the ended ones (oldest end first) the last wins.
        if current is None or current.status not in RUNNING:
            found[mentorship.participant_id] = mentorship
    return found


def ended_without_return(mentorships: QuerySet[Mentorship]) -> QuerySet[Mentorship]:
    """Those of `mentorships` that ended (completed or early) and no coordinator returned to matching."""
    return mentorships.filter(status__in=sorted(str(s) for s in ENDED), matching_return__isnull=True)


def mentorships_of_mentor(user) -> QuerySet[Mentorship]:
    """The mentorships in which `user` is the mentor, with the participant's application and profile."""
    if not user.is_authenticated:
        return Mentorship.objects.none()
    return Mentorship.objects.filter(mentor__user=user).select_related(
        "participant__applicant__applicant_profile", "mentor"
    )


# --- Inside a mentorship: goals and meetings ----------------------------------


def mentorships_of_user(user) -> QuerySet[Mentorship]:
    """The mentorships in which `user` is the mentor or the participant.

    Never anyone else's, whatever the role; the participant sees only accepted ones.
    """
    if not user.is_authenticated:
        return Mentorship.objects.none()
    # A proposal is between the coordinators and the mentor until the mentor accepts it.
    return Mentorship.objects.filter(
        Q(mentor__user=user) | Q(participant__applicant=user, status__in=ACCEPTED)
    ).select_related("participant__applicant__applicant_profile", "participant__intake", "mentor__user")


def with_planned(mentorships: QuerySet[Mentorship]) -> QuerySet[Mentorship]:
    """Each mentorship joined with its planned meeting (upcoming, or a prompt) and the person who
    last moved it, read with `planned_joined`: no query of its own.

    A database constraint allows one planned meeting per mentorship, so the join never
    multiplies the rows.
    """
    return mentorships.annotate(
        planned=FilteredRelation(
            "planned_meetings", condition=Q(planned_meetings__status=PlannedMeetingStatus.PLANNED)
        )
    ).select_related("planned__moved_by")


def planned_joined(mentorship: Mentorship) -> PlannedMeeting | None:
    """The planned meeting `with_planned` read with `mentorship`, or None."""
    # Django sets no attribute when the joined row is missing.
    return getattr(mentorship, "planned", None)


def mentorship_pages_of_user(user) -> QuerySet[Mentorship]:
    """`mentorships_of_user(user)` with what a mentorship's own page shows and nothing more: its
    status and dates, the participant's idea and names, the mentor's names, and its planned
    meeting (`planned_joined`).

    The page's time goes to building the queries and the objects, not to the database
    (bench/signed_in.py): `mentorships_of_user` reads the full rows of seven tables.
    """
    return (
        with_planned(mentorships_of_user(user).select_related(None))
        .select_related("participant__applicant__applicant_profile", "mentor__user")
        .only(
            "status",
            "answered_at",
            "ended_at",
            "participant__idea_title",
            "participant__applicant__email",
            "participant__applicant__first_name",
            "participant__applicant__last_name",
            "participant__applicant__applicant_profile__first_name",
            "participant__applicant__applicant_profile__last_name",
            "mentor__user__email",
            "mentor__user__first_name",
            "mentor__user__last_name",
        )
    )


def participant_name_seen_by(mentorship: Mentorship, user) -> str:
    """The participant's name as `user` may read it: "" for the mentor of a mentorship not accepted.

    A mentor learns who the participant is by accepting; a proposal, and one declined or
    returned, shows them the idea, sector, needs and municipality, never the name.
    """
    if mentorship.mentor.user_id == user.pk and mentorship.status not in ACCEPTED:
        return ""
    return participant_name(mentorship.participant)


def with_meeting_summary(mentorships: QuerySet[Mentorship]) -> QuerySet[Mentorship]:
    """Each mentorship with `last_meeting` (a date or None), `meeting_count`, `open_goal_count` and
    `next_planned_at` (when its planned meeting starts, upcoming or a prompt; or None).

    Correlated subqueries, not joins: two joins would multiply each other's rows.
    """
    meetings = Meeting.objects.filter(mentorship=OuterRef("pk")).order_by().values("mentorship")
    open_goals = (
        Goal.objects.filter(mentorship=OuterRef("pk"), done_at__isnull=True).order_by().values("mentorship")
    )
    return mentorships.annotate(
        last_meeting=Subquery(meetings.annotate(value=Max("held_on")).values("value")),
        meeting_count=Coalesce(Subquery(meetings.annotate(value=Count("pk")).values("value")), 0),
        open_goal_count=Coalesce(Subquery(open_goals.annotate(value=Count("pk")).values("value")), 0),
        next_planned_at=Subquery(
            PlannedMeeting.objects.filter(mentorship=OuterRef("pk"), status=PlannedMeetingStatus.PLANNED)
            .order_by("starts_at")
            .values("starts_at")[:1]
        ),
    )


def mentorships_on_dashboard(user) -> QuerySet[Mentorship]:
    """The open mentorships (running and proposed) in which `user` is the mentor, with what the
    mentor's dashboard shows of each and nothing more, `last_meeting` (a date or None) and the
    planned meeting (`planned_joined`); those running by start, then the proposals by proposal.

    One query for both lists, and only the columns shown: the page's time goes to building
    the query and the objects, not to the database (bench/signed_in.py).
    """
    if not user.is_authenticated:
        return Mentorship.objects.none()
    last_meeting = (
        Meeting.objects.filter(mentorship=OuterRef("pk"))
        .order_by()
        .values("mentorship")
        .annotate(value=Max("held_on"))
        .values("value")
    )
    return (
        with_planned(Mentorship.objects.filter(mentor__user=user, status__in=sorted(str(s) for s in OPEN)))
        .select_related("participant__applicant__applicant_profile")
        .only(
            "status",
            "score",
            "proposed_at",
            "answered_at",
            "participant__idea_title",
            "participant__business_sector",
            "participant__support_needs",
            "participant__applicant__email",
            "participant__applicant__first_name",
            "participant__applicant__last_name",
            "participant__applicant__applicant_profile__first_name",
            "participant__applicant__applicant_profile__last_name",
            "participant__applicant__applicant_profile__phone",
            "participant__applicant__applicant_profile__municipality",
        )
        .annotate(last_meeting=Subquery(last_meeting))
        .order_by("answered_at", "proposed_at", "pk")
    )


def add_open_goals(mentorships: list[Mentorship]) -> None:
    """Give each of `mentorships` `open_goals`: its open goals, nearest target date first, those
    without one last. One query for all, none for an empty list."""
    goals = (
        Goal.objects.filter(done_at__isnull=True)
        .only("mentorship", "title", "target_date")
        .order_by(F("target_date").asc(nulls_last=True), "pk")
    )
    prefetch_related_objects(mentorships, Prefetch("goals", queryset=goals, to_attr="open_goals"))


def mentorships_overview() -> QuerySet[Mentorship]:
    """Every mentorship with its people, meeting summary and `status_since` (when it last moved
    into its present status, from its audit rows): for the coordinators' page only."""
    moved_here = MentorshipChange.objects.filter(
        mentorship=OuterRef("pk"), to_status=OuterRef("status")
    ).order_by("-at", "-pk")
    return with_meeting_summary(
        Mentorship.objects.select_related(
            "participant__applicant__applicant_profile", "mentor__user", "matching_return"
        )
    ).annotate(status_since=Subquery(moved_here.values("at")[:1]))


def mentorships_listed(*, filters: MentorshipFilter | None = None) -> QuerySet[Mentorship]:
    """Every mentorship as `mentorships_overview` gives it, newest proposal first, narrowed by the
    coordinator's valid `filters` (a value that is not valid is an error on `filters.form` and
    is left out)."""
    mentorships = mentorships_overview()
    if filters is not None:
        mentorships = filters.narrow(mentorships)
    return mentorships.order_by("-proposed_at", "-pk")


def mentorships_at_risk(*, now) -> QuerySet[Mentorship]:
    """Active mentorships without a meeting for 30 days (counted from the start when none was
    logged) and nothing planned, active mentorships whose planned meeting did not happen and
    none was logged since, and proposals unanswered for 7 days or more, with their meeting summary.

    A planned meeting counts as contact as the reminders count it (`planned_contact`).
    """
    quiet_since = timezone.localdate(now) - MEET_WITHIN
    planned = PlannedMeeting.objects.filter(
        mentorship=OuterRef("pk"), status=PlannedMeetingStatus.PLANNED, starts_at__gte=now - MEET_WITHIN
    )
    missed = PlannedMeeting.objects.filter(
        mentorship=OuterRef("pk"), status=PlannedMeetingStatus.DID_NOT_HAPPEN
    ).exclude(mentorship__meetings__logged_at__gte=F("closed_at"))
    quiet = Q(last_meeting__lte=quiet_since) | Q(
        last_meeting__isnull=True, answered_at__lte=now - MEET_WITHIN
    )
    return (
        mentorships_overview()
        .annotate(has_planned=Exists(planned), missed_meeting=Exists(missed))
        .filter(
            Q(status=MentorshipStatus.ACTIVE, has_planned=False) & quiet
            | Q(status=MentorshipStatus.ACTIVE, missed_meeting=True)
            | Q(status=MentorshipStatus.PROPOSED, proposed_at__lte=now - REMIND_AFTER)
        )
    )


def planned_meeting_of(mentorship: Mentorship) -> PlannedMeeting | None:
    """The mentorship's planned meeting (upcoming, or a prompt once its time has passed), or None."""
    return (
        PlannedMeeting.objects.filter(mentorship=mentorship, status=PlannedMeetingStatus.PLANNED)
        .select_related("moved_by")
        .first()
    )


def last_cancelled_of(mentorship: Mentorship, *, now) -> PlannedMeeting | None:
    """The last planned meeting cancelled whose time is still ahead: its reason is shown to both."""
    return (
        PlannedMeeting.objects.filter(
            mentorship=mentorship, status=PlannedMeetingStatus.CANCELLED, starts_at__gt=now
        )
        .select_related("closed_by")
        .order_by("-closed_at", "-pk")
        .first()
    )


def planned_meetings_of_person(user) -> QuerySet[PlannedMeeting]:
    """Every planned meeting (any status) of the mentorships in which `user` is mentor or participant:
    for the coordinators' person record."""
    return (
        PlannedMeeting.objects.filter(
            Q(mentorship__mentor__user=user) | Q(mentorship__participant__applicant=user)
        )
        .select_related("mentorship__mentor__user", "mentorship__participant__applicant__applicant_profile")
        .order_by("-starts_at", "-pk")
    )


def meetings_visible_to(user, mentorship: Mentorship) -> QuerySet[Meeting]:
    """The meetings of `mentorship`, each with `own_private_notes`: only the notes `user` wrote.

    The private notes of anyone else, the other party's or (for a coordinator) everyone's,
    are never loaded.
    """
    own = PrivateNote.objects.filter(author=user) if user.is_authenticated else PrivateNote.objects.none()
    return (
        Meeting.objects.filter(mentorship=mentorship)
        .select_related("logged_by")
        .prefetch_related(Prefetch("private_notes", queryset=own, to_attr="own_private_notes"))
    )


def goals_of(mentorship: Mentorship) -> QuerySet[Goal]:
    """The goals of `mentorship`: open first, by target date."""
    return Goal.objects.filter(mentorship=mentorship)


def next_open_goal(mentorship: Mentorship) -> Goal | None:
    """The open goal with the nearest target date (goals without one last)."""
    return (
        Goal.objects.filter(mentorship=mentorship, done_at__isnull=True)
        .order_by(F("target_date").asc(nulls_last=True), "pk")
        .first()
    )


def next_open_goal_among(goals: list[Goal]) -> Goal | None:
    """What `next_open_goal` gives, picked from the mentorship's goals already loaded."""
    open_goals = [goal for goal in goals if goal.done_at is None]
    return min(
        open_goals, key=lambda goal: (goal.target_date is None, goal.target_date or 0, goal.pk), default=None
    )


def last_meeting_of(mentorship: Mentorship):
    """The date of the mentorship's last meeting, or None."""
    return Meeting.objects.filter(mentorship=mentorship).aggregate(last=Max("held_on"))["last"]


@dataclass(frozen=True)
class PlannedView:
    """A planned meeting as the mentorship page and the dashboards show it."""

    planned: PlannedMeeting
    format: str
    upcoming: bool
    prompt: bool
    moved_by: str
    log_url: str
    missed_url: str
    move_url: str
    cancel_url: str


def planned_view(planned: PlannedMeeting | None, *, now) -> PlannedView | None:
    if planned is None:
        return None
    args = [planned.mentorship_id, planned.pk]
    return PlannedView(
        planned=planned,
        format=label_of(MeetingFormat, planned.format),
        upcoming=planned.is_upcoming(now=now),
        prompt=planned.is_prompt(now=now),
        moved_by=person_name(planned.moved_by) if planned.move_reason else "",
        log_url=reverse("mentoring:planned_meeting_log", args=args),
        missed_url=reverse("mentoring:planned_meeting_missed", args=args),
        move_url=reverse("mentoring:planned_meeting_move", args=args),
        cancel_url=reverse("mentoring:planned_meeting_cancel", args=args),
    )


def planned_meetings_of_participant(user) -> list[PlannedMeeting]:
    """The planned meetings (upcoming or prompts) of the running mentorships `user` is the participant of."""
    if not user.is_authenticated:
        return []
    return list(
        PlannedMeeting.objects.filter(
            mentorship__participant__applicant=user,
            mentorship__status__in=sorted(str(s) for s in RUNNING),
            status=PlannedMeetingStatus.PLANNED,
        )
        .select_related("moved_by", "mentorship__mentor__user")
        .order_by("starts_at")
    )
