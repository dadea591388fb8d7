"""The mentorship workflow as a table: which status may follow which, and who may move it.

A pure module (no Django), like `mentoring.core.workflow`: the services check moves
against it, views ask it which buttons to show, and the tests read it.
"""

from datetime import timedelta
from enum import StrEnum

from mentoring.core.workflow import Table, Transition, move


class MentorshipStatus(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    # The mentor has said it is done; a coordinator confirms it (or it completes by itself later).
    COMPLETING = "completing"
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"
    DECLINED = "declined"
    # Not answered in time: the place is freed and the participant goes back to the pool.
    RETURNED = "returned"


class Role(StrEnum):
    MENTOR = "mentor"
    COORDINATOR = "coordinator"


# A mentorship in one of these holds one of the mentor's places and the participant's one mentorship.
OPEN = frozenset({MentorshipStatus.PROPOSED, MentorshipStatus.ACTIVE, MentorshipStatus.COMPLETING})
# Running: the two meet, log meetings and keep goals (a proposed completion still runs until it is confirmed).
RUNNING = frozenset({MentorshipStatus.ACTIVE, MentorshipStatus.COMPLETING})
# Ended after running: the participant has had her mentorship, and is out of matching unless returned.
ENDED = frozenset({MentorshipStatus.COMPLETED, MentorshipStatus.ENDED_EARLY})
FINAL = frozenset(
    {
        MentorshipStatus.COMPLETED,
        MentorshipStatus.ENDED_EARLY,
        MentorshipStatus.DECLINED,
        MentorshipStatus.RETURNED,
    }
)
# Reached only through ACTIVE: the mentor has said yes. Until then (proposed) or if never
# (declined, returned) the mentor knows the participant by the idea, never by name.
ACCEPTED = RUNNING | ENDED

TRANSITIONS: tuple[Transition, ...] = (
    move(MentorshipStatus.PROPOSED, MentorshipStatus.ACTIVE, "accept", Role.MENTOR, Role.COORDINATOR),
    move(MentorshipStatus.PROPOSED, MentorshipStatus.DECLINED, "decline", Role.MENTOR, Role.COORDINATOR),
    # Only the recurring job returns a proposal, acting for the coordinators.
    move(MentorshipStatus.PROPOSED, MentorshipStatus.RETURNED, "return", Role.COORDINATOR),
    move(MentorshipStatus.ACTIVE, MentorshipStatus.COMPLETED, "complete", Role.COORDINATOR),
    move(MentorshipStatus.ACTIVE, MentorshipStatus.COMPLETING, "propose_completion", Role.MENTOR),
    move(MentorshipStatus.ACTIVE, MentorshipStatus.ENDED_EARLY, "end_early", Role.MENTOR, Role.COORDINATOR),
    # A proposed completion is confirmed by a coordinator, or by the recurring job acting for
    # them once COMPLETE_AFTER_PROPOSAL has passed.
    move(MentorshipStatus.COMPLETING, MentorshipStatus.COMPLETED, "confirm_completion", Role.COORDINATOR),
    move(
        MentorshipStatus.COMPLETING, MentorshipStatus.ENDED_EARLY, "end_early", Role.MENTOR, Role.COORDINATOR
    ),
)

MENTORSHIPS = Table(TRANSITIONS)
transition = MENTORSHIPS.transition
may_move = MENTORSHIPS.may_move
moves_from = MENTORSHIPS.moves_from


# The rules of keeping in touch, shared by the reminders and the coordinators' list at risk.
# A proposal unanswered for REMIND_AFTER is reminded; RETURN_AFTER_REMINDER later it goes back.
REMIND_AFTER = timedelta(days=7)
RETURN_AFTER_REMINDER = timedelta(days=7)
# A mentor whose mentee has not met them for MEET_WITHIN is reminded, at most once per REMIND_EVERY.
MEET_WITHIN = timedelta(days=30)
REMIND_EVERY = timedelta(days=14)
