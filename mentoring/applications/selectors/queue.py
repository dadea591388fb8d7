"""The review queue: an intake's submitted applications for one reviewer, with their scores, as
`Paginator` reads them. Importable from `mentoring.applications.selectors`."""

import functools
from typing import TYPE_CHECKING

import django_filters
from django.db.models import Avg, BigIntegerField, CharField, Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from mentoring.applications.selectors import (
    DEFAULT_QUEUE_SORT,
    QUEUE_ROW_VALUES,
    QUEUE_SORTS,
    applications_matching,
    applications_visible_to,
    sees_every_application,
)
from mentoring.core.expressions import RowCount
from mentoring.core.querysets import KeptList, KeptStatement, Parameter
from mentoring.models import Application, Intake, Review

if TYPE_CHECKING:
    from mentoring.applications.filters import QueueFilter


def _review_figure(aggregate):
    """One figure over an application's reviews (conflicts left out), as a correlated subquery."""
    return Subquery(
        Review.objects.filter(application=OuterRef("pk"), conflict_of_interest=False)
        .order_by()
        .values("application")
        .annotate(value=aggregate)
        .values("value")
    )


@functools.cache
def _queue_figures() -> dict[str, Subquery | Coalesce]:
    """`applications_in_queue`'s figures: the same expressions for every queue, so built once a
    process (annotate copies them, never changes them); building them was a third of building the queue."""
    return {
        "average_score": _review_figure(Avg("score")),
        "review_count": Coalesce(_review_figure(Count("pk")), 0),
    }


def _queue_of(applications: QuerySet[Application], *, intake_id, reviewer_id) -> QuerySet[Application]:
    """`applications_in_queue` of `applications` (those the reviewer may see); the IDs are values
    or `Parameter`s."""
    stepped_aside = Review.objects.filter(reviewer_id=reviewer_id, conflict_of_interest=True).values(
        "application"
    )
    return (
        # Submitted at some point: not drafts, nor drafts withdrawn before anyone was meant to read them.
        applications.filter(intake_id=intake_id, submitted_at__isnull=False)
        # A subquery, not exclude(reviews__reviewer=…, reviews__conflict_of_interest=True): that
        # matches the two conditions on *different* reviews, hiding an application from a reviewer
        # as soon as anyone else declared a conflict on it.
        .exclude(pk__in=stepped_aside)
        .select_related("applicant__applicant_profile", "intake")
        # Correlated subqueries rather than a GROUP BY over the whole intake: the database
        # computes them only for the rows of the page shown (unless the page is sorted by score).
        .annotate(**_queue_figures())
    )


def applications_in_queue(*, intake: Intake, reviewer) -> QuerySet[Application]:
    """The review queue of `intake` for `reviewer`: submitted or later, without those they stepped aside from.

    Each row carries `average_score` (the mean of the reviews' weighted scores) and
    `review_count`, and the applicant's profile, in one query.
    """
    return _queue_of(applications_visible_to(reviewer), intake_id=intake.pk, reviewer_id=reviewer.pk)


class _QueueValues:
    """A queue (a queryset) as `Paginator` reads it, each page as `QUEUE_ROW_VALUES`."""

    ordered = True

    def __init__(self, queue: QuerySet[Application]):
        self._queue = queue

    def count(self) -> int:
        return self._queue.count()

    def __getitem__(self, window: slice) -> list[dict]:
        return list(self._queue[window].values(*QUEUE_ROW_VALUES))


@functools.cache
def _kept_queue(sort: str, narrowed_by: tuple[tuple[str, str], ...]) -> tuple[KeptStatement, KeptStatement]:
    """The statements reading a coordinator's queue sorted by `sort` and narrowed by these choice
    filters ((name, field name) pairs: the code's own, at most 4 sorts × 2⁵ sets of them), as
    `QUEUE_ROW_VALUES` and counted: the intake, the reviewer and each filter's value are parameters."""

    def queue() -> QuerySet[Application]:
        # For one who sees every application (`sees_every_application`).
        narrowed = _queue_of(
            Application.objects.all(),
            intake_id=Parameter("intake", BigIntegerField()),
            reviewer_id=Parameter("reviewer", BigIntegerField()),
        )
        for name, field_name in narrowed_by:
            narrowed = narrowed.filter(**{f"{field_name}__exact": Parameter(name, CharField())})
        return narrowed

    return (
        KeptStatement(lambda: queue().order_by(*QUEUE_SORTS[sort]).values(*QUEUE_ROW_VALUES)),
        KeptStatement(lambda: queue().order_by().values(n=RowCount())),
    )


def queue_listed(*, intake: Intake, reviewer, filters: "QueueFilter") -> "KeptList | _QueueValues":
    """`applications_matching(applications_in_queue(…))` as `Paginator` reads a list, each page's
    rows as `QUEUE_ROW_VALUES`.

    A coordinator's queue narrowed by choices only (no search) is read with statements built once
    per process (`_kept_queue`); a search, or anyone else's queue, is built as a queryset each time.
    """
    chosen = {}
    if filters.is_bound:
        filters.errors  # noqa: B018 - cleans the form: an invalid value is left out of cleaned_data
        chosen = {name: value for name, value in filters.form.cleaned_data.items() if value}
    sort = chosen.pop("sort", None) or DEFAULT_QUEUE_SORT
    choices = {name: filters.filters[name] for name in chosen}
    kept = (
        sees_every_application(reviewer)
        and sort in QUEUE_SORTS
        # Text columns compared with the value chosen, as django-filter's ChoiceFilter does.
        and all(
            type(choice) is django_filters.ChoiceFilter
            and choice.method is None
            and choice.lookup_expr == "exact"
            for choice in choices.values()
        )
    )
    if not kept:
        queue = applications_in_queue(intake=intake, reviewer=reviewer)
        return _QueueValues(applications_matching(queue, filters=filters))
    narrowed_by = tuple(sorted((name, choice.field_name) for name, choice in choices.items()))
    rows, counted = _kept_queue(sort, narrowed_by)
    return KeptList(rows, counted=counted, intake=intake.pk, reviewer=reviewer.pk, **chosen)
