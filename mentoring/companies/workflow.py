"""The company request workflow as a table: which status may follow which, and who may move it.

A pure module (no Django), like `mentoring.core.workflow`: the services check moves
against it, the coordinators' page asks it which actions to offer, and the tests read it.
"""

from enum import StrEnum

from mentoring.core.workflow import Table, Transition, move


class RequestStatus(StrEnum):
    NEW = "new"
    PLANNED = "planned"
    DECLINED = "declined"
    CLOSED = "closed"


class Role(StrEnum):
    COORDINATOR = "coordinator"


# A planned effort is the only one employees can join and coordinators can link people to.
FINAL = frozenset({RequestStatus.DECLINED, RequestStatus.CLOSED})

TRANSITIONS: tuple[Transition, ...] = (
    move(RequestStatus.NEW, RequestStatus.PLANNED, "plan", Role.COORDINATOR),
    move(RequestStatus.NEW, RequestStatus.DECLINED, "decline", Role.COORDINATOR),
    # Closing ends the effort: a reserved occasion opens to everyone again.
    move(RequestStatus.PLANNED, RequestStatus.CLOSED, "close", Role.COORDINATOR),
)

COMPANY_REQUESTS = Table(TRANSITIONS)
transition = COMPANY_REQUESTS.transition
may_move = COMPANY_REQUESTS.may_move
moves_from = COMPANY_REQUESTS.moves_from
