"""Reads for the coordinators' screens: the intake overview, the review queue, one application.

Each starts from `selectors.applications_visible_to`, so a person without the
coordinator role gets nothing here either (STYLE.md rule 6). Kept beside
`selectors.py` because these reads serve only the review pages.

Reads that already filter by what the asking person may see (STYLE.md rule 6).
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import (
    BigIntegerField,
    Exists,
    F,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from mentoring.applications.eligibility import (
    PROFILE_ANSWERS,
    EligibilityAnswers,
    application_outside_target_groups,
    eligibility_reasons,
)
from mentoring.applications.workflow import (
    CLOSED_TO_CONFLICTS,
    DECISIONS,
    REVIEWABLE,
    Role,
    Status,
    moves_from,
)
from mentoring.core.choices import BusinessSector, Language, MeetingMode, Stage, SupportNeed, WomanMentor
from mentoring.core.display import PERSON_NAME_FIELDS, label_of, labels_of, person_name
from mentoring.core.expressions import RowCount
from mentoring.core.querysets import KeptStatement, Parameter, made_once
from mentoring.core.roles import is_coordinator
from mentoring.core.workflow import Transition
from mentoring.models import (
    DEFAULT_RUBRIC,
    Application,
    ApplicationStatus,
    IdentityReveal,
    Intake,
    Review,
    StatusChange,
)
from mentoring.people.selectors import applicant_profile_facts

if TYPE_CHECKING:
    from mentoring.applications.filters import QueueFilter

QUEUE_SORTS = {
    "-submitted": (F("submitted_at").desc(nulls_last=True), "-pk"),
    "submitted": (F("submitted_at").asc(nulls_last=True), "pk"),
    # Unscored applications come last both ways: "highest first" should not open with the unread ones.
    "-score": (F("average_score").desc(nulls_last=True), F("submitted_at").asc(nulls_last=True), "pk"),
    "score": (F("average_score").asc(nulls_last=True), F("submitted_at").asc(nulls_last=True), "pk"),
}


DEFAULT_QUEUE_SORT = "-submitted"


def _intakes_with_status_counts() -> QuerySet[Intake]:
    def count_of(status: Status) -> Subquery:
        return Subquery(
            Application.objects.filter(intake=OuterRef("pk"), status=status).order_by().values(n=RowCount())
        )

    return (
        Intake.objects.only("title", "title_en", "opens_at", "closes_at", "places")
        .annotate(programme_title=F("programme__title"), **{f"count_{s}": count_of(s) for s in Status})
        .order_by("-opens_at", "-pk")
    )


_INTAKES_WITH_STATUS_COUNTS = KeptStatement(_intakes_with_status_counts)


def intakes_with_status_counts() -> list[Intake]:
    """Every intake, newest first, with `count_<status>` per status and its `programme_title`: one
    query, with a statement built once per process (KeptStatement).

    Each count is a subquery that reads only the (intake, status) index of the applications; a
    join grouped by the intakes' columns read every application row as well.
    """
    return _INTAKES_WITH_STATUS_COUNTS.instances()


def applications_matching(queue: QuerySet[Application], *, filters: "QueueFilter") -> QuerySet[Application]:
    """`queue` (from `applications_in_queue`) narrowed by the coordinator's valid filters and sorted,
    newest first unless another order is chosen. A filter whose value is not valid is left out,
    and is an error on its field in `filters.form`."""
    return filters.narrow(queue.order_by(*QUEUE_SORTS[DEFAULT_QUEUE_SORT]))


def review_by(*, application: Application, reviewer) -> Review | None:
    """`reviewer`'s own review of `application` (or their declared conflict), if any."""
    return Review.objects.filter(application=application, reviewer=reviewer).first()


@made_once
def _applications_as_read_for_a_page() -> QuerySet[Application]:
    """Submitted applications (at some point: not drafts, nor drafts withdrawn before anyone was
    meant to read them) with their intake and applicant's profile, and `places_taken` (the
    intake's accepted applications)."""
    return (
        Application.objects.filter(submitted_at__isnull=False)
        .select_related("intake", "applicant__applicant_profile")
        .annotate(
            places_taken=Subquery(
                Application.objects.filter(intake=OuterRef("intake"), status=Status.ACCEPTED)
                .order_by()
                .values(n=RowCount())
            ),
        )
    )


def application_for_coordinator(*, user, pk: int) -> Application:
    """One application with its intake and applicant's profile, as `user` may see it; Http404 when they
    may not. It carries, read in the same query, `revealed_to_viewer` (whether `user` chose to see who
    applied: `identity_revealed`) and `places_taken` (the intake's accepted applications)."""
    if sees_every_application(user):
        # Read with the statement built once.
        found = _APPLICATION_FOR_A_COORDINATOR.instances(viewer=user.pk, pk=pk)
        if not found:
            raise Http404("No Application matches the given query.")
        return found[0]
    visible = applications_visible_to(user, among=_applications_as_read_for_a_page())
    return get_object_or_404(_application_as_read_by(visible, viewer=user.pk), pk=pk)


def _application_as_read_by(applications: QuerySet[Application], *, viewer) -> QuerySet[Application]:
    """`applications` (of `_applications_as_read_for_a_page`) with `revealed_to_viewer`; the viewer's
    ID a value or a `Parameter`."""
    return applications.annotate(
        revealed_to_viewer=Exists(
            IdentityReveal.objects.filter(application=OuterRef("pk"), coordinator_id=viewer)
        )
    )


_APPLICATION_FOR_A_COORDINATOR = KeptStatement(
    lambda: (
        _application_as_read_by(
            _applications_as_read_for_a_page(), viewer=Parameter("viewer", BigIntegerField())
        )
        .filter(pk=Parameter("pk", BigIntegerField()))
        .order_by()
    )
)


def decisions_open(*, application: Application) -> list[Transition]:
    """The decisions a coordinator may take on `application` now, in the workflow table's order.

    A submitted application counts as in review: `application_decide` takes it there first.
    """
    source = Status.IN_REVIEW if application.status == Status.SUBMITTED else Status(application.status)
    return [move for move in moves_from(source, Role.COORDINATOR) if move.target in DECISIONS]


def identity_revealed(*, application: Application, viewer) -> bool:
    """Whether `viewer` chose to see who applied to `application` (and so may no longer score it)."""
    return IdentityReveal.objects.filter(application=application, coordinator=viewer).exists()


def identity_visible(*, application: Application, viewer) -> bool:
    """Whether `viewer` (a coordinator) may see who applied.

    Always, except in a blind review before the decision; there, only a
    coordinator who chose to see it in order to decide (`application_identity_reveal`).
    """
    if not application.intake.blind_review or application.status in DECISIONS:
        return True
    return identity_revealed(application=application, viewer=viewer)


@dataclass(frozen=True)
class Places:
    total: int
    taken: int

    @property
    def full(self) -> bool:
        return self.taken >= self.total


def intake_places(*, application: Application) -> Places:
    """How many of the places of `application`'s intake (from `application_for_coordinator`) accepted
    applications take (shown, not enforced: the coordinators may accept beyond the places, expecting
    some to leave)."""
    return Places(total=application.intake.places, taken=application.places_taken)


# --- One application as a coordinator's page shows it ----------------------------------------


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    from_status: str
    to_status: str
    by: str
    reason: str
    internal_note: str


@dataclass(frozen=True)
class ReviewRow:
    reviewer: str
    is_mine: bool
    scores: list[int | None]
    score: Decimal | None
    comment: str
    conflict: bool
    updated_at: datetime


@dataclass(frozen=True)
class ApplicationDetail:
    """One application as `viewer` (a coordinator) reads it, and what they may do with it."""

    application: Application
    intake: Intake
    # The application's codes in words (its status, sector, stage, mentor and meeting wishes).
    status_label: str
    sector_label: str
    stage_label: str
    woman_mentor_label: str
    meeting_mode_label: str
    identity_visible: bool
    # Seen by this coordinator only because they chose to: the others still review blind.
    identity_revealed: bool
    reveal_offered: bool
    scoring_closed_by_reveal: bool
    profile_facts: list[tuple[str, str]]
    support_needs: list[str]
    mentor_languages: list[str]
    history: list[HistoryRow]
    criteria: list[dict]
    reviews: list[ReviewRow]
    average_score: Decimal | None
    conflict: bool
    conflict_offered: bool
    # For the forms: the viewer's own review, whether they may score, and the decisions they may take.
    own_review: Review | None
    scoring_open: bool
    decisions: list[Transition]
    # Where the applicant's profile falls outside the intake's target groups, in words; empty when it fits.
    outside_target_groups: list[str]


def outside_target_groups(application: Application) -> list[str]:
    """Why `application`'s applicant falls outside its intake's target groups, in words; empty when not."""
    return [str(reason.label) for reason in application_outside_target_groups(application)]


PROFILE = "applicant__applicant_profile__"
# What a queue row shows, read as values rather than as an application, an account and a profile
# each: the application's own columns, the figures of `applications_in_queue`, and what the
# target-group rule reads of the applicant's profile (its id is None without a profile).
QUEUE_ROW_VALUES = (
    "pk",
    "status",
    "idea_title",
    "submitted_at",
    "average_score",
    "review_count",
    f"{PROFILE}id",
    *(f"{PROFILE}{field}" for field in PROFILE_ANSWERS),
)


def queue_outside_target_groups(row: dict, *, intake: Intake, submitted_on: date | None) -> tuple[str, ...]:
    """`outside_target_groups` of an application of `intake` read as `QUEUE_ROW_VALUES`, submitted
    on `submitted_on` (the day where the coordinator is)."""
    if submitted_on is None or row[f"{PROFILE}id"] is None:
        return ()
    answers = EligibilityAnswers(**{field: row[f"{PROFILE}{field}"] for field in PROFILE_ANSWERS})
    return tuple(
        str(reason.label)
        for reason in eligibility_reasons(intake=intake, answers=answers, today=submitted_on)
    )


# What the page shows of the people who reviewed or changed an application: their name
# (`person_name`), not their account's other columns.
_NAME_ONLY = tuple(f"{{person}}__{field}" for field in PERSON_NAME_FIELDS)


@made_once
def _reviews_with_reviewer() -> QuerySet[Review]:
    """Reviews with their reviewer's name, oldest first."""
    fields = [field.name for field in Review._meta.concrete_fields]
    names = [field.format(person="reviewer") for field in _NAME_ONLY]
    return Review.objects.select_related("reviewer").only(*fields, *names).order_by("created_at", "pk")


@made_once
def _status_changes_with_actor() -> QuerySet[StatusChange]:
    """Changes of status with the name of who made them, oldest first."""
    fields = [field.name for field in StatusChange._meta.concrete_fields]
    names = [field.format(person="actor") for field in _NAME_ONLY]
    return StatusChange.objects.select_related("actor").only(*fields, *names).order_by("at", "pk")


# An application's reviews and changes of status, with statements built once per process.
_REVIEWS = KeptStatement(
    lambda: _reviews_with_reviewer().filter(application_id=Parameter("application", BigIntegerField()))
)
_STATUS_CHANGES = KeptStatement(
    lambda: _status_changes_with_actor().filter(application_id=Parameter("application", BigIntegerField()))
)


def application_detail(*, application: Application, viewer) -> ApplicationDetail:
    """`application` (from `application_for_coordinator` for `viewer`) as `viewer` may read it: who
    applied only when `identity_visible`, its history, everyone's reviews and their mean, and what
    `viewer` may still do. Reads the history and the reviews: two queries.

    Having seen who applied, a coordinator may decide but no longer score: reviewers stay blind. A
    coordinator who declared a conflict of interest neither scores nor decides.
    """
    revealed = application.revealed_to_viewer
    still_blind = application.intake.blind_review and application.status not in DECISIONS
    # As `identity_visible` decides it, with the reveal read once.
    identity = not still_blind or revealed
    reviews = _REVIEWS.instances(application=application.pk)
    own_review = next((review for review in reviews if review.reviewer_id == viewer.pk), None)
    conflict = own_review is not None and own_review.conflict_of_interest
    weights = application.intake.rubric_weights
    moves = decisions_open(application=application)
    history = [
        HistoryRow(
            at=change.at,
            from_status=label_of(ApplicationStatus, change.from_status),
            to_status=label_of(ApplicationStatus, change.to_status),
            # The applicant acts under their own name: in a blind review that would give it away.
            by=_("The applicant")
            if change.actor_id == application.applicant_id
            else person_name(change.actor),
            reason=change.reason,
            internal_note=change.internal_note,
        )
        for change in _STATUS_CHANGES.instances(application=application.pk)
    ]
    review_rows = [
        ReviewRow(
            reviewer=person_name(review.reviewer),
            is_mine=review.reviewer_id == viewer.pk,
            scores=[review.scores.get(criterion.key) for criterion in DEFAULT_RUBRIC],
            score=review.score,
            comment=review.comment,
            conflict=review.conflict_of_interest,
            updated_at=review.updated_at,
        )
        for review in reviews
    ]
    scored = [review.score for review in reviews if review.score is not None]
    return ApplicationDetail(
        application=application,
        intake=application.intake,
        status_label=label_of(ApplicationStatus, application.status),
        sector_label=label_of(BusinessSector, application.business_sector),
        stage_label=label_of(Stage, application.stage),
        woman_mentor_label=label_of(WomanMentor, application.woman_mentor),
        meeting_mode_label=label_of(MeetingMode, application.meeting_mode),
        identity_visible=identity,
        identity_revealed=revealed and still_blind,
        reveal_offered=not identity and bool(moves) and not conflict,
        scoring_closed_by_reveal=revealed and application.status in REVIEWABLE,
        profile_facts=applicant_profile_facts(
            getattr(application.applicant, "applicant_profile", None),
            contact=identity,
            age_and_gender=identity,
            employer=False,
        ),
        support_needs=labels_of(SupportNeed, application.support_needs),
        mentor_languages=labels_of(Language, application.mentor_languages),
        history=history,
        criteria=[
            {"label": criterion.label, "weight": weights.get(criterion.key, 0)}
            for criterion in DEFAULT_RUBRIC
        ],
        reviews=review_rows,
        average_score=(sum(scored) / len(scored)).quantize(Decimal("0.01")) if scored else None,
        conflict=conflict,
        conflict_offered=not conflict and application.status not in CLOSED_TO_CONFLICTS,
        own_review=own_review,
        scoring_open=application.status in REVIEWABLE and not conflict and not revealed,
        decisions=moves if not conflict else [],
        outside_target_groups=outside_target_groups(application),
    )


def applications_visible_to(user, *, among: QuerySet[Application] | None = None) -> QuerySet[Application]:
    """The applications (of `among`, else all) `user` may see: coordinators every one; anyone else
    only their own; anonymous people none."""
    applications = Application.objects.all() if among is None else among
    if not user.is_authenticated:
        return applications.none()
    if sees_every_application(user):
        return applications
    return applications.filter(applicant=user)


def sees_every_application(user) -> bool:
    """Whether `applications_visible_to(user)` is every application (a coordinator): the reads
    built once per process for everyone may then serve `user`."""
    return user.is_authenticated and is_coordinator(user)


# Kept importable from here, where the views and content's hook look for them.
from mentoring.applications.selectors.intakes import (  # noqa: E402, F401
    CLOSED,
    OPEN,
    UPCOMING,
    IntakeState,
    intake_next_for,
    intake_open_for,
    intake_state,
    intakes_open,
)

# The review queue's reads live in their own module; read from here as before.
from mentoring.applications.selectors.queue import (  # noqa: E402, F401
    applications_in_queue,
    queue_listed,
)
