"""The application workflow as a table: which status may follow which, and who may move it.

A pure module (no Django): the services check moves against it, the views ask it
which buttons to show, and the tests read it. Labels live with the Django
side (`mentoring.models.ApplicationStatus`), so this table stays plain data.
"""

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    ACCEPTED = "accepted"
    WAITLISTED = "waitlisted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class Role(StrEnum):
    APPLICANT = "applicant"
    COORDINATOR = "coordinator"


@dataclass(frozen=True)
class Transition:
    source: Status
    target: Status
    roles: frozenset[Role]
    action: str


def _t(source: Status, target: Status, action: str, *roles: Role) -> Transition:
    return Transition(source=source, target=target, roles=frozenset(roles), action=action)


# Statuses in which the person may still withdraw: everything before a final answer.
OPEN = frozenset({Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.WAITLISTED})
FINAL = frozenset({Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN})
# A coordinator's decision: what the applicant is told about.
DECISIONS = frozenset({Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED})

TRANSITIONS: tuple[Transition, ...] = (
    _t(Status.DRAFT, Status.SUBMITTED, "submit", Role.APPLICANT),
    _t(Status.SUBMITTED, Status.IN_REVIEW, "start_review", Role.COORDINATOR),
    _t(Status.IN_REVIEW, Status.ACCEPTED, "accept", Role.COORDINATOR),
    _t(Status.IN_REVIEW, Status.WAITLISTED, "waitlist", Role.COORDINATOR),
    _t(Status.IN_REVIEW, Status.REJECTED, "reject", Role.COORDINATOR),
    _t(Status.WAITLISTED, Status.ACCEPTED, "accept", Role.COORDINATOR),
    _t(Status.WAITLISTED, Status.REJECTED, "reject", Role.COORDINATOR),
    *(_t(source, Status.WITHDRAWN, "withdraw", Role.APPLICANT, Role.COORDINATOR) for source in sorted(OPEN)),
)

_BY_MOVE = {(t.source, t.target): t for t in TRANSITIONS}


def transition(source: Status, target: Status) -> Transition | None:
    """The transition from `source` to `target`, or None if the workflow has no such move."""
    return _BY_MOVE.get((Status(source), Status(target)))


def may_move(source: Status, target: Status, role: Role) -> bool:
    found = transition(source, target)
    return found is not None and role in found.roles


def moves_from(source: Status, role: Role) -> list[Transition]:
    """The moves `role` may make from `source`, in table order (the order of the buttons)."""
    return [t for t in TRANSITIONS if t.source == source and role in t.roles]
