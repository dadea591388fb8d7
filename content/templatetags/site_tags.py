"""What the public site's frame shows: home page, menus, language switch, feeds, breadcrumbs.

The frame (header and footer) is on every page, so its cost is paid on every
request. Everything it needs comes from one cached `SiteFrame` per request:
one query for the home page in the active language, one for its live
children (menu, footer pages and the news index are all among them), and one
for the translations the language switch links to. The count never depends
on how many pages or news items the site has.
"""

from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.urls import reverse, translate_url
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.text import Truncator, capfirst
from django.utils.translation import get_language, get_language_info, get_supported_language_variant
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from content.models import NewsIndexPage, StandardPage
from portal.localized import active_language

register = template.Library()

_FRAME_ATTRIBUTE = "_vastkraft_site_frame"


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


@dataclass(frozen=True)
class NewsFeeds:
    title: str
    url: str  # the news list
    rss: str
    atom: str


@dataclass
class SiteFrame:
    home: Page | None = None
    children: list[Page] = field(default_factory=list)


def _active_language() -> str:
    return get_supported_language_variant(get_language() or settings.LANGUAGE_CODE)


def _site_frame(request) -> SiteFrame:
    """The home page of the request's site in the active language, and its live children."""
    if request is None:
        return SiteFrame()
    language = _active_language()
    cached = getattr(request, _FRAME_ATTRIBUTE, None)
    if cached is not None and cached[0] == language:
        return cached[1]
    frame = SiteFrame()
    site = Site.find_for_request(request)
    if site is not None:
        root_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")
        frame.home = (
            Page.objects.live().filter(translation_key__in=root_key, locale__language_code=language).first()
        )
        if frame.home is None:
            # No translation in this language: the site's own root still leads somewhere.
            frame.home = Page.objects.live().filter(pk=site.root_page_id).first()
    if frame.home is not None:
        frame.children = list(Page.objects.child_of(frame.home).live().order_by("path"))
    setattr(request, _FRAME_ATTRIBUTE, (language, frame))
    return frame


def _current_page(context) -> Page | None:
    page = context.get("page")
    return page if isinstance(page, Page) else None


def _aria_current(link_page: Page, current: Page | None) -> str:
    if current is None:
        return ""
    if link_page.pk == current.pk:
        return "page"
    if current.path.startswith(link_page.path):
        return "true"
    return ""


def _of_type(pages: list[Page], model) -> list[Page]:
    content_type_id = ContentType.objects.get_for_model(model).pk
    return [p for p in pages if p.content_type_id == content_type_id]


@register.simple_tag(takes_context=True)
def home_page(context) -> Page | None:
    """The home page of the current site in the active language (or the site's root page)."""
    return _site_frame(context.get("request")).home


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    request = context.get("request")
    home = _site_frame(request).home
    return home.get_url(request) if home is not None else "/"


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[Link]:
    """The home page's live children marked "show in menus", in tree order."""
    request = context.get("request")
    current = _current_page(context)
    return [
        Link(title=p.title, url=p.get_url(request), current=_aria_current(p, current))
        for p in _site_frame(request).children
        if p.show_in_menus
    ]


@register.simple_tag(takes_context=True)
def contact_url(context) -> str:
    """The address of the contact page in the active language, or "" when the site has none.

    The contact page is the home page's child whose page in any language has the slug
    CONTACT_PAGE_SLUG; its translations share that page's translation key.
    """
    request = context.get("request")
    children = _site_frame(request).children
    keys = set(
        Page.objects.filter(
            slug=settings.CONTACT_PAGE_SLUG, translation_key__in=[p.translation_key for p in children]
        ).values_list("translation_key", flat=True)
    )
    contact = next((p for p in children if p.translation_key in keys), None)
    return (contact.get_url(request) or "") if contact is not None else ""


@register.simple_tag(takes_context=True)
def footer_pages(context) -> list[Link]:
    """The home page's live standard pages: about, contact, accessibility, privacy…"""
    request = context.get("request")
    current = _current_page(context)
    return [
        Link(title=p.title, url=p.get_url(request), current="page" if current and current.pk == p.pk else "")
        for p in _of_type(_site_frame(request).children, StandardPage)
    ]


@register.simple_tag(takes_context=True)
def news_feeds(context) -> NewsFeeds | None:
    """The news list of the active language and its RSS and Atom feeds, or None without one."""
    request = context.get("request")
    indexes = _of_type(_site_frame(request).children, NewsIndexPage)
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


def _language_name(code: str) -> str:
    return capfirst(get_language_info(code)["name_local"])


def _home_urls(request, home: Page | None) -> dict[str, str]:
    """The URL of each live translation of the site's home page, by language code."""
    if home is None:
        return {}
    translations = Page.objects.live().filter(translation_key=home.translation_key).select_related("locale")
    return {t.locale.language_code: t.get_url(request) for t in translations}


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
    home_by_language: dict[str, str] = {}
    if page is not None:
        home = _site_frame(request).home
        keys = {page.translation_key} | ({home.translation_key} if home is not None else set())
        for translation in Page.objects.live().filter(translation_key__in=keys).select_related("locale"):
            target = by_language if translation.translation_key == page.translation_key else home_by_language
            target[translation.locale.language_code] = translation.get_url(request)
    links = []
    for code, _name in settings.LANGUAGES:
        is_translation = True
        if code == active:
            url = full_path
        elif page is not None:
            url = by_language.get(code) or home_by_language.get(code) or translate_url(full_path, code)
            is_translation = code in by_language
        else:
            url = translate_url(full_path, code)
            if url == full_path:
                # Nothing in that language answers here: its home page is the nearest thing.
                home_by_language = home_by_language or _home_urls(request, _site_frame(request).home)
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
