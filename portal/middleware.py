"""Middleware of the portal's own."""

import re

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from portal.roles import user_has_staff_role

# Where a person without a second factor may still go: allauth's pages (to set one up,
# re-authenticate or sign out), in any language, plus static files and the health check.
_LANGUAGE_PREFIX = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
_OPEN_PATHS = re.compile(rf"^/(?:(?:{_LANGUAGE_PREFIX})/)?accounts/|^/static/|^/healthz/|^/i18n/")


class StaffMFARequired:
    """Everyone who works for the programme sets up a second factor before anything else.

    Coordinators read everyone's applications, counsellors the topics people book,
    course leaders who attended; editors and moderators publish in the programme's
    name, and administrators can do all of it. A guessed or reused password must not
    be enough for any of them (portal.roles.user_has_staff_role), in the site or in
    Wagtail's admin. They are sent to set one up, where they may also sign out.
    Applicants, participants and mentors may choose MFA; for them it stays optional.
    Switched on by MFA_REQUIRED_FOR_STAFF (on in production).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and request.user.is_authenticated
            and not _OPEN_PATHS.match(request.path_info)
            and user_has_staff_role(request.user)
            and not request.user.authenticator_set.exists()
        ):
            messages.warning(
                request,
                _("Your role in the programme requires two-step sign-in: set it up to go on."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
