from mentoring.mentorships.workflow import (
    ENDED,
    FINAL,
    OPEN,
    RUNNING,
    TRANSITIONS,
    MentorshipStatus,
    Role,
    may_move,
    moves_from,
    transition,
)


def test_mentorship_workflow_mentor_may_accept_or_decline_a_proposal():
    assert [t.target for t in moves_from(MentorshipStatus.PROPOSED, Role.MENTOR)] == [
        MentorshipStatus.ACTIVE,
        MentorshipStatus.DECLINED,
    ]


def test_mentorship_workflow_active_ends_completed_or_early():
    assert may_move(MentorshipStatus.ACTIVE, MentorshipStatus.COMPLETED, Role.COORDINATOR)
    assert may_move(MentorshipStatus.ACTIVE, MentorshipStatus.ENDED_EARLY, Role.MENTOR)
    assert not may_move(MentorshipStatus.ACTIVE, MentorshipStatus.COMPLETED, Role.MENTOR)


def test_mentorship_workflow_a_declined_proposal_cannot_become_active():
    assert transition(MentorshipStatus.DECLINED, MentorshipStatus.ACTIVE) is None
    assert not may_move(MentorshipStatus.DECLINED, MentorshipStatus.ACTIVE, Role.COORDINATOR)


def test_mentorship_workflow_final_statuses_have_no_way_out():
    assert all(t.source not in FINAL for t in TRANSITIONS)
    assert set(MentorshipStatus) == OPEN | FINAL and not OPEN & FINAL


def test_mentorship_workflow_a_proposal_cannot_skip_to_completed():
    assert transition(MentorshipStatus.PROPOSED, MentorshipStatus.COMPLETED) is None


def test_mentorship_workflow_the_mentor_proposes_completion_and_a_coordinator_confirms():
    assert [t.action for t in moves_from(MentorshipStatus.ACTIVE, Role.MENTOR)] == [
        "propose_completion",
        "end_early",
    ]
    assert [t.action for t in moves_from(MentorshipStatus.COMPLETING, Role.COORDINATOR)] == [
        "confirm_completion",
        "end_early",
    ]
    assert not may_move(MentorshipStatus.COMPLETING, MentorshipStatus.COMPLETED, Role.MENTOR)


def test_mentorship_workflow_a_proposed_completion_still_holds_the_place():
    assert MentorshipStatus.COMPLETING in OPEN and MentorshipStatus.COMPLETING in RUNNING
    assert {MentorshipStatus.COMPLETED, MentorshipStatus.ENDED_EARLY} == ENDED
