"""Reads that already filter by what the asking person may see (STYLE.md rule 6)."""

from portal import roles


def is_coordinator(user) -> bool:
    return roles.user_has_role(user, roles.COORDINATORS)
