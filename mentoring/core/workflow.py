"""A workflow as a table: which status may follow which, and who may move it.

Each domain with statuses declares its own table (`applications/workflow.py`,
`mentorships/workflow.py`, `companies/workflow.py`).

A pure module (no Django): the services check moves against it, the views ask it
which buttons to show, and the tests read it. Labels live with the Django
side (`mentoring.models.ApplicationStatus`), so this table stays plain data.
"""

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Transition:
    source: StrEnum
    target: StrEnum
    roles: frozenset[StrEnum]
    action: str


def move(source: StrEnum, target: StrEnum, action: str, *roles: StrEnum) -> Transition:
    """One row of a workflow table: `roles` may take `source` to `target` with the button `action`."""
    return Transition(source=source, target=target, roles=frozenset(roles), action=action)


class Table:
    """The moves of one workflow, asked the same three questions wherever a table is used."""

    def __init__(self, transitions: tuple[Transition, ...]):
        self.transitions = transitions
        self._by_move = {(str(t.source), str(t.target)): t for t in transitions}

    def transition(self, source: str, target: str) -> Transition | None:
        """The transition from `source` to `target`, or None if the workflow has no such move."""
        return self._by_move.get((str(source), str(target)))

    def may_move(self, source: str, target: str, role: StrEnum) -> bool:
        found = self.transition(source, target)
        return found is not None and role in found.roles

    def moves_from(self, source: str, role: StrEnum) -> list[Transition]:
        """The moves `role` may make from `source`, in table order (the order of the buttons)."""
        return [t for t in self.transitions if t.source == source and role in t.roles]
