import pytest

from mentoring.applications.workflow import (
    DECISIONS,
    FINAL,
    OPEN,
    TRANSITIONS,
    Role,
    Status,
    may_move,
    moves_from,
    transition,
)


def test_workflow_every_status_is_open_or_final():
    assert set(Status) == OPEN | FINAL
    assert not OPEN & FINAL


def test_workflow_final_statuses_have_no_way_out():
    assert not [t for t in TRANSITIONS if t.source in FINAL]


@pytest.mark.parametrize("source", sorted(OPEN))
def test_workflow_applicant_may_withdraw_from_every_open_status(source):
    assert may_move(source, Status.WITHDRAWN, Role.APPLICANT)


def test_workflow_only_coordinators_decide():
    for t in TRANSITIONS:
        if t.target in DECISIONS:
            assert t.roles == {Role.COORDINATOR}, t


def test_workflow_decisions_need_a_review_first():
    assert transition(Status.SUBMITTED, Status.ACCEPTED) is None
    assert transition(Status.DRAFT, Status.ACCEPTED) is None
    assert may_move(Status.IN_REVIEW, Status.ACCEPTED, Role.COORDINATOR)


def test_workflow_waitlisted_may_still_be_accepted_or_rejected():
    targets = {t.target for t in moves_from(Status.WAITLISTED, Role.COORDINATOR)}
    assert targets == {Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN}


def test_workflow_applicant_cannot_skip_to_review():
    assert not may_move(Status.DRAFT, Status.IN_REVIEW, Role.APPLICANT)
    assert not may_move(Status.SUBMITTED, Status.IN_REVIEW, Role.APPLICANT)


def test_workflow_moves_are_unique():
    moves = [(t.source, t.target) for t in TRANSITIONS]
    assert len(moves) == len(set(moves))
