"""Who holds which role in the programme, and the one decorator that guards a page by role."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from portal import roles


def has_any_role(user, *group_names: str) -> bool:
    """Whether `user` is in one of the role groups; superusers hold every role.

    At most one query for the first question about a user object, none after (portal.roles.group_names).
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return not roles.group_names(user).isdisjoint(group_names)


def is_coordinator(user) -> bool:
    return has_any_role(user, roles.COORDINATORS)


def role_required(*group_names: str):
    """Guard a view: sign-in first (back here afterwards), then one of the roles (403 without)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_any_role(request.user, *group_names):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
