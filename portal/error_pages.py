"""The site's own error pages in development too.

With DEBUG on, Django answers a missing page with its technical page listing
every URL pattern, and an error with the traceback. A newcomer trying the
portal should see what visitors will see, so in development (DEBUG on) a
missing page, a refusal and an error get the site's 404, 403 and 500 pages;
the traceback still goes to the console log. DEBUG_ERROR_PAGES=true
(environment) brings Django's technical pages back.
"""

import logging

from allauth.core.exceptions import ImmediateHttpResponse, ReauthenticationRequired
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import get_resolver

logger = logging.getLogger("django.request")
# Exceptions that a middleware before this one answers (allauth's: the page asking for the password
# again, an answer a flow prepared): this one is asked first, and must leave them alone.
ANSWERED_ELSEWHERE = (ReauthenticationRequired, ImmediateHttpResponse)


class SiteErrorPages:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not settings.DEBUG or settings.DEBUG_ERROR_PAGES:
            return None  # Without DEBUG, Django already uses the site's handlers (portal/urls.py).
        if isinstance(exception, ANSWERED_ELSEWHERE):
            return None
        # The handlers named in the URL configuration (handler404 and the others), as without DEBUG.
        handler = get_resolver(getattr(request, "urlconf", None)).resolve_error_handler
        if isinstance(exception, Http404):
            return handler(404)(request, exception)
        if isinstance(exception, PermissionDenied):
            return handler(403)(request, exception)
        logger.error("Internal Server Error: %s", request.path, exc_info=exception)
        return handler(500)(request)
