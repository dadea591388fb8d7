"""Reads about mentorships, their goals and meetings, filtered by what the asking person may see."""

from django.db.models import (
    BigIntegerField,
    Count,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from mentoring.core.display import (
    participant_name,
)
from mentoring.core.querysets import KeptStatement, Parameter, made_once
from mentoring.mentorships.workflow import (
    ACCEPTED,
    ENDED,
    OPEN,
    RUNNING,
)
from mentoring.models import (
    Goal,
    Meeting,
    Mentorship,
    PlannedMeeting,
    PlannedMeetingStatus,
    PrivateNote,
)


@made_once
def _participants_mentorships() -> QuerySet[Mentorship]:
    """The running and ended mentorships with what the participant's dashboard shows of each
    (`mentors_of_participant`)."""
    return (
        Mentorship.objects.filter(status__in=sorted(str(s) for s in RUNNING | ENDED))
        .select_related("mentor__user", "matching_return")
        .only(
            "participant_id",
            "status",
            "answered_at",
            "ended_at",
            "mentor__phone",
            "mentor__bio",
            "mentor__user__first_name",
            "mentor__user__last_name",
            "mentor__user__email",
            "matching_return__mentorship_id",
        )
        .annotate(last_meeting=F("last_meeting_on"))
        .order_by("ended_at", "proposed_at", "pk")
    )


def mentors_of_participant(user) -> dict[int, Mentorship]:
    """The mentorship of each of `user`'s own applications, by application id, with the mentor:
    the running one, else the last that ended (with `matching_return` if she was given another).

    Each carries what the participant's dashboard shows of it: `last_meeting` (the date of its last
    meeting, or None) and `open_goals` (its goals not done yet). Two queries, the second only when
    there is a mentorship; only the columns the dashboard reads are loaded.

    Never a proposal: it is between the coordinators and the mentor until the mentor accepts it.
    """
    if not user.is_authenticated:
        return {}
    mentorships = _participants_mentorships().filter(participant__applicant=user)
    found: dict[int, Mentorship] = {}
    for mentorship in mentorships:
        current = found.get(mentorship.participant_id)
        # A running one is kept; of the ended ones (oldest end first) the last wins.
        if current is None or current.status not in RUNNING:
            found[mentorship.participant_id] = mentorship
    open_goals = (
        Goal.objects.filter(done_at__isnull=True)
        .only("mentorship_id", "title", "target_date", "done_at")
        .order_by()
    )
    prefetch_related_objects(
        list(found.values()), Prefetch("goals", queryset=open_goals, to_attr="open_goals")
    )
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
    return Mentorship.objects.filter(_of_user(user)).select_related(
        "participant__applicant__applicant_profile", "participant__intake", "mentor__user"
    )


def _of_user(user) -> Q:
    """The mentorships in which `user` is the mentor, or the participant of an accepted one."""
    return _of_user_id(user.pk)


def _of_user_id(user_id) -> Q:
    """`_of_user` of the user with this ID (a value or a `Parameter`)."""
    # A proposal is between the coordinators and the mentor until the mentor accepts it.
    return Q(mentor__user_id=user_id) | Q(participant__applicant_id=user_id, status__in=ACCEPTED)


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


@made_once
def _mentorship_pages() -> QuerySet[Mentorship]:
    """Every mentorship with what its own page shows (`mentorship_pages_of_user`)."""
    return (
        with_planned(Mentorship.objects.all())
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


def mentorship_pages_of_user(user) -> QuerySet[Mentorship]:
    """`mentorships_of_user(user)` with what a mentorship's own page shows and nothing more: its
    status and dates, the participant's idea and names, the mentor's names, and its planned
    meeting (`planned_joined`).

    The page's time goes to building the queries and the objects, not to the database
    (bench/signed_in.py): `mentorships_of_user` reads the full rows of seven tables.
    """
    if not user.is_authenticated:
        return Mentorship.objects.none()
    return _mentorship_pages().filter(_of_user(user))


_PAGE_OF_USER = KeptStatement(
    lambda: (
        _mentorship_pages()
        .filter(_of_user_id(Parameter("user", BigIntegerField())), pk=Parameter("pk", BigIntegerField()))
        .order_by()
    )
)


def mentorship_page_of_user(user, pk: int) -> Mentorship | None:
    """The mentorship `pk` of `mentorship_pages_of_user(user)`, or None; read with a statement built
    once per process (KeptStatement)."""
    if not user.is_authenticated:
        return None
    found = _PAGE_OF_USER.instances(user=user.pk, pk=pk)
    return found[0] if found else None


def participant_name_seen_by(mentorship: Mentorship, user) -> str:
    """The participant's name as `user` may read it: "" for the mentor of a mentorship not accepted.

    A mentor learns who the participant is by accepting; a proposal, and one declined or
    returned, shows them the idea, sector, needs and municipality, never the name.
    """
    if mentorship.mentor.user_id == user.pk and mentorship.status not in ACCEPTED:
        return ""
    return participant_name(mentorship.participant)


def with_meeting_summary(mentorships: QuerySet[Mentorship]) -> QuerySet[Mentorship]:
    """Each mentorship with `last_meeting` (a date or None), `open_goal_count` and
    `next_planned_at` (when its planned meeting starts, upcoming or a prompt; or None), beside
    its own `meeting_count`.

    Correlated subqueries, not joins: two joins would multiply each other's rows.
    """
    open_goals = (
        Goal.objects.filter(mentorship=OuterRef("pk"), done_at__isnull=True).order_by().values("mentorship")
    )
    return mentorships.annotate(
        last_meeting=F("last_meeting_on"),
        open_goal_count=Coalesce(Subquery(open_goals.annotate(value=Count("pk")).values("value")), 0),
        next_planned_at=Subquery(
            PlannedMeeting.objects.filter(mentorship=OuterRef("pk"), status=PlannedMeetingStatus.PLANNED)
            .order_by("starts_at")
            .values("starts_at")[:1]
        ),
    )


@made_once
def _mentors_open_mentorships() -> QuerySet[Mentorship]:
    """The open mentorships with what the mentor's dashboard shows of each (`mentorships_on_dashboard`)."""
    return (
        with_planned(Mentorship.objects.filter(status__in=sorted(str(s) for s in OPEN)))
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
        .annotate(last_meeting=F("last_meeting_on"))
        .order_by("answered_at", "proposed_at", "pk")
    )


_ON_DASHBOARD = KeptStatement(
    lambda: _mentors_open_mentorships().filter(mentor__user_id=Parameter("user", BigIntegerField()))
)


def mentorships_on_dashboard(user) -> list[Mentorship]:
    """The open mentorships (running and proposed) in which `user` is the mentor, with what the
    mentor's dashboard shows of each and nothing more, `last_meeting` (a date or None) and the
    planned meeting (`planned_joined`); those running by start, then the proposals by proposal.

    One query for both lists, and only the columns shown, with a statement built once per process
    (KeptStatement): the page's time went to building the query and the objects, not to the
    database (bench/signed_in.py).
    """
    if not user.is_authenticated:
        return []
    return _ON_DASHBOARD.instances(user=user.pk)


def add_open_goals(mentorships: list[Mentorship]) -> None:
    """Give each of `mentorships` `open_goals`: its open goals, nearest target date first, those
    without one last. One query for all, none for an empty list."""
    goals = (
        Goal.objects.filter(done_at__isnull=True)
        .only("mentorship", "title", "target_date")
        .order_by(F("target_date").asc(nulls_last=True), "pk")
    )
    prefetch_related_objects(mentorships, Prefetch("goals", queryset=goals, to_attr="open_goals"))


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


def meetings_shown_to(user, mentorship: Mentorship) -> list[Meeting]:
    """`meetings_visible_to(user, mentorship)` as a list for its page, read with a statement built
    once per process (the private notes as `meetings_visible_to` reads them)."""
    meetings = _MEETINGS.instances(mentorship=mentorship.pk)
    own = PrivateNote.objects.filter(author=user) if user.is_authenticated else PrivateNote.objects.none()
    prefetch_related_objects(meetings, Prefetch("private_notes", queryset=own, to_attr="own_private_notes"))
    return meetings


_MEETINGS = KeptStatement(
    lambda: Meeting.objects.filter(mentorship_id=Parameter("mentorship", BigIntegerField())).select_related(
        "logged_by"
    )
)
_GOALS = KeptStatement(lambda: Goal.objects.filter(mentorship_id=Parameter("mentorship", BigIntegerField())))


def goals_of(mentorship: Mentorship) -> list[Goal]:
    """The goals of `mentorship`: open first, by target date (read with a statement built once)."""
    return _GOALS.instances(mentorship=mentorship.pk)


def next_open_goal_among(goals: list[Goal]) -> Goal | None:
    """The open goal with the nearest target date (goals without one last), of goals already loaded."""
    open_goals = [goal for goal in goals if goal.done_at is None]
    return min(
        open_goals, key=lambda goal: (goal.target_date is None, goal.target_date or 0, goal.pk), default=None
    )


# The coordinators' lists live in their own module; read from here as before.
from mentoring.mentorships.selectors.coordinator import (  # noqa: E402, F401
    LISTED_FIELDS,
    MentorshipLists,
    mentorship_lists,
    mentorships_at_risk,
    mentorships_overview,
)
