"""Middleware of the portal's own."""

import re

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from portal.roles import COORDINATORS

# Where a person without a second factor may still go: allauth's pages (to set one up,
# re-authenticate or sign out), in any language, plus static files and the health check.
_LANGUAGE_PREFIX = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
_OPEN_PATHS = re.compile(rf"^/(?:(?:{_LANGUAGE_PREFIX})/)?accounts/|^/static/|^/healthz/|^/i18n/")


def _needs_second_factor(user) -> bool:
    if user.is_superuser or user.is_staff:
        return True
    return any(group.name == COORDINATORS for group in user.groups.all())


class StaffMFARequired:
    """Coordinators and administrators set up a second factor before anything else.

    They read everyone's applications and personal data, so a guessed or reused
    password must not be enough. Everyone else may choose MFA; for them it stays
    optional. Switched on by MFA_REQUIRED_FOR_STAFF (on in production).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and request.user.is_authenticated
            and not _OPEN_PATHS.match(request.path_info)
            and _needs_second_factor(request.user)
            and not request.user.authenticator_set.exists()
        ):
            messages.warning(
                request,
                _("Your role gives access to people's personal data: set up two-step sign-in to go on."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
