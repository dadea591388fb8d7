"""The mentorship workflow as a table: which status may follow which, and who may move it.

A pure module (no Django), like `mentoring.workflow`: the services check moves
against it, views ask it which buttons to show, and the tests read it.
"""

from dataclasses import dataclass
from enum import StrEnum


class MentorshipStatus(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"
    DECLINED = "declined"


class Role(StrEnum):
    MENTOR = "mentor"
    COORDINATOR = "coordinator"


@dataclass(frozen=True)
class Transition:
    source: MentorshipStatus
    target: MentorshipStatus
    roles: frozenset[Role]
    action: str


def _t(source: MentorshipStatus, target: MentorshipStatus, action: str, *roles: Role) -> Transition:
    return Transition(source=source, target=target, roles=frozenset(roles), action=action)


# A mentorship in one of these holds one of the mentor's places and the participant's one mentorship.
OPEN = frozenset({MentorshipStatus.PROPOSED, MentorshipStatus.ACTIVE})
FINAL = frozenset({MentorshipStatus.COMPLETED, MentorshipStatus.ENDED_EARLY, MentorshipStatus.DECLINED})

TRANSITIONS: tuple[Transition, ...] = (
    _t(MentorshipStatus.PROPOSED, MentorshipStatus.ACTIVE, "accept", Role.MENTOR, Role.COORDINATOR),
    _t(MentorshipStatus.PROPOSED, MentorshipStatus.DECLINED, "decline", Role.MENTOR, Role.COORDINATOR),
    _t(MentorshipStatus.ACTIVE, MentorshipStatus.COMPLETED, "complete", Role.COORDINATOR),
    _t(MentorshipStatus.ACTIVE, MentorshipStatus.ENDED_EARLY, "end_early", Role.MENTOR, Role.COORDINATOR),
)

_BY_MOVE = {(t.source, t.target): t for t in TRANSITIONS}


def transition(source: MentorshipStatus, target: MentorshipStatus) -> Transition | None:
    """The transition from `source` to `target`, or None if the workflow has no such move."""
    return _BY_MOVE.get((MentorshipStatus(source), MentorshipStatus(target)))


def may_move(source: MentorshipStatus, target: MentorshipStatus, role: Role) -> bool:
    found = transition(source, target)
    return found is not None and role in found.roles


def moves_from(source: MentorshipStatus, role: Role) -> list[Transition]:
    """The moves `role` may make from `source`, in table order (the order of the buttons)."""
    return [t for t in TRANSITIONS if t.source == source and role in t.roles]
