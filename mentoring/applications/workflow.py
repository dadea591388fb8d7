"""The application workflow as a table: which status may follow which, and who may move it.

A pure module (no Django): the services check moves against it, the views ask it
which buttons to show, and the tests read it. Labels live with the Django
side (`mentoring.models.ApplicationStatus`), so this table stays plain data.
"""

from enum import StrEnum

from mentoring.core.workflow import Table, Transition, move


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


# Statuses in which the person may still withdraw: everything before a final answer.
OPEN = frozenset({Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.WAITLISTED})


FINAL = frozenset({Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN})


# A coordinator's decision: what the applicant is told about.
DECISIONS = frozenset({Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED})


# Statuses in which a coordinator may still score the application.
REVIEWABLE = frozenset({Status.SUBMITTED, Status.IN_REVIEW, Status.WAITLISTED})


# Once decided (or withdrawn) the reviews are the record the decision rests on.
CLOSED_TO_CONFLICTS = frozenset({*DECISIONS, Status.WITHDRAWN})


TRANSITIONS: tuple[Transition, ...] = (
    move(Status.DRAFT, Status.SUBMITTED, "submit", Role.APPLICANT),
    move(Status.SUBMITTED, Status.IN_REVIEW, "start_review", Role.COORDINATOR),
    move(Status.IN_REVIEW, Status.ACCEPTED, "accept", Role.COORDINATOR),
    move(Status.IN_REVIEW, Status.WAITLISTED, "waitlist", Role.COORDINATOR),
    move(Status.IN_REVIEW, Status.REJECTED, "reject", Role.COORDINATOR),
    move(Status.WAITLISTED, Status.ACCEPTED, "accept", Role.COORDINATOR),
    move(Status.WAITLISTED, Status.REJECTED, "reject", Role.COORDINATOR),
    *(
        move(source, Status.WITHDRAWN, "withdraw", Role.APPLICANT, Role.COORDINATOR)
        for source in sorted(OPEN)
    ),
)


APPLICATIONS = Table(TRANSITIONS)


transition = APPLICATIONS.transition


may_move = APPLICATIONS.may_move


moves_from = APPLICATIONS.moves_from
