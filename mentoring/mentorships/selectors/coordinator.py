"""The coordinators' lists of mentorships: every one (filtered and paged), those whose completion
waits for a coordinator, and those at risk. Importable from `mentoring.mentorships.selectors`."""

from dataclasses import dataclass

from django.db.models import DateField, DateTimeField, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from mentoring.core.display import PARTICIPANT_NAME_FIELDS, PERSON_NAME_FIELDS
from mentoring.core.expressions import RowCount
from mentoring.core.querysets import KeptList, KeptStatement, Parameter, made_once
from mentoring.mentorships.filters import MentorshipFilter
from mentoring.mentorships.selectors import with_meeting_summary
from mentoring.mentorships.workflow import MEET_WITHIN, REMIND_AFTER, MentorshipStatus
from mentoring.models import Meeting, Mentorship, MentorshipChange, PlannedMeeting, PlannedMeetingStatus


def _status_since() -> Subquery:
    """When a mentorship last moved into its present status, from its audit rows."""
    moved_here = MentorshipChange.objects.filter(
        mentorship=OuterRef("pk"), to_status=OuterRef("status")
    ).order_by("-at", "-pk")
    return Subquery(moved_here.values("at")[:1])


def mentorships_overview() -> QuerySet[Mentorship]:
    """Every mentorship with its people, meeting summary and `status_since` (when it last moved
    into its present status, from its audit rows): for returning a participant to matching."""
    return with_meeting_summary(
        Mentorship.objects.select_related(
            "participant__applicant__applicant_profile", "mentor__user", "matching_return"
        )
    ).annotate(status_since=_status_since())


def _with_list_summary(mentorships: QuerySet[Mentorship]) -> QuerySet[Mentorship]:
    """`mentorships` with what the coordinators' list shows besides their own columns:
    `next_planned_at` (as `with_meeting_summary` gives it) and `status_since` (when each last
    moved into its present status, from its audit rows)."""
    return mentorships.annotate(
        next_planned_at=Subquery(
            PlannedMeeting.objects.filter(mentorship=OuterRef("pk"), status=PlannedMeetingStatus.PLANNED)
            .order_by("starts_at")
            .values("starts_at")[:1]
        ),
        status_since=_status_since(),
    )


# What the coordinators' list reads of a mentorship (`listed_values`): its dates, its two people's
# names and, for the links, the participant's account and whether she was returned to matching.
LISTED_FIELDS = (
    "pk",
    "status",
    "mentor_id",
    "proposed_at",
    "answered_at",
    "completion_proposed_at",
    "ended_at",
    "participant__applicant_id",
    *(f"participant__{field}" for field in PARTICIPANT_NAME_FIELDS),
    *(f"mentor__user__{field}" for field in PERSON_NAME_FIELDS),
    "matching_return",
    "last_meeting_on",
    "meeting_count",
    "next_planned_at",
    "status_since",
)


@made_once
def _listed_rows() -> QuerySet[dict]:
    """Every mentorship as the values of `LISTED_FIELDS`: one dictionary a row, no objects, and
    no column the list does not show."""
    return _with_list_summary(Mentorship.objects.all()).values(*LISTED_FIELDS)


def _missed() -> Exists:
    """Whether a mentorship's planned meeting did not take place and none was logged since."""
    # An Exists rather than an exclude across the meetings, which Django turns into the same
    # subquery at several times the cost of building it.
    logged_since = Meeting.objects.filter(
        mentorship=OuterRef("mentorship"), logged_at__gte=OuterRef("closed_at")
    )
    return Exists(
        PlannedMeeting.objects.filter(
            ~Exists(logged_since), mentorship=OuterRef("pk"), status=PlannedMeetingStatus.DID_NOT_HAPPEN
        )
    )


@made_once
def _listed_rows_with_missed() -> QuerySet[dict]:
    """`_listed_rows()` with `missed_meeting` (`_missed`)."""
    return _listed_rows().annotate(missed_meeting=_missed())


def _at_risk(mentorships: QuerySet, *, met_since, quiet_since, proposed_by) -> QuerySet:
    """Those of `mentorships` (with `missed_meeting`) at risk on the day whose bounds `_at_risk_on`
    gives (see `mentorships_at_risk`); each bound a value or a `Parameter` of that name."""
    planned = PlannedMeeting.objects.filter(
        mentorship=OuterRef("pk"), status=PlannedMeetingStatus.PLANNED, starts_at__gte=met_since
    )
    quiet = Q(last_meeting_on__lte=quiet_since) | Q(last_meeting_on__isnull=True, answered_at__lte=met_since)
    # `has_planned` only narrows: an alias, not a column read.
    return mentorships.alias(has_planned=Exists(planned)).filter(
        Q(status=MentorshipStatus.ACTIVE, has_planned=False) & quiet
        | Q(status=MentorshipStatus.ACTIVE, missed_meeting=True)
        | Q(status=MentorshipStatus.PROPOSED, proposed_at__lte=proposed_by)
    )


def _at_risk_on(now) -> dict:
    """`_at_risk`'s bounds on `now`: the last 30 days (a time, and the day they began where the
    programme is) and the unanswered proposals' 7 days."""
    return {
        "met_since": now - MEET_WITHIN,
        "quiet_since": timezone.localdate(now) - MEET_WITHIN,
        "proposed_by": now - REMIND_AFTER,
    }


def mentorships_at_risk(*, now) -> QuerySet[Mentorship]:
    """Active mentorships without a meeting for 30 days (counted from the start when none was
    logged) and nothing planned, active mentorships whose planned meeting did not happen and
    none was logged since, and proposals unanswered for 7 days or more, each with
    `missed_meeting` (the second kind).

    A planned meeting counts as contact as the reminders count it (`planned_contact`).
    """
    return _at_risk(Mentorship.objects.annotate(missed_meeting=_missed()), **_at_risk_on(now))


NEWEST_FIRST = ("-proposed_at", "-pk")
# The coordinators' lists as they read on every request unless narrowed by a filter: their
# statements built once (KeptStatement), with the day's bounds as parameters.
_LISTED = KeptStatement(lambda: _listed_rows().order_by(*NEWEST_FIRST))
_COUNTED = KeptStatement(lambda: Mentorship.objects.order_by().values(n=RowCount()))
_COMPLETING = KeptStatement(
    lambda: _listed_rows().filter(status=MentorshipStatus.COMPLETING).order_by(*NEWEST_FIRST)
)
_AT_RISK = KeptStatement(
    lambda: _at_risk(
        _listed_rows_with_missed(),
        met_since=Parameter("met_since", DateTimeField()),
        quiet_since=Parameter("quiet_since", DateField()),
        proposed_by=Parameter("proposed_by", DateTimeField()),
    ).order_by("proposed_at", "pk")
)


class _Listed:
    """The filtered list as `Paginator` reads it: counted from the mentorships alone (counting
    the values would keep their joins), each page read as values."""

    ordered = True

    def __init__(self, mentorships: QuerySet[Mentorship], rows: QuerySet[dict]):
        self._mentorships, self._rows = mentorships, rows

    def count(self) -> int:
        return self._mentorships.count()

    def __getitem__(self, index: slice) -> QuerySet[dict]:
        return self._rows[index]


@dataclass(frozen=True)
class MentorshipLists:
    """The coordinators' lists of mentorships, each mentorship as the values of `LISTED_FIELDS`."""

    # Every mentorship the valid filters leave, newest proposal first: to be paged (`Paginator`).
    listed: _Listed | KeptList
    # Those whose completion waits for a coordinator's confirmation, newest proposal first.
    completing: KeptList
    # Those at risk (`mentorships_at_risk`), longest waiting first, with `missed_meeting`.
    at_risk: KeptList


def mentorship_lists(*, filters: MentorshipFilter, now) -> MentorshipLists:
    """The three lists of the coordinators' page on `now`, the first narrowed by the
    coordinator's valid `filters` (a value that is not valid is an error on `filters.form` and
    is left out)."""
    # Not narrowed (no valid filter: a value that is not valid is left out): every mentorship.
    listed = (
        KeptList(_LISTED, counted=_COUNTED)
        if not filters.is_filtered()
        else _Listed(
            filters.narrow(Mentorship.objects.all()),
            filters.narrow(_listed_rows()).order_by(*NEWEST_FIRST),
        )
    )
    return MentorshipLists(
        listed=listed,
        completing=KeptList(_COMPLETING),
        at_risk=KeptList(_AT_RISK, **_at_risk_on(now)),
    )
