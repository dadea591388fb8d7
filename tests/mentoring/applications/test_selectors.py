"""Reads that filter by who asks: what each role sees, the review queue, the open intake of a programme."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from wagtail.models import Locale

from mentoring.applications import selectors
from mentoring.applications.services import application_withdraw
from mentoring.applications.workflow import DECISIONS, Role, Status
from portal import roles
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_applications(intake):
    """Two people's submitted applications to the same intake."""
    return [factories.ApplicationFactory(intake=intake, status=Status.SUBMITTED) for _ in range(2)]


# --- applications_visible_to ----------------------------------------------------


def test_applications_visible_to_anonymous_is_empty(two_applications):
    assert list(selectors.applications_visible_to(AnonymousUser())) == []


def test_applications_visible_to_applicant_is_only_their_own(two_applications):
    mine, _theirs = two_applications

    assert list(selectors.applications_visible_to(mine.applicant)) == [mine]


@pytest.mark.parametrize("role", [roles.MENTORS, roles.EDITORS, roles.MODERATORS])
def test_applications_visible_to_mentor_or_editor_is_none_of_others(two_applications, role):
    assert list(selectors.applications_visible_to(factories.user_with_role(role))) == []


def test_applications_visible_to_coordinator_is_every_application(two_applications, coordinator):
    drafts = [factories.ApplicationFactory(intake=two_applications[0].intake)]

    assert set(selectors.applications_visible_to(coordinator)) == set(two_applications + drafts)


def test_only_those_who_see_every_application_are_read_with_the_statements_built_once(
    two_applications, coordinator
):
    """The coordinators' application page and queue skip `applications_visible_to` for exactly
    the people to whom it gives every application."""
    people = [
        AnonymousUser(),
        two_applications[0].applicant,
        factories.user_with_role(roles.MENTORS),
        factories.verified_user(is_staff=True),
        coordinator,
    ]
    every = set(two_applications)

    for person in people:
        sees_all = set(selectors.applications_visible_to(person)) == every
        assert selectors.sees_every_application(person) is sees_all, person


def test_applications_visible_to_staff_without_coordinator_role_is_only_own(two_applications):
    staff = factories.verified_user(is_staff=True)

    assert list(selectors.applications_visible_to(staff)) == []


# --- applications_in_queue --------------------------------------------------------


def queue(intake, reviewer) -> dict:
    return {a.pk: a for a in selectors.applications_in_queue(intake=intake, reviewer=reviewer)}


def test_applications_in_queue_leaves_out_drafts(application_in, intake, coordinator):
    submitted = application_in(Status.SUBMITTED)
    application_in(Status.DRAFT)

    assert list(queue(intake, coordinator)) == [submitted.pk]


def test_applications_in_queue_keeps_every_status_after_submission(application_in, intake, coordinator, now):
    later = [application_in(s) for s in (Status.SUBMITTED, Status.IN_REVIEW, *sorted(DECISIONS))]
    withdrawn_after_submission = application_withdraw(
        application=application_in(Status.SUBMITTED), actor=coordinator, role=Role.COORDINATOR, now=now
    )
    application_in(Status.WITHDRAWN)  # withdrawn as a draft: never submitted, not for review

    assert set(queue(intake, coordinator)) == {a.pk for a in later} | {withdrawn_after_submission.pk}


def test_applications_in_queue_is_only_the_intakes(application_in, intake, coordinator):
    mine = application_in(Status.SUBMITTED)
    factories.ApplicationFactory(intake=factories.IntakeFactory(), status=Status.SUBMITTED)

    assert list(queue(intake, coordinator)) == [mine.pk]


def test_applications_in_queue_hides_the_reviewers_conflicts_only(application_in, intake, coordinator):
    conflicted = application_in(Status.SUBMITTED)
    other_reviewer = factories.coordinator_user()
    factories.ReviewFactory(application=conflicted, reviewer=coordinator, conflict=True)

    assert conflicted.pk not in queue(intake, coordinator)
    assert conflicted.pk in queue(intake, other_reviewer)


def test_applications_in_queue_averages_scores_without_conflict_rows(application_in, intake, coordinator):
    application = application_in(Status.SUBMITTED)
    factories.ReviewFactory(application=application, score=Decimal("4.00"))
    factories.ReviewFactory(application=application, score=Decimal("2.50"))
    factories.ReviewFactory(application=application, conflict=True)

    row = queue(intake, coordinator)[application.pk]

    assert (row.average_score, row.review_count) == (Decimal("3.25"), 2)


def test_applications_in_queue_unreviewed_has_no_average(application_in, intake, coordinator):
    application = application_in(Status.SUBMITTED)

    row = queue(intake, coordinator)[application.pk]

    assert (row.average_score, row.review_count) == (None, 0)


def test_applications_in_queue_counts_other_reviewers_when_one_has_a_conflict(
    application_in, intake, coordinator
):
    # The conflict filter must not drop the other reviewers' rows from the aggregate.
    application = application_in(Status.SUBMITTED)
    other_reviewer = factories.coordinator_user()
    factories.ReviewFactory(application=application, reviewer=coordinator, score=Decimal("5.00"))
    factories.ReviewFactory(application=application, reviewer=other_reviewer, score=Decimal("3.00"))
    factories.ReviewFactory(application=application, conflict=True)

    row = queue(intake, other_reviewer)[application.pk]

    assert (row.average_score, row.review_count) == (Decimal("4.00"), 2)


def test_queue_outside_target_groups_of_a_row_read_as_values_is_the_applications(
    application_in, intake, coordinator
):
    # The queue reads its rows as values; the rule must judge them as it judges the application.
    intake.for_women = True
    intake.save(update_fields=["for_women"])
    fitting = application_in(Status.SUBMITTED)
    outside = application_in(
        Status.IN_REVIEW,
        applicant=factories.ApplicantFactory(profile__gender="man", profile__municipality="other"),
    )
    without_profile = application_in(Status.SUBMITTED, applicant=factories.verified_user())
    applications = {a.pk: a for a in (fitting, outside, without_profile)}

    rows = selectors.applications_in_queue(intake=intake, reviewer=coordinator).values(
        *selectors.QUEUE_ROW_VALUES
    )
    judged = {
        row["pk"]: selectors.queue_outside_target_groups(
            row, intake=intake, submitted_on=timezone.localdate(row["submitted_at"])
        )
        for row in rows
    }

    assert judged == {pk: tuple(selectors.outside_target_groups(a)) for pk, a in applications.items()}
    assert judged[fitting.pk] == judged[without_profile.pk] == () and len(judged[outside.pk]) == 2


@pytest.mark.parametrize("role", [roles.MENTORS, roles.EDITORS])
def test_applications_in_queue_is_empty_for_non_coordinators(application_in, intake, role):
    application_in(Status.SUBMITTED)

    assert queue(intake, factories.user_with_role(role)) == {}


# --- intake_open_for / intake_next_for ------------------------------------------------

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def intake_between(programme, opens_at, closes_at, **kwargs):
    return factories.IntakeFactory(programme=programme, opens_at=opens_at, closes_at=closes_at, **kwargs)


@pytest.fixture
def programme(site_tree):
    return site_tree.programme


@pytest.fixture
def english_programme(programme):
    locale = Locale.objects.create(language_code="en")
    translation = programme.copy_for_translation(locale, copy_parents=True)
    translation.title = "Women's entrepreneurship"
    translation.save_revision().publish()
    return translation


def test_intake_open_for_finds_the_intake_open_now(programme):
    intake_between(programme, NOW - 30 * DAY, NOW - DAY)
    open_now = intake_between(programme, NOW - DAY, NOW + DAY)

    assert selectors.intake_open_for(programme=programme, now=NOW) == open_now


def test_intake_open_for_finds_it_through_a_translation(programme, english_programme):
    intake = intake_between(programme, NOW - DAY, NOW + DAY)

    assert selectors.intake_open_for(programme=english_programme, now=NOW) == intake


def test_intake_open_for_finds_an_intake_attached_to_the_translation(programme, english_programme):
    intake = intake_between(english_programme, NOW - DAY, NOW + DAY)

    assert selectors.intake_open_for(programme=programme, now=NOW) == intake


@pytest.mark.parametrize(
    ("opens_at", "closes_at", "is_open"),
    [
        (NOW, NOW + DAY, True),
        (NOW - DAY, NOW, False),
        (NOW + dt.timedelta(seconds=1), NOW + DAY, False),
    ],
    ids=["opens-this-moment", "closes-this-moment", "opens-in-a-second"],
)
def test_intake_open_for_respects_opening_and_closing_at_now(programme, opens_at, closes_at, is_open):
    intake = intake_between(programme, opens_at, closes_at)

    assert selectors.intake_open_for(programme=programme, now=NOW) == (intake if is_open else None)


def test_intake_open_for_ignores_other_programmes(site_tree, programme):
    other = factories.ProgrammePageFactory(parent=site_tree.programme_index)
    intake_between(other, NOW - DAY, NOW + DAY)

    assert selectors.intake_open_for(programme=programme, now=NOW) is None


def test_intake_open_for_prefers_the_one_closing_first(programme):
    intake_between(programme, NOW - DAY, NOW + 20 * DAY)
    closing_first = intake_between(programme, NOW - 2 * DAY, NOW + 10 * DAY)

    assert selectors.intake_open_for(programme=programme, now=NOW) == closing_first


def test_intake_next_for_is_the_next_to_open(programme, english_programme):
    intake_between(programme, NOW - DAY, NOW + DAY)
    intake_between(programme, NOW + 20 * DAY, NOW + 40 * DAY)
    next_one = intake_between(programme, NOW + 10 * DAY, NOW + 40 * DAY)

    assert selectors.intake_next_for(programme=english_programme, now=NOW) == next_one


# --- application_detail -----------------------------------------------------------------


def _detail(application, viewer):
    loaded = selectors.application_for_coordinator(user=viewer, pk=application.pk)
    return selectors.application_detail(application=loaded, viewer=viewer)


def test_application_detail_lets_a_coordinator_score_and_decide_a_submitted_application(
    application_in, coordinator
):
    detail = _detail(application_in(Status.SUBMITTED), coordinator)

    assert detail.scoring_open and detail.identity_visible and not detail.reveal_offered
    assert {move.target for move in detail.decisions} == set(DECISIONS)
    assert detail.conflict_offered and detail.own_review is None


def test_application_detail_after_a_declared_conflict_offers_neither_scoring_nor_a_decision(
    application_in, coordinator
):
    application = application_in(Status.SUBMITTED)
    factories.ReviewFactory(application=application, reviewer=coordinator, conflict=True)

    detail = _detail(application, coordinator)

    assert detail.conflict and not detail.conflict_offered
    assert not detail.scoring_open and detail.decisions == [] and not detail.reveal_offered
    assert [row.conflict for row in detail.reviews] == [True]


def test_application_detail_in_a_blind_review_hides_who_applied_and_offers_to_reveal_it(
    intake, coordinator, now
):
    intake.blind_review = True
    intake.save()
    application = factories.ApplicationFactory(intake=intake, status=Status.SUBMITTED, now=now)

    detail = _detail(application, coordinator)

    assert not detail.identity_visible and detail.reveal_offered and detail.scoring_open
    shown = {value for _label, value in detail.profile_facts}
    assert application.applicant.email not in shown and "1985" not in shown
    assert application.applicant.applicant_profile.full_name not in {row.by for row in detail.history}


def test_application_detail_averages_the_scores_given_to_two_decimals(application_in, coordinator):
    application = application_in(Status.SUBMITTED)
    factories.ReviewFactory(
        application=application, scores={"viability": 5, "motivation": 5, "need": 5, "fit": 5}
    )
    factories.ReviewFactory(
        application=application, scores={"viability": 2, "motivation": 3, "need": 2, "fit": 4}
    )
    factories.ReviewFactory(application=application, conflict=True)

    detail = _detail(application, coordinator)

    scores = [row.score for row in detail.reviews if row.score is not None]
    assert detail.average_score == (sum(scores) / 2).quantize(Decimal("0.01"))


def test_intakes_open_is_what_is_open_at_the_moment_given(intake, now):
    closed = factories.IntakeFactory(closed=True)
    assert [state.intake for state in selectors.intakes_open(now=now)] == [intake]
    before_it_closed = closed.closes_at - dt.timedelta(hours=1)
    assert [state.intake for state in selectors.intakes_open(now=before_it_closed)] == [closed, intake]
    assert selectors.intakes_open(now=intake.closes_at + dt.timedelta(days=400)) == []
