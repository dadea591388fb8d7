"""The application services: only the workflow's moves happen, each leaves a log row, and the rules hold."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from mentoring.applications import selectors as review_selectors
from mentoring.applications import services
from mentoring.applications import services as reviews
from mentoring.applications.services import (
    ApplicationIncomplete,
    IntakeClosed,
    TransitionNotAllowed,
    eligibility_refusal_count,
)
from mentoring.applications.workflow import FINAL, OPEN, TRANSITIONS, Role, Status, may_move
from mentoring.core.choices import IneligibilityReason, Stage
from mentoring.models import Application, EligibilityRefusal, IdentityReveal, Review, StatusChange
from mentoring.models.application import Step
from tests import factories

pytestmark = pytest.mark.django_db

ALLOWED = [(t.source, t.target, role) for t in TRANSITIONS for role in sorted(t.roles)]
DISALLOWED = [
    (source, target, role)
    for source in Status
    for target in Status
    for role in Role
    if source != target and not may_move(source, target, role)
]


def log_of(application) -> list[tuple[str, str, str]]:
    return list(
        StatusChange.objects.filter(application=application).values_list("from_status", "to_status", "reason")
    )


def snapshot(application) -> tuple:
    """What a refused change must leave as it was."""
    application.refresh_from_db()
    return (
        application.status,
        application.submitted_at,
        application.decided_at,
        application.decision_reason,
        application.status_changes.count(),
    )


# --- Transitions ---------------------------------------------------------------


@pytest.mark.parametrize(("source", "target", "role"), ALLOWED, ids=lambda v: str(v))
def test_application_transition_allowed_move_is_made_and_logged(
    application_in, coordinator, now, source, target, role
):
    application = application_in(source)
    actor = application.applicant if role == Role.APPLICANT else coordinator
    at = now + dt.timedelta(hours=1)

    moved = services.application_transition(
        application=application,
        target=target,
        actor=actor,
        role=role,
        now=at,
        reason="Skäl som sökande ser",
        internal_note="Bara för samordnare",
    )

    moved.refresh_from_db()
    assert moved.status == target
    change = moved.status_changes.last()
    assert (change.actor, change.at, change.from_status, change.to_status) == (actor, at, source, target)
    assert (change.reason, change.internal_note) == ("Skäl som sökande ser", "Bara för samordnare")


@pytest.mark.parametrize(("source", "target", "role"), DISALLOWED, ids=lambda v: str(v))
def test_application_transition_disallowed_move_raises_and_changes_nothing(
    application_in, coordinator, now, source, target, role
):
    application = application_in(source)
    before = snapshot(application)

    with pytest.raises(TransitionNotAllowed):
        services.application_transition(
            application=application, target=target, actor=coordinator, role=role, now=now, reason="Nej"
        )

    assert snapshot(application) == before


def test_application_transition_decision_records_time_and_reason(application_in, coordinator, now):
    application = application_in(Status.IN_REVIEW)
    later = now + dt.timedelta(days=3)

    services.application_transition(
        application=application,
        target=Status.REJECTED,
        actor=coordinator,
        role=Role.COORDINATOR,
        now=later,
        reason="Idén ligger utanför programmets inriktning.",
    )

    application.refresh_from_db()
    assert application.decided_at == later
    assert application.decision_reason == "Idén ligger utanför programmets inriktning."


# --- Submit ----------------------------------------------------------------------


def test_application_submit_moves_complete_draft_to_submitted_at_now(draft, applicant, now):
    services.application_submit(application=draft, actor=applicant, now=now)

    draft.refresh_from_db()
    assert (draft.status, draft.submitted_at) == (Status.SUBMITTED, now)
    assert log_of(draft) == [(Status.DRAFT, Status.SUBMITTED, "")]
    assert draft.status_changes.get().actor == applicant


def test_application_submit_incomplete_names_the_missing_answers(intake, applicant, now):
    application = factories.ApplicationFactory(
        intake=intake, applicant=applicant, idea_title="", business_sector="", support_needs=[]
    )

    with pytest.raises(ApplicationIncomplete) as refused:
        services.application_submit(application=application, actor=applicant, now=now)

    assert refused.value.missing == {
        "idea_title": Step.IDEA,
        "business_sector": Step.MARKET,
        "support_needs": Step.NEEDS,
    }
    assert snapshot(application)[:2] == (Status.DRAFT, None)


def test_application_submit_registered_company_needs_organisation_number(intake, applicant, now):
    application = factories.ApplicationFactory(
        intake=intake, applicant=applicant, stage=Stage.REGISTERED, organisation_number=""
    )

    with pytest.raises(ApplicationIncomplete) as refused:
        services.application_submit(application=application, actor=applicant, now=now)

    assert refused.value.missing == {"organisation_number": Step.MARKET}


@pytest.mark.parametrize(
    "moment",
    [
        pytest.param(lambda intake: intake.closes_at, id="at-closing"),
        pytest.param(lambda intake: intake.closes_at + dt.timedelta(days=1), id="after-closing"),
        pytest.param(lambda intake: intake.opens_at - dt.timedelta(seconds=1), id="before-opening"),
    ],
)
def test_application_submit_outside_the_intake_raises_and_keeps_draft(draft, applicant, moment):
    before = snapshot(draft)

    with pytest.raises(IntakeClosed):
        services.application_submit(application=draft, actor=applicant, now=moment(draft.intake))

    assert snapshot(draft) == before


def test_application_submit_at_the_opening_moment_is_accepted(draft, applicant):
    services.application_submit(application=draft, actor=applicant, now=draft.intake.opens_at)

    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


def test_application_submit_checks_the_stored_answers_not_a_stale_copy(draft, applicant, now):
    # The submit page was loaded while the draft was complete; another tab has since emptied an answer.
    stale = Application.objects.get(pk=draft.pk)
    services.application_save_draft(application=draft, fields={"idea_title": ""}, step=Step.IDEA)

    with pytest.raises(ApplicationIncomplete) as refused:
        services.application_submit(application=stale, actor=applicant, now=now)

    assert "idea_title" in refused.value.missing
    assert snapshot(draft)[0] == Status.DRAFT


def test_application_submit_checks_the_stored_intake_not_a_stale_copy(draft, applicant, now):
    stale = Application.objects.select_related("intake").get(pk=draft.pk)
    type(draft.intake).objects.filter(pk=draft.intake_id).update(closes_at=now - dt.timedelta(minutes=1))

    with pytest.raises(IntakeClosed):
        services.application_submit(application=stale, actor=applicant, now=now)

    assert snapshot(draft)[0] == Status.DRAFT


def test_application_submit_twice_raises(application_in, now):
    application = application_in(Status.SUBMITTED)

    with pytest.raises(TransitionNotAllowed):
        services.application_submit(application=application, actor=application.applicant, now=now)

    assert application.status_changes.count() == 1


# --- Start and drafts --------------------------------------------------------------


def test_application_start_creates_a_draft_in_an_open_intake(intake, applicant, now):
    application = services.application_start(intake=intake, applicant=applicant, now=now)

    assert (application.intake, application.applicant, application.status) == (
        intake,
        applicant,
        Status.DRAFT,
    )
    assert Application.objects.count() == 1


def test_application_start_second_call_returns_the_existing_application(draft, applicant, now):
    again = services.application_start(intake=draft.intake, applicant=applicant, now=now)

    assert again.pk == draft.pk
    assert Application.objects.count() == 1


def test_application_start_returns_the_existing_application_after_closing(draft, applicant):
    after_closing = draft.intake.closes_at + dt.timedelta(days=1)

    assert services.application_start(intake=draft.intake, applicant=applicant, now=after_closing) == draft


def test_application_start_closed_intake_raises_and_creates_nothing(applicant, now):
    closed = factories.IntakeFactory(closed=True)

    with pytest.raises(IntakeClosed):
        services.application_start(intake=closed, applicant=applicant, now=now)

    assert not Application.objects.exists()


def test_application_one_per_person_per_intake_is_a_database_constraint(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(intake=draft.intake, applicant=draft.applicant)


def test_application_start_same_person_may_apply_to_another_intake(draft, applicant, now):
    other = factories.IntakeFactory()

    second = services.application_start(intake=other, applicant=applicant, now=now)

    assert second.pk != draft.pk


def test_application_save_draft_stores_answers_and_step(draft):
    services.application_save_draft(application=draft, fields={"idea_title": "Robotsvets"}, step=Step.MARKET)

    draft.refresh_from_db()
    assert (draft.idea_title, draft.step) == ("Robotsvets", Step.MARKET)


def test_application_save_draft_refuses_a_submitted_application(application_in):
    application = application_in(Status.SUBMITTED)
    title = application.idea_title

    with pytest.raises(TransitionNotAllowed):
        services.application_save_draft(
            application=application, fields={"idea_title": "Ändrad"}, step=Step.IDEA
        )

    application.refresh_from_db()
    assert application.idea_title == title


# --- Decisions -----------------------------------------------------------------------


def test_application_decide_from_submitted_goes_through_review(application_in, coordinator, now):
    application = application_in(Status.SUBMITTED)

    services.application_decide(
        application=application, decision=Status.ACCEPTED, actor=coordinator, now=now, reason="Stark idé."
    )

    application.refresh_from_db()
    assert application.status == Status.ACCEPTED
    assert log_of(application)[1:] == [
        (Status.SUBMITTED, Status.IN_REVIEW, ""),
        (Status.IN_REVIEW, Status.ACCEPTED, "Stark idé."),
    ]
    assert {c.actor for c in application.status_changes.all()[1:]} == {coordinator}


def test_application_decide_goes_by_the_stored_status_not_a_stale_copy(application_in, coordinator, now):
    # The coordinator opened the application while it was submitted; a colleague's review
    # has since taken it into review. Deciding must not try to take it into review again.
    application = application_in(Status.SUBMITTED)
    stale = Application.objects.get(pk=application.pk)
    reviews.review_record(
        application=application, reviewer=factories.coordinator_user(), scores=SCORES, comment="", now=now
    )

    services.application_decide(
        application=stale, decision=Status.ACCEPTED, actor=coordinator, now=now, reason="Ja."
    )

    assert log_of(application)[1:] == [
        (Status.SUBMITTED, Status.IN_REVIEW, ""),
        (Status.IN_REVIEW, Status.ACCEPTED, "Ja."),
    ]


def test_application_decide_waitlisted_may_then_be_accepted(application_in, coordinator, now):
    application = application_in(Status.WAITLISTED)

    services.application_decide(
        application=application,
        decision=Status.ACCEPTED,
        actor=coordinator,
        now=now,
        reason="En plats blev ledig.",
    )

    assert log_of(application)[-1] == (Status.WAITLISTED, Status.ACCEPTED, "En plats blev ledig.")


@pytest.mark.parametrize("not_a_decision", [Status.WITHDRAWN, Status.SUBMITTED, Status.DRAFT])
def test_application_decide_refuses_what_is_not_a_decision(application_in, coordinator, now, not_a_decision):
    application = application_in(Status.IN_REVIEW)
    before = snapshot(application)

    with pytest.raises(TransitionNotAllowed):
        services.application_decide(
            application=application, decision=not_a_decision, actor=coordinator, now=now, reason=""
        )

    assert snapshot(application) == before


def test_application_decide_refuses_a_draft(draft, coordinator, now):
    with pytest.raises(TransitionNotAllowed):
        services.application_decide(
            application=draft, decision=Status.ACCEPTED, actor=coordinator, now=now, reason="Ja"
        )

    assert snapshot(draft)[0] == Status.DRAFT


def test_applications_decide_skips_drafts_and_final_ones_and_reports_them(application_in, coordinator, now):
    decidable = [
        application_in(Status.SUBMITTED),
        application_in(Status.IN_REVIEW),
        application_in(Status.WAITLISTED),
    ]
    not_decidable = [
        application_in(Status.DRAFT),
        application_in(Status.ACCEPTED),
        application_in(Status.WITHDRAWN),
    ]
    untouched = [snapshot(a) for a in not_decidable]

    result = services.applications_decide(
        applications=decidable + not_decidable,
        decision=Status.REJECTED,
        actor=coordinator,
        now=now,
        reason="Fullt.",
    )

    assert result.decided == [a.pk for a in decidable]
    assert result.skipped == [a.pk for a in not_decidable]
    assert set(Application.objects.filter(pk__in=result.decided).values_list("status", flat=True)) == {
        "rejected"
    }
    assert [snapshot(a) for a in not_decidable] == untouched


def test_application_decide_refuses_a_coordinator_who_declared_a_conflict(application_in, coordinator, now):
    application = application_in(Status.IN_REVIEW)
    reviews.review_declare_conflict(application=application, reviewer=coordinator)
    before = snapshot(application)

    with pytest.raises(services.ConflictOfInterest):
        services.application_decide(
            application=application, decision=Status.ACCEPTED, actor=coordinator, now=now, reason="Ja"
        )

    assert snapshot(application) == before


def test_applications_decide_skips_those_the_coordinator_stepped_aside_from(application_in, coordinator, now):
    free, stepped_aside = application_in(Status.IN_REVIEW), application_in(Status.IN_REVIEW)
    reviews.review_declare_conflict(application=stepped_aside, reviewer=coordinator)

    result = services.applications_decide(
        applications=[free, stepped_aside], decision=Status.ACCEPTED, actor=coordinator, now=now, reason=""
    )

    assert (result.decided, result.skipped) == ([free.pk], [stepped_aside.pk])
    assert snapshot(stepped_aside)[0] == Status.IN_REVIEW


def test_application_decide_refuses_when_the_status_changed_since_it_was_seen(
    application_in, coordinator, now
):
    application = application_in(Status.IN_REVIEW)
    colleague = factories.coordinator_user()
    services.application_decide(
        application=application, decision=Status.WAITLISTED, actor=colleague, now=now, reason="Kö"
    )
    before = snapshot(application)

    with pytest.raises(services.StaleDecision):
        services.application_decide(
            application=application,
            decision=Status.ACCEPTED,
            actor=coordinator,
            now=now,
            reason="Ja",
            expected_status=Status.IN_REVIEW,
        )

    assert snapshot(application) == before


# --- Withdraw --------------------------------------------------------------------------


@pytest.mark.parametrize("source", sorted(OPEN))
def test_application_withdraw_allowed_from_every_open_status(application_in, now, source):
    application = application_in(source)

    services.application_withdraw(
        application=application, actor=application.applicant, role=Role.APPLICANT, now=now
    )

    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert log_of(application)[-1][:2] == (source, Status.WITHDRAWN)


@pytest.mark.parametrize("source", sorted(FINAL))
def test_application_withdraw_refused_after_a_final_answer(application_in, now, source):
    application = application_in(source)
    before = snapshot(application)

    with pytest.raises(TransitionNotAllowed):
        services.application_withdraw(
            application=application, actor=application.applicant, role=Role.APPLICANT, now=now
        )

    assert snapshot(application) == before


# --- Reviews -----------------------------------------------------------------------------

SCORES = {"viability": 5, "motivation": 1, "need": 3, "fit": 3}


def test_review_record_weights_scores_with_the_intakes_weights(application_in, coordinator, now, intake):
    intake.rubric_weights = {"viability": 1, "motivation": 3, "need": 1, "fit": 1}
    intake.save()

    review = reviews.review_record(
        application=application_in(Status.SUBMITTED), reviewer=coordinator, scores=SCORES, comment="", now=now
    )

    # (5·1 + 1·3 + 3·1 + 3·1) / 6; the default weights (3, 2, 2, 1) would give 3.25.
    assert review.score == Decimal("2.33")
    review.refresh_from_db()
    assert review.score == Decimal("2.33")


def test_review_record_replaces_the_reviewers_earlier_review(application_in, coordinator, now):
    application = application_in(Status.SUBMITTED)
    reviews.review_record(
        application=application, reviewer=coordinator, scores=SCORES, comment="Först", now=now
    )

    reviews.review_record(
        application=application,
        reviewer=coordinator,
        scores={"viability": 2, "motivation": 2, "need": 2, "fit": 2},
        comment="Efter samtalet",
        now=now,
    )

    review = Review.objects.get(application=application)
    assert (review.score, review.comment) == (Decimal("2.00"), "Efter samtalet")


def test_review_record_refuses_a_reviewer_who_declared_a_conflict(application_in, coordinator, now):
    application = application_in(Status.SUBMITTED)
    reviews.review_declare_conflict(application=application, reviewer=coordinator)

    with pytest.raises(reviews.ReviewNotAllowed):
        reviews.review_record(
            application=application, reviewer=coordinator, scores=SCORES, comment="", now=now
        )

    review = Review.objects.get(application=application, reviewer=coordinator)
    assert (review.conflict_of_interest, review.score) == (True, None)
    assert snapshot(application)[0] == Status.SUBMITTED


def test_review_record_takes_a_submitted_application_into_review_once(application_in, coordinator, now):
    application = application_in(Status.SUBMITTED)
    second_reviewer = factories.coordinator_user()

    reviews.review_record(application=application, reviewer=coordinator, scores=SCORES, comment="", now=now)
    reviews.review_record(
        application=application, reviewer=second_reviewer, scores=SCORES, comment="", now=now
    )

    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    into_review = application.status_changes.filter(to_status=Status.IN_REVIEW)
    assert [c.actor for c in into_review] == [coordinator]


@pytest.mark.parametrize(
    "scores",
    [
        pytest.param({**SCORES, "viability": 0}, id="zero"),
        pytest.param({**SCORES, "fit": 6}, id="six"),
        pytest.param({**SCORES, "need": "4"}, id="text"),
        pytest.param({**SCORES, "charm": 5}, id="unknown-criterion"),
    ],
)
def test_review_record_refuses_bad_scores_and_changes_nothing(application_in, coordinator, now, scores):
    application = application_in(Status.SUBMITTED)

    with pytest.raises(ValueError):
        reviews.review_record(
            application=application, reviewer=coordinator, scores=scores, comment="", now=now
        )

    assert not Review.objects.exists()
    assert snapshot(application)[0] == Status.SUBMITTED


@pytest.mark.parametrize("status", [Status.DRAFT, Status.ACCEPTED, Status.WITHDRAWN])
def test_review_record_refuses_an_application_not_open_for_review(application_in, coordinator, now, status):
    application = application_in(status)

    with pytest.raises(TransitionNotAllowed):
        reviews.review_record(
            application=application, reviewer=coordinator, scores=SCORES, comment="", now=now
        )

    assert not Review.objects.exists()


def test_review_declare_conflict_drops_the_reviewers_scores(application_in, coordinator, now):
    application = application_in(Status.SUBMITTED)
    reviews.review_record(
        application=application, reviewer=coordinator, scores=SCORES, comment="Bra", now=now
    )

    reviews.review_declare_conflict(application=application, reviewer=coordinator)

    review = Review.objects.get(application=application, reviewer=coordinator)
    assert (review.conflict_of_interest, review.scores, review.score, review.comment) == (True, {}, None, "")


def test_review_declare_conflict_leaves_a_review_that_passes_its_model_validation(
    application_in, coordinator, now
):
    application = application_in(Status.SUBMITTED)

    review = reviews.review_declare_conflict(application=application, reviewer=coordinator)

    # No scores is what a declared conflict means, not a missing answer (a form on the model agrees).
    review.full_clean()


@pytest.mark.parametrize("status", [Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED, Status.WITHDRAWN])
def test_review_declare_conflict_refused_once_decided(application_in, coordinator, now, status):
    application = application_in(status)
    reviewer = factories.coordinator_user()
    factories.ReviewFactory(application=application, reviewer=reviewer)

    with pytest.raises(reviews.ReviewNotAllowed):
        reviews.review_declare_conflict(application=application, reviewer=reviewer)

    assert Review.objects.get(application=application, reviewer=reviewer).conflict_of_interest is False


# --- Seeing who applied in a blind review --------------------------------------------------


@pytest.fixture
def blind(intake):
    intake.blind_review = True
    intake.save()
    return intake


def test_application_identity_reveal_shows_who_applied_to_that_coordinator_only(
    blind, application_in, coordinator, now
):
    application = application_in(Status.SUBMITTED)
    other = factories.coordinator_user()
    assert not review_selectors.identity_visible(application=application, viewer=coordinator)

    reviews.application_identity_reveal(application=application, coordinator=coordinator, now=now)

    assert review_selectors.identity_visible(application=application, viewer=coordinator)
    assert not review_selectors.identity_visible(application=application, viewer=other)


def test_application_identity_reveal_is_logged_once_with_the_first_time(
    blind, application_in, coordinator, now
):
    application = application_in(Status.IN_REVIEW)

    first = reviews.application_identity_reveal(application=application, coordinator=coordinator, now=now)
    again = reviews.application_identity_reveal(
        application=application, coordinator=coordinator, now=now + dt.timedelta(hours=1)
    )

    assert again == first
    logged = IdentityReveal.objects.get()
    assert (logged.application, logged.coordinator, logged.at) == (application, coordinator, now)


def test_identity_reveal_one_per_coordinator_is_a_database_constraint(
    blind, application_in, coordinator, now
):
    application = application_in(Status.SUBMITTED)
    IdentityReveal.objects.create(application=application, coordinator=coordinator, at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        IdentityReveal.objects.create(application=application, coordinator=coordinator, at=now)


def test_review_record_refuses_a_coordinator_who_has_seen_who_applied(
    blind, application_in, coordinator, now
):
    application = application_in(Status.SUBMITTED)
    reviews.application_identity_reveal(application=application, coordinator=coordinator, now=now)
    before = snapshot(application)

    with pytest.raises(reviews.ReviewNotAllowed):
        reviews.review_record(
            application=application, reviewer=coordinator, scores=SCORES, comment="", now=now
        )

    assert not Review.objects.exists()
    assert snapshot(application) == before


def test_review_record_still_takes_other_reviewers_after_a_reveal(blind, application_in, coordinator, now):
    application = application_in(Status.SUBMITTED)
    reviews.application_identity_reveal(application=application, coordinator=coordinator, now=now)

    review = reviews.review_record(
        application=application, reviewer=factories.coordinator_user(), scores=SCORES, comment="", now=now
    )

    assert review.score == Decimal("3.25")


def test_application_identity_reveal_keeps_the_coordinators_earlier_review(
    blind, application_in, coordinator, now
):
    application = application_in(Status.SUBMITTED)
    reviews.review_record(
        application=application, reviewer=coordinator, scores=SCORES, comment="Bra", now=now
    )

    reviews.application_identity_reveal(application=application, coordinator=coordinator, now=now)

    review = Review.objects.get(application=application, reviewer=coordinator)
    assert (review.score, review.comment) == (Decimal("3.25"), "Bra")


def test_application_identity_reveal_refused_outside_a_blind_review(application_in, coordinator, now):
    application = application_in(Status.SUBMITTED)

    with pytest.raises(reviews.IdentityRevealNotAllowed):
        reviews.application_identity_reveal(application=application, coordinator=coordinator, now=now)

    assert not IdentityReveal.objects.exists()


@pytest.mark.parametrize("status", [Status.ACCEPTED, Status.WAITLISTED, Status.WITHDRAWN])
def test_application_identity_reveal_refused_when_no_decision_is_pending(
    blind, application_in, coordinator, now, status
):
    application = application_in(status)

    with pytest.raises(reviews.IdentityRevealNotAllowed):
        reviews.application_identity_reveal(application=application, coordinator=coordinator, now=now)

    assert not IdentityReveal.objects.exists()


def test_application_identity_reveal_refused_after_a_conflict_of_interest(
    blind, application_in, coordinator, now
):
    application = application_in(Status.SUBMITTED)
    reviews.review_declare_conflict(application=application, reviewer=coordinator)

    with pytest.raises(reviews.IdentityRevealNotAllowed):
        reviews.application_identity_reveal(application=application, coordinator=coordinator, now=now)

    assert not IdentityReveal.objects.exists()


# --- Eligibility ---------------------------------------------------------------------------

TODAY = dt.date(2026, 3, 2)


def test_eligibility_refusal_count_counts_per_intake_reason_and_day(intake):
    other_intake = factories.IntakeFactory()
    both = [IneligibilityReason.MUNICIPALITY, IneligibilityReason.AGE]

    eligibility_refusal_count(intake=intake, reasons=both, today=TODAY)
    eligibility_refusal_count(intake=intake, reasons=[IneligibilityReason.AGE], today=TODAY)
    eligibility_refusal_count(
        intake=intake, reasons=[IneligibilityReason.AGE], today=TODAY + dt.timedelta(days=1)
    )
    eligibility_refusal_count(intake=other_intake, reasons=[IneligibilityReason.AGE], today=TODAY)

    counts = EligibilityRefusal.objects.values_list("intake", "reason", "day", "count")
    assert set(counts) == {
        (intake.pk, "municipality", TODAY, 1),
        (intake.pk, "age", TODAY, 2),
        (intake.pk, "age", TODAY + dt.timedelta(days=1), 1),
        (other_intake.pk, "age", TODAY, 1),
    }


def test_eligibility_refusal_count_keeps_nothing_about_the_person(intake):
    people_before = factories.User.objects.count()

    eligibility_refusal_count(intake=intake, reasons=[IneligibilityReason.TARGET_GROUP], today=TODAY)

    stored = {field.name for field in EligibilityRefusal._meta.concrete_fields}
    assert stored == {"id", "intake", "reason", "day", "count"}
    assert factories.User.objects.count() == people_before
    assert not Application.objects.exists()


# --- Outside the intake's target groups ----------------------------------------------------------


def test_application_decide_accepting_outside_the_target_groups_needs_a_reason(
    man_in_a_womens_intake, coordinator, now
):
    application = man_in_a_womens_intake

    with pytest.raises(services.AcceptanceNeedsReason):
        services.application_decide(
            application=application, decision=Status.ACCEPTED, actor=coordinator, now=now, reason=""
        )
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_application_decide_accepts_outside_the_target_groups_with_the_reason_in_the_history(
    man_in_a_womens_intake, coordinator, now
):
    application = man_in_a_womens_intake

    services.application_decide(
        application=application,
        decision=Status.ACCEPTED,
        actor=coordinator,
        now=now,
        reason="",
        internal_note="Non-binary; agreed with the programme manager.",
    )

    change = StatusChange.objects.filter(application=application).latest("pk")
    assert (change.to_status, change.actor, change.internal_note) == (
        Status.ACCEPTED,
        coordinator,
        "Non-binary; agreed with the programme manager.",
    )


def test_application_decide_rejecting_outside_the_target_groups_needs_no_note(
    man_in_a_womens_intake, coordinator, now
):
    application = man_in_a_womens_intake
    services.application_decide(
        application=application, decision=Status.REJECTED, actor=coordinator, now=now, reason="Not a woman."
    )
    application.refresh_from_db()
    assert application.status == Status.REJECTED


def test_applications_decide_leaves_those_outside_the_target_groups_for_their_own_page(
    man_in_a_womens_intake, application_in, coordinator, now
):
    outside = man_in_a_womens_intake
    inside = application_in(Status.IN_REVIEW)

    result = services.applications_decide(
        applications=[outside, inside], decision=Status.ACCEPTED, actor=coordinator, now=now, reason=""
    )

    assert (result.decided, result.skipped, result.need_reason) == ([inside.pk], [], [outside.pk])
