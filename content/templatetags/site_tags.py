"""What the public site's frame shows: home page, menus, language switch, feeds, breadcrumbs.

The frame (header and footer) is on every page, so its cost is paid on every
request. What it shows of the page tree comes from `content.site_frame`: built
once per site, language and content change, and kept in the cache. Only what
depends on the page being shown (which link is current, its translations) is
worked out per request.
"""

import secrets
from dataclasses import dataclass
from functools import lru_cache

from django import template
from django.conf import settings
from django.core.paginator import Paginator
from django.template.defaulttags import CsrfTokenNode
from django.template.loader_tags import BlockNode
from django.urls import get_urlconf, reverse, translate_url
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from wagtail.models import Page

from content.site_frame import FramePage, NewsFeeds, frame_drawing, site_frame
from content.site_frame import active_language as _active_language
from portal.localized import active_language

register = template.Library()


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    # "page" for the page being shown, "true" for a section it belongs to, "" otherwise;
    # the value of aria-current.
    current: str = ""


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    # False when the page has no translation and the link leads to that language's home page
    # instead; such a link must not be announced as an alternate (hreflang) of this page.
    is_translation: bool = True


def _current_page(context) -> Page | None:
    page = context.get("page")
    return page if isinstance(page, Page) else None


def _aria_current(link: FramePage, current: Page | None) -> str:
    if current is None:
        return ""
    if link.pk == current.pk:
        return "page"
    if current.path.startswith(link.path):
        return "true"
    return ""


# Stands for the CSRF token in a part kept drawn; each request's own token is put in its place.
_TOKEN_SLOT = f"csrf-token-slot-{secrets.token_hex(8)}"
# What django.template.context_processors.csrf gives where there is no token.
_NO_TOKEN = "NOTPROVIDED"  # noqa: S105


def _key_value(value) -> str | int | bool | None:
    """A value a part is kept under, as plain data: a lazy one (a role's flag) by what it stands for,
    so that nothing kept holds on to a request or a person."""
    # `type`, not isinstance: a lazy object passes for the class of what it wraps.
    if value is None or type(value) in (str, int, bool):
        return value
    return str(value)


class FramePartNode(template.Node):
    # Not searched for blocks: a page that extends base.html looks for them through the whole
    # template on every render, and a part holds none (frame_part refuses them).
    child_nodelists = ()

    def __init__(self, part: str, by: list, nodelist):
        self.part = part
        self.by = by
        self.nodelist = nodelist
        # Parts without a token are kept as drawn; the others with a slot for each request's token.
        self.shows_token = bool(nodelist.get_nodes_by_type(CsrfTokenNode))

    def render(self, context) -> str:
        def draw() -> str:
            # What the part sets ({% … as name %}) stays inside it, drawn or kept alike.
            with context.push():
                return self.nodelist.render(context)

        request = context.get("request")
        # A page of the tree marks itself in the menus: drawn for it alone.
        if request is None or _current_page(context) is not None:
            return draw()
        by = tuple(_key_value(value.resolve(context)) for value in self.by)
        if not self.shows_token:
            return frame_drawing(request, self.part, draw, by=by)

        def draw_with_slot() -> str:
            with context.push(csrf_token=_TOKEN_SLOT):
                return draw()

        html = frame_drawing(request, self.part, draw_with_slot, by=by)
        if _TOKEN_SLOT not in html:
            return html
        # Read only where the part shows it, as Django's tag reads it (reading it sets the cookie).
        token = context.get("csrf_token")
        if not token or token == _NO_TOKEN:
            # No token to put in: drawn as Django's tag would write it, without a field.
            return draw()
        # The token is the request's own, masked anew each time: never kept.
        return mark_safe(html.replace(_TOKEN_SLOT, conditional_escape(str(token))))  # noqa: S308


@register.tag
def frame_part(parser, token):
    """`{% frame_part "name" %}…{% endframe_part %}`: a part of the frame that shows only the
    frame's data and the language (links, menus, footer), drawn once per process, site, language
    and content change (`content.site_frame.frame_drawing`).

    `{% frame_part "name" value … %}`: a part that also shows these values (the page's address,
    whether the person is signed in or holds a role), kept for each of their values. Nothing else
    in it may depend on the person, the request or the time, but a `{% csrf_token %}`: the part is
    kept with a slot in its place and each request gets its own token there."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('Usage: {% frame_part "name" [value …] %}…{% endframe_part %}')
    by = [parser.compile_filter(bit) for bit in bits[2:]]
    nodelist = parser.parse(("endframe_part",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        # A page's own block would be kept drawn for every other page.
        raise template.TemplateSyntaxError("A frame_part cannot hold a {% block %}.")
    return FramePartNode(bits[1][1:-1], by, nodelist)


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    return site_frame(context.get("request")).home_url


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[Link]:
    """The home page's live children marked "show in menus", in tree order."""
    current = _current_page(context)
    return [
        Link(title=p.title, url=p.url, current=_aria_current(p, current))
        for p in site_frame(context.get("request")).menu
    ]


@register.simple_tag(takes_context=True)
def contact_url(context) -> str:
    """The address of the contact page in the active language, or "" when the site has none.

    The contact page is the home page's child whose page in any language has the slug
    CONTACT_PAGE_SLUG; its translations share that page's translation key.
    """
    return site_frame(context.get("request")).contact_url


@register.simple_tag(takes_context=True)
def footer_pages(context) -> list[Link]:
    """The home page's live standard pages: about, contact, accessibility, privacy…"""
    current = _current_page(context)
    return [
        Link(title=p.title, url=p.url, current="page" if current and current.pk == p.pk else "")
        for p in site_frame(context.get("request")).footer
    ]


@register.simple_tag(takes_context=True)
def news_feeds(context) -> NewsFeeds | None:
    """The news list of the active language and its RSS and Atom feeds, or None without one."""
    return site_frame(context.get("request")).feeds


@lru_cache(maxsize=1024)
def _translated_path(full_path: str, code: str, language: str | None, urlconf: str) -> str:
    """`translate_url(full_path, code)`, worked out once per address: it resolves and reverses the
    path, and depends on nothing but the address, the active language and the URL configuration."""
    return translate_url(full_path, code)


def _language_name(code: str) -> str:
    return capfirst(get_language_info(code)["name_local"])


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """One link per language in settings.LANGUAGES, to this page in that language.

    A Wagtail page links to its live translation; a page without one links to
    the home page in that language rather than to an address that would be a
    404. Any other view (search, accounts) links to the same path in the other
    language; where there is none (an address outside the language prefixes,
    such as the admins' sign-in, or one nothing answers to), to that language's
    home page.
    """
    request = context.get("request")
    if request is None:
        return []
    active = _active_language()
    page = _current_page(context)
    full_path = request.get_full_path()
    by_language: dict[str, str] = {}
    home_by_language = site_frame(request).home_urls
    if page is not None:
        translations = Page.objects.live().filter(translation_key=page.translation_key)
        for translation in translations.select_related("locale"):
            by_language[translation.locale.language_code] = translation.get_url(request)
    links = []
    for code, _name in settings.LANGUAGES:
        is_translation = True
        if code == active:
            url = full_path
        elif page is not None:
            url = by_language.get(code) or home_by_language.get(code) or translate_url(full_path, code)
            is_translation = code in by_language
        else:
            urlconf = str(get_urlconf() or settings.ROOT_URLCONF)
            url = _translated_path(full_path, code, get_language(), urlconf)
            if url == full_path:
                # Nothing in that language answers here: its home page is the nearest thing.
                url = home_by_language.get(code) or url
                is_translation = False
        links.append(
            LanguageLink(
                code=code,
                name=_language_name(code),
                url=url,
                is_current=code == active,
                is_translation=is_translation,
            )
        )
    return links


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page: Page) -> list[Link]:
    """From the home page down to `page`: its live ancestors below the tree's root, then `page`."""
    request = context.get("request")
    ancestors = Page.objects.ancestor_of(page).live().filter(depth__gt=1).order_by("depth")
    trail = []
    for ancestor in ancestors:
        title = _("Home") if ancestor.depth == 2 else ancestor.title
        trail.append(Link(title=title, url=ancestor.get_url(request)))
    trail.append(Link(title=page.title, url=page.get_url(request), current="page"))
    return trail


@dataclass(frozen=True)
class PageNumber:
    number: int | None  # None stands for a gap ("…")
    is_current: bool


@register.simple_tag
def page_numbers(page_obj) -> list[PageNumber]:
    """The page numbers a pagination bar shows: the ends and the neighbours of the current page."""
    paginator: Paginator = page_obj.paginator
    numbers = []
    for number in paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1):
        if number == Paginator.ELLIPSIS:
            numbers.append(PageNumber(number=None, is_current=False))
        else:
            numbers.append(PageNumber(number=number, is_current=number == page_obj.number))
    return numbers


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """This address with `page` set to `number`, keeping every other parameter (tag, q).

    The first page has no `page` parameter, so it has one address only.
    """
    # A RequestContext keeps its request through {% include ... only %}.
    request = getattr(context, "request", None) or context.get("request")
    params = request.GET.copy()
    params.pop("page", None)
    if number > 1:
        params["page"] = number
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


@register.filter
def kind(page) -> str:
    """What kind of page this is, in the reader's language ("News item", "Programme")."""
    return capfirst(page._meta.verbose_name)


@register.filter
def summary(page) -> str:
    """A short plain text describing a page: its search description, or its introduction."""
    for attribute in ("search_description", "intro", "hero_text"):
        text = getattr(page, attribute, "")
        if text:
            return strip_tags(str(text)).strip()
    return ""


@register.filter
def with_lang(text) -> str:
    """`text`, escaped, in a `<span lang="…">` when it is in another language than the page.

    For texts that know their language (`portal.localized.LocalText`): an English page that
    falls back to a Swedish intake title marks it `lang="sv"`. Other texts pass through escaped.
    """
    lang = getattr(text, "lang", None)
    if lang and lang != active_language():
        return format_html('<span lang="{}">{}</span>', lang, text)
    return conditional_escape(text)


@register.simple_tag
def alt_text(image, alt: str = "", decorative: bool = False) -> str:
    """The alt text of an image: empty when decorative, else the given text or the image's own."""
    if decorative or image is None:
        return ""
    return alt or image.default_alt_text


# --- Accounts (allauth's pages) --------------------------------------------------

# allauth describes its buttons with tags ("prominent,login", "danger,delete",
# "outline,cancel"); the first matching rule decides the site's button style.
_BUTTON_STYLES = (
    ({"danger", "delete"}, "button button--danger"),
    ({"link"}, "link-button"),
    ({"secondary", "outline", "cancel"}, "button button--secondary"),
)


@register.simple_tag
def allauth_button_class(tags) -> str:
    """The CSS classes of a button element of allauth, from the tags it gives the button."""
    tags = set(tags or ())
    classes = "button"
    for wanted, style in _BUTTON_STYLES:
        if tags & wanted:
            classes = style
            break
    if tags & {"minor", "tool", "panel"} and classes.startswith("button"):
        classes += " button--small"
    return classes


@register.simple_tag
def allauth_badge_class(tags) -> str:
    tags = set(tags or ())
    if "success" in tags:
        return "badge badge--success"
    if "warning" in tags:
        return "badge badge--warning"
    return "badge"


# URL name of a menu entry, and the URL names of the pages that belong to it.
_ACCOUNT_MENU = (
    ("account_home", {"account_home"}),
    ("account_email", {"account_email"}),
    ("account_change_password", {"account_change_password", "account_set_password"}),
    ("mfa_index", None),  # every page of allauth.mfa, whose names all start with "mfa_"
)


@register.simple_tag(takes_context=True)
def account_menu(context) -> list[Link]:
    """The sections of "My account", with the one being shown marked current."""
    titles = {
        "account_home": _("Overview"),
        "account_email": _("E-mail addresses"),
        "account_change_password": _("Password"),
        "mfa_index": _("Two-factor authentication"),
    }
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    url_name = (match.url_name if match else "") or ""
    links = []
    for name, members in _ACCOUNT_MENU:
        is_current = url_name.startswith("mfa_") if members is None else url_name in members
        links.append(Link(title=titles[name], url=reverse(name), current="page" if is_current else ""))
    return links


# Where a page's own words for search results are, in order, when the editor wrote no
# search description.
_DESCRIPTION_FIELDS = ("intro", "summary", "hero_text")
DESCRIPTION_LENGTH = 160


@dataclass(frozen=True)
class PageMeta:
    description: str
    canonical: str
    # (hreflang, absolute address) for this page in each language it exists in, itself
    # included, then x-default (the site's default language); empty without translations.
    alternates: list[tuple[str, str]]


def page_description(page: Page | None) -> str:
    """What search engines show under a page's title: its search description, else its
    introduction, as plain text of at most DESCRIPTION_LENGTH characters."""
    if page is None:
        return ""
    text = page.search_description or next(
        (str(getattr(page, name)) for name in _DESCRIPTION_FIELDS if getattr(page, name, "")), ""
    )
    text = " ".join(strip_tags(text).split())
    return Truncator(text).chars(DESCRIPTION_LENGTH)


@register.simple_tag(takes_context=True)
def page_meta(context, languages: list[LanguageLink]) -> PageMeta | None:
    """The head's description, canonical address and language alternates, all absolute.

    `languages` is what `language_links` gave for the same page. A paged list's page
    number stays in its canonical address; other query strings (filters) do not.
    """
    request = context.get("request")
    if request is None:
        return None
    page = _current_page(context)
    current = page.get_url(request) if page is not None else request.path
    number = request.GET.get("page", "")
    canonical = request.build_absolute_uri(current) + (
        f"?page={number}" if number.isdigit() and number != "1" else ""
    )
    alternates = [
        (link.code, request.build_absolute_uri(current if link.is_current else link.url))
        for link in languages
        if link.is_translation
    ]
    if len(alternates) > 1:
        default = dict(alternates).get(settings.LANGUAGE_CODE)
        alternates.append(("x-default", default))
    else:
        alternates = []
    return PageMeta(description=page_description(page), canonical=canonical, alternates=alternates)
