"""The site's frame as plain data: home page, main menu, footer pages, news feeds, contact page,
and the home page in each language. Built once per site, language and content change.

Why: the frame (header and footer) is on every page, signed in or not. Built per request it
took four queries and about half of a signed-in page's time (bench/signed_in.py). It depends
on the page tree and the Site alone, never on who asks, so one copy serves everyone.

What keeps it right:
- The key holds the host and the active language: Swedish and English, or two sites, never
  share a frame.
- Each stored frame carries the content generation it was built in (content.page_cache:
  every publish, unpublish, move, deletion, view restriction or Site change bumps it), and
  every request reads the current generation: a frame of an older generation is built again,
  so a published change shows on the next request.
- Each process keeps the frame it read under that generation, for at most SITE_FRAME_SECONDS
  from reading it (none with DEBUG on), instead of reading it from the cache on every request.
- SITE_FRAME_SECONDS (0 builds it on every request) bounds what no signal reports: a frame is
  built again at the latest that long after it was, and read again by a process at the latest
  that long after it read it.
Nothing personal is in it: the account links, the roles and the current page's marks are
added by the template tags per request.

The parts of the frame drawn from it alone (the head's links, the masthead, the footer) are the
same HTML for everyone in a language, so each process also keeps them drawn (`frame_drawing`),
under the generation the frame was read in: a publish draws them again on the next request.
The parts that show a little more are kept under that too: the head's canonical and language
links and the language switch under the page's address (and the URL configuration and script
prefix they are resolved against), the account menu under whether the person is signed in and
a coordinator, with a slot where each request puts its own CSRF token (content.templatetags.
site_tags.frame_part). A page of the tree draws them for itself, every time.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from uuid import UUID

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language, get_supported_language_variant
from wagtail.models import Page, Site

from content.models import NewsIndexPage, StandardPage
from content.page_cache import GENERATION_KEY, current_generation

_REQUEST_ATTRIBUTE = "_vastkraft_site_frame"
_KEY = "site-frame:{host}:{language}"
# (cache key of the frame, part) → (generation, HTML): a few parts per site and language.
_DRAWN: dict[tuple[str, str], tuple[int, str]] = {}
# A bound on what a process keeps; past it, parts of further sites are drawn each time.
DRAWINGS_KEPT = 64
# (cache key of the frame) → (generation, frame, when this process read it): read from the shared
# cache once per process, site, language and content change, not unpickled on every request.
_READ: dict[str, tuple[int, "SiteFrame", float]] = {}
# Parts drawn for more than the site and language (an address, a role): (cache key of the frame,
# part, what else it shows) → (generation, HTML). Emptied when full, so the ones kept are recent.
_DRAWN_BY: dict[tuple, tuple[int, str]] = {}
KEYED_DRAWINGS_KEPT = 1024


@dataclass(frozen=True)
class FramePage:
    """One page the frame links to."""

    pk: int
    title: str
    url: str
    path: str  # the tree path, to tell whether the page being shown lies below it
    show_in_menus: bool


@dataclass(frozen=True)
class NewsFeeds:
    title: str
    url: str  # the news list
    rss: str
    atom: str


@dataclass(frozen=True)
class SiteFrame:
    home_url: str = "/"
    home_translation_key: UUID | None = None
    # The home page's live children marked "show in menus", in tree order.
    menu: tuple[FramePage, ...] = ()
    # The home page's live standard pages (about, contact, accessibility, privacy…).
    footer: tuple[FramePage, ...] = ()
    contact_url: str = ""
    feeds: NewsFeeds | None = None
    # The address of each live translation of the home page, by language code.
    home_urls: dict[str, str] = field(default_factory=dict)


def active_language() -> str:
    return get_supported_language_variant(get_language() or settings.LANGUAGE_CODE)


def site_frame(request) -> SiteFrame:
    """The frame of the request's site in the active language: from the request, the cache, or built."""
    if request is None:
        return SiteFrame()
    language = active_language()
    remembered = getattr(request, _REQUEST_ATTRIBUTE, None)
    if remembered is not None and remembered[0] == language:
        return remembered[1]
    seconds = settings.SITE_FRAME_SECONDS
    try:
        key = _KEY.format(host=request.get_host(), language=language)
    except DisallowedHost:
        # An error page for a host the site does not serve: built, never stored under that name.
        seconds, key = 0, ""
    frame, generation = None, 0
    if seconds:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            generation = current_generation()
        frame = _read_here(key, generation)
    if frame is None and seconds:
        stored = cache.get(key)
        if stored is not None and stored[0] == generation:
            frame = stored[1]
            _keep_here(key, generation, frame)
    if frame is None:
        frame = build_site_frame(request, language=language)
        if seconds:
            cache.set(key, (generation, frame), seconds)
            _keep_here(key, generation, frame)
    # Drawings of the frame are kept only where the frame itself is, under its generation.
    setattr(request, _REQUEST_ATTRIBUTE, (language, frame, (key, generation) if seconds else None))
    return frame


def _read_here(key: str, generation: int):
    """The frame this process read under `key` in `generation`, if read less than
    SITE_FRAME_SECONDS ago; None with DEBUG on (or none read)."""
    read = _READ.get(key)
    if read is None or settings.DEBUG or read[0] != generation:
        return None
    if time.monotonic() - read[2] > settings.SITE_FRAME_SECONDS:
        return None
    return read[1]


def _keep_here(key: str, generation: int, frame: "SiteFrame") -> None:
    if key in _READ or len(_READ) < DRAWINGS_KEPT:
        _READ[key] = (generation, frame, time.monotonic())


def frame_drawing(request, part: str, draw: Callable[[], str], *, by: tuple = ()) -> str:
    """`draw()`: the HTML of a part of the frame that shows the frame's data alone, or that and
    the values in `by` (plain values: an address, whether the person holds a role), kept in this
    process per site, language, content generation and `by`. Drawn every time with DEBUG on
    (templates may change under a running process) or where the frame is not kept."""
    site_frame(request)
    kept_as = getattr(request, _REQUEST_ATTRIBUTE)[2]
    if kept_as is None or settings.DEBUG:
        return draw()
    if by:
        # The address a part shows is resolved against the URL configuration and script prefix.
        key, store = (kept_as[0], part, get_urlconf(), get_script_prefix(), *by), _DRAWN_BY
    else:
        key, store = (kept_as[0], part), _DRAWN
    generation = kept_as[1]
    found = store.get(key)
    if found is not None and found[0] == generation:
        return found[1]
    html = draw()
    if by:
        if key not in _DRAWN_BY and len(_DRAWN_BY) >= KEYED_DRAWINGS_KEPT:
            _DRAWN_BY.clear()
        _DRAWN_BY[key] = (generation, html)
    elif key in _DRAWN or len(_DRAWN) < DRAWINGS_KEPT:
        _DRAWN[key] = (generation, html)
    return html


def _type_id(model) -> int:
    return ContentType.objects.get_for_model(model).pk


def build_site_frame(request, *, language: str) -> SiteFrame:
    """Everything the frame shows, read from the page tree (three queries, whatever its size)."""
    site = Site.find_for_request(request)
    if site is None:
        return SiteFrame()
    root_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")
    homes = list(Page.objects.live().filter(translation_key__in=root_key).select_related("locale"))
    # No translation in this language: the site's own root still leads somewhere.
    home = next((p for p in homes if p.locale.language_code == language), None) or next(
        (p for p in homes if p.pk == site.root_page_id), None
    )
    if home is None:
        return SiteFrame()
    children = list(Page.objects.child_of(home).live().order_by("path"))
    contact_keys = set(
        Page.objects.filter(
            slug=settings.CONTACT_PAGE_SLUG, translation_key__in=[p.translation_key for p in children]
        ).values_list("translation_key", flat=True)
    )

    def frame_page(page: Page) -> FramePage:
        return FramePage(
            pk=page.pk,
            title=page.title,
            url=page.get_url(request) or "",
            path=page.path,
            show_in_menus=page.show_in_menus,
        )

    contact = next((p for p in children if p.translation_key in contact_keys), None)
    return SiteFrame(
        home_url=home.get_url(request) or "/",
        home_translation_key=home.translation_key,
        menu=tuple(frame_page(p) for p in children if p.show_in_menus),
        footer=tuple(frame_page(p) for p in children if p.content_type_id == _type_id(StandardPage)),
        contact_url=(contact.get_url(request) or "") if contact is not None else "",
        feeds=_feeds(request, [p for p in children if p.content_type_id == _type_id(NewsIndexPage)]),
        home_urls={p.locale.language_code: p.get_url(request) or "" for p in homes},
    )


def _feeds(request, indexes: list[Page]) -> NewsFeeds | None:
    if not indexes:
        return None
    base = indexes[0].get_url(request)
    if not base:
        return None
    if not base.endswith("/"):
        base += "/"
    resolver = NewsIndexPage.get_resolver()
    return NewsFeeds(
        title=indexes[0].title,
        url=base,
        rss=base + resolver.reverse("rss"),
        atom=base + resolver.reverse("atom"),
    )
