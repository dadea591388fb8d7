"""What every page's frame needs to know about the person's roles (the site menu's links)."""

from django.utils.functional import SimpleLazyObject

from mentoring.core.roles import is_coordinator


def roles(request) -> dict:
    """`nav_is_coordinator`: asked of the database only when a page's frame uses it."""
    user = getattr(request, "user", None)
    return {"nav_is_coordinator": SimpleLazyObject(lambda: user is not None and is_coordinator(user))}
