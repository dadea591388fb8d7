"""Who holds which role in the programme, for checks shared by every domain."""

from portal import roles


def is_coordinator(user) -> bool:
    return roles.user_has_role(user, roles.COORDINATORS)
