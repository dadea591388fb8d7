"""A whole-page cache of the public Wagtail pages, for readers who are not signed in.

Why: a public page costs a few queries and a template render (~10× a bare view
under gunicorn, bench/load.py); most readers are anonymous and see the same
HTML. The cache lives in the default cache (Redis in production), shared by
every web process.

What keeps one person's page from another:
- Only a GET whose cookies are at most the CSRF and the language cookie is looked
  up or stored: a signed-in person always sends a session cookie, and pending
  messages travel in a cookie or the session, so both go past the cache.
- Only a 200 from a page type in CACHED_PAGE_TYPES without view restrictions is
  stored, and only if it sets no cookie (a form's CSRF token or a message would)
  and is not marked private or no-store.
- The key holds the host, the path, the active language and a generation that
  every publish, unpublish, move, deletion or view-restriction change bumps, so
  editors see their change at once and Swedish and English never share an entry.
- PAGE_CACHE_SECONDS (0 switches the cache off) bounds what no signal reports:
  an intake opening or closing on a programme page, new templates after a deploy.
  Training pages are left out: their free places change with every booking.
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "page-cache:generation"
_STORABLE = "_page_cache_storable"
# Pagination only: any other query string would let a visitor fill the cache at will.
_QUERY = re.compile(r"(?:page=\d{1,4})?")


def cached_page_types() -> tuple:
    from content.models import (
        HomePage,
        NewsIndexPage,
        NewsPage,
        ProgrammeIndexPage,
        ProgrammePage,
        StandardPage,
    )

    return (HomePage, NewsIndexPage, NewsPage, ProgrammeIndexPage, ProgrammePage, StandardPage)


def page_cache_bump(**_kwargs) -> None:
    """Make every cached page stale (a signal receiver: publish, unpublish, move, delete)."""
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def current_generation() -> int:
    """The content's generation. One lost from the cache (evicted, or a new cache) starts a new one
    rather than reading as 0 again: pages and frames stored under 0 before a publish stay stale."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY, 0)
    return generation


def page_cache_bump_on_delete(sender, instance, **_kwargs) -> None:
    """`post_delete` of any model: a deleted page leaves menus, listings and links."""
    from wagtail.models import Page

    if isinstance(instance, Page):
        page_cache_bump()


def page_mark_storable(page, request, serve_args, serve_kwargs):
    """Wagtail's `before_serve_page` hook: tells the middleware this page may be stored."""
    # Cheap tests first: with the cache off, or for a signed-in reader, no query is added.
    if (
        settings.PAGE_CACHE_SECONDS
        and _request_cacheable(request)
        and isinstance(page, cached_page_types())
        and not page.get_view_restrictions().exists()
    ):
        setattr(request, _STORABLE, True)


def _request_cacheable(request) -> bool:
    harmless = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    return (
        request.method == "GET"
        and set(request.COOKIES) <= harmless
        and _QUERY.fullmatch(request.META.get("QUERY_STRING", "")) is not None
    )


def _response_storable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return (
        getattr(request, _STORABLE, False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.user.is_authenticated
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def _key(request) -> str:
    generation = current_generation()
    identity = f"{request.get_host()}|{request.path}|{request.META.get('QUERY_STRING', '')}"
    digest = hashlib.sha256(identity.encode()).hexdigest()
    return f"page-cache:{generation}:{translation.get_language()}:{digest}"


class AnonymousPageCache:
    """Serves and stores whole public pages for anonymous readers (see the module's docstring).

    Sits after LocaleMiddleware, so the language is known, and before everything that
    reads the session or the user, so a hit costs two cache reads and no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not _request_cacheable(request):
            return self.get_response(request)
        key = _key(request)
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if _response_storable(request, response):
            # A hit never reads the session, so it would lose the `Vary: Cookie` the page
            # had; kept, no shared cache downstream hands it to a signed-in person.
            patch_vary_headers(response, ("Cookie",))
            cache.set(key, response, seconds)
        return response
