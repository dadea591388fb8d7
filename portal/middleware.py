"""Middleware of the portal's own."""

import functools
import re
from http import HTTPStatus

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
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


# What a view or decorator of django-csp sets on a response to ask for a policy of its own.
_OWN_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)
# Django's technical pages under DEBUG, which django-csp leaves without a policy.
_DEBUG_PAGES = (HTTPStatus.INTERNAL_SERVER_ERROR, HTTPStatus.NOT_FOUND)
_POLICIES = (
    (HEADER, "CONTENT_SECURITY_POLICY", False),
    (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", True),
)


@functools.lru_cache(maxsize=16)
def _policy(report_only: bool, setting: str) -> str:
    """The header django-csp builds from the settings alone; `setting` (the setting as written)
    keys it, so a changed setting is built anew."""
    return build_policy(report_only=report_only)


class ContentSecurityPolicy(CSPMiddleware):
    """django-csp's middleware, with the settings' policies built once per process.

    Why: built anew for each response, the two headers cost about 300 Python calls a request,
    as much as a bare view. A response that asks for nothing of its own (no csp_update,
    csp_replace, csp_exempt or a config of its own) and used no nonce gets the settings' policy,
    the same string every time; it is kept per setting as written. Any other response goes
    through django-csp's own process_response.
    """

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in _OWN_POLICY
        ):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in _DEBUG_PAGES:
            return response
        for header, setting, report_only in _POLICIES:
            written = getattr(settings, setting, None) or {}
            policy = _policy(report_only, repr(written))
            prefixes = tuple(written.get("EXCLUDE_URL_PREFIXES", None) or ())
            if policy and header not in response and not request.path_info.startswith(prefixes):
                response[header] = policy
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
