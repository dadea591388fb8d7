"""Load the demo site: locales, the page tree in Swedish and English, images, accounts and applications.

`demo_seed` only ever adds what is missing. Each object has a natural key –
a page its slug under its parent, a translation its source page's translation
key and locale, an image its title, an account its e-mail address – and an
object found by its key is left exactly as it is, so a run after an editor has
changed the demo pages never overwrites their work.
"""

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TextIO

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.utils.file import hash_filelike

from content.models import (
    HomePage,
    HomePageFeaturedProgramme,
    NewsIndexPage,
    NewsPage,
    ProgrammeIndexPage,
    ProgrammePage,
    StandardPage,
    TrainingIndexPage,
    TrainingOccasion,
    TrainingOfferPage,
)
from portal.demo import texts, training
from portal.demo.alumni import demo_seed_alumni
from portal.demo.applications import demo_seed_applications
from portal.demo.calendar import working_days_from
from portal.demo.companies import demo_seed_companies
from portal.demo.images import render
from portal.demo.mentors import DEMO_MENTORS, MENTOR_EMAIL, demo_seed_mentors, demo_seed_mentorships
from portal.demo.targets import demo_seed_targets
from portal.roles import EDITORS, MODERATORS
from portal.site_address import host_and_port

SOURCE_LANGUAGE = "sv"
TRANSLATIONS = ("en",)
SITE_NAME = "VästKraft"
WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"
PAGE_REF = re.compile(r"\{page:([a-z0-9-]+)\}")


@dataclass(frozen=True)
class PageSpec:
    """One demo page: where it goes, and its texts per language."""

    key: str
    parent: str | None  # key of the parent page; None for the home page, under Wagtail's root
    model: type[Page]
    texts: dict[str, dict]
    show_in_menus: bool = False
    image: str | None = None
    day: date | None = None  # a news item's date
    tags: dict[str, list[str]] | None = None
    # A training offer's occasions: (first day, last day, place or "" for online, places).
    occasions: tuple[tuple[date, date, str, int], ...] = ()


@dataclass
class SeedReport:
    """What a run created, and what it found already there, by kind ("images", "pages sv"…)."""

    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def count(self, kind: str, *, created: bool) -> None:
        (self.created if created else self.existing)[kind] += 1


# --- Plan ----------------------------------------------------------------------


def _event_date(day: date, *, in_days: int, weekday: int) -> date:
    event = day + timedelta(days=in_days)
    return event + timedelta(days=(weekday - event.weekday()) % 7)


def _format_date(day: date, language: str) -> str:
    if language == "sv":
        return f"{texts.SWEDISH_WEEKDAYS[day.weekday()]} den {day.day} {texts.SWEDISH_MONTHS[day.month - 1]}"
    return f"{texts.ENGLISH_WEEKDAYS[day.weekday()]} {day.day} {texts.ENGLISH_MONTHS[day.month - 1]}"


def _fill_in(value, placeholder: str, text: str):
    if isinstance(value, str):
        return value.replace(placeholder, text)
    if isinstance(value, list):
        return [_fill_in(item, placeholder, text) for item in value]
    if isinstance(value, dict):
        return {key: _fill_in(item, placeholder, text) for key, item in value.items()}
    return value


def demo_pages(*, today: date) -> list[PageSpec]:
    """Every demo page, parents before children, siblings in menu order."""
    specs = [
        PageSpec(key="home", parent=None, model=HomePage, texts=texts.HOME, image="hero"),
        PageSpec(
            key="programme-index",
            parent="home",
            model=ProgrammeIndexPage,
            texts=texts.PROGRAMME_INDEX,
            show_in_menus=True,
        ),
        *(
            PageSpec(
                key=programme["key"],
                parent="programme-index",
                model=ProgrammePage,
                texts={language: programme[language] for language in (SOURCE_LANGUAGE, *TRANSLATIONS)},
                show_in_menus=True,
                image=programme["image"],
            )
            for programme in texts.PROGRAMMES
        ),
        PageSpec(
            key="news-index", parent="home", model=NewsIndexPage, texts=texts.NEWS_INDEX, show_in_menus=True
        ),
        *(
            PageSpec(
                key=page["key"],
                parent="home",
                model=StandardPage,
                texts={language: page[language] for language in (SOURCE_LANGUAGE, *TRANSLATIONS)},
                show_in_menus=page["show_in_menus"],
            )
            for page in texts.STANDARD_PAGES
        ),
    ]
    specs += [
        PageSpec(
            key="training-index",
            parent="home",
            model=TrainingIndexPage,
            texts=training.TRAINING_INDEX,
            show_in_menus=True,
        ),
        *(
            PageSpec(
                key=offer["key"],
                parent="training-index",
                model=TrainingOfferPage,
                texts={
                    language: {
                        **offer[language],
                        "topic": offer["topic"],
                        "length_days": offer["length_days"],
                        "language": offer["language"],
                    }
                    for language in (SOURCE_LANGUAGE, *TRANSLATIONS)
                },
                occasions=tuple(
                    (*working_days_from(today + timedelta(days=in_days), offer["length_days"]), place, places)
                    for in_days, place, places in offer["occasions"]
                ),
            )
            for offer in training.OFFERS
        ),
    ]
    # Oldest first, so that the news list (newest first) matches creation order too.
    for item in sorted(texts.NEWS, key=lambda item: -item["days_ago"]):
        day = today - timedelta(days=item["days_ago"])
        item_texts = {language: item[language] for language in (SOURCE_LANGUAGE, *TRANSLATIONS)}
        if "event_in_days" in item:
            event = _event_date(day, in_days=item["event_in_days"], weekday=item["event_weekday"])
            item_texts = {
                language: _fill_in(value, "{event}", _format_date(event, language))
                for language, value in item_texts.items()
            }
        specs.append(
            PageSpec(
                key=item["key"],
                parent="news-index",
                model=NewsPage,
                texts=item_texts,
                image=item["image"],
                day=day,
                tags=item["tags"],
            )
        )
    return specs


# --- Locales, images, site -------------------------------------------------------


def _ensure_locales(report: SeedReport) -> dict[str, Locale]:
    locales = {}
    for language in (SOURCE_LANGUAGE, *TRANSLATIONS):
        locales[language], created = Locale.objects.get_or_create(language_code=language)
        report.count("locales", created=created)
    return locales


def _ensure_images(report: SeedReport) -> dict:
    Image = get_image_model()
    images = {}
    for key, (title, motif) in texts.IMAGES.items():
        image = Image.objects.filter(title=title).first()
        report.count("images", created=image is None)
        if image is None:
            data = render(seed=key, motif=motif)
            image = Image(
                title=title,
                file=ImageFile(io.BytesIO(data), name=f"vastkraft-{key}.jpg"),
                file_size=len(data),
                file_hash=hash_filelike(io.BytesIO(data)),
            )
            image.save()
        images[key] = image
    return images


def _point_site_at(home: HomePage, report: SeedReport) -> None:
    """Make the default site serve `home`, unless it already serves a home page of ours."""
    # Feeds, the sitemap and e-mails link with the site's own address: use the portal's.
    hostname, port = host_and_port(settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True, site_name=SITE_NAME
        )
        report.count("site", created=True)
    elif site.root_page.specific_class is not HomePage:
        site.root_page = home
        site.site_name = site.site_name or SITE_NAME
        site.hostname, site.port = hostname, port
        site.save()
        report.count("site", created=True)
    else:
        report.count("site", created=False)

    # Wagtail's placeholder page: it is in the way of the English home page's slug.
    welcome = Page.objects.filter(
        depth=2,
        content_type=ContentType.objects.get_for_model(Page),
        title=WAGTAIL_WELCOME_TITLE,
        numchild=0,
        sites_rooted_here__isnull=True,
    ).first()
    if welcome is not None:
        welcome.delete()
        report.notes.append("Removed Wagtail's welcome page.")


# --- Pages ----------------------------------------------------------------------


def _plain_fields(spec: PageSpec, language: str) -> dict:
    """The fields that can be set before the other pages exist: all but the body."""
    return {key: value for key, value in spec.texts[language].items() if key != "body"}


def _set_texts(page: Page, spec: PageSpec, language: str) -> None:
    for name, value in _plain_fields(spec, language).items():
        setattr(page, name, value)
    page.draft_title = page.title


def _resolve_body(blocks: list[dict], pages: dict[str, Page]) -> list[dict]:
    resolved = []
    for block in blocks:
        value = block["value"]
        if block["type"] == "call_to_action" and value.get("page"):
            value = {**value, "page": pages[value["page"]].pk}
        elif block["type"] == "paragraph":
            value = PAGE_REF.sub(lambda match: str(pages[match[1]].pk), value)
        resolved.append({"type": block["type"], "value": value})
    return resolved


def _complete_and_publish(page: Page, spec: PageSpec, language: str, pages: dict[str, Page]) -> Page:
    """Set what refers to other pages, then publish through a revision, as an editor would."""
    # Fresh from the database: children were added since `page` was loaded, and
    # publishing saves every field of the instance, tree counters included.
    page = type(page).objects.get(pk=page.pk)
    body = spec.texts[language].get("body")
    if body is not None:
        page.body = _resolve_body(body, pages)
    if isinstance(page, HomePage):
        page.hero_link = pages["about"]
        page.apply_link = pages["programme-index"]
        page.featured_programmes = [
            HomePageFeaturedProgramme(programme=pages[programme["key"]]) for programme in texts.PROGRAMMES
        ]
    if spec.tags:
        page.tags.set(spec.tags[language])
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def _seed_source_tree(
    specs: list[PageSpec], *, locale: Locale, images: dict, report: SeedReport
) -> dict[str, Page]:
    root = Page.get_first_root_node()
    pages: dict[str, Page] = {}
    new: list[PageSpec] = []
    for spec in specs:
        parent = root if spec.parent is None else pages[spec.parent]
        slug = spec.texts[SOURCE_LANGUAGE]["slug"]
        page = parent.get_children().filter(slug=slug, locale=locale).specific().first()
        report.count(f"pages {locale.language_code}", created=page is None)
        if page is None:
            page = spec.model(
                locale=locale,
                live=False,
                show_in_menus=spec.show_in_menus,
                **_plain_fields(spec, SOURCE_LANGUAGE),
            )
            if spec.image:
                setattr(page, "hero_image" if spec.model is HomePage else "image", images[spec.image])
            if spec.day:
                page.date = spec.day
            if spec.occasions:
                # Translations copy these, keeping their translation key: the places are shared.
                page.occasions = [
                    TrainingOccasion(
                        starts_on=first, ends_on=last, place=place, online=not place, places=places
                    )
                    for first, last, place, places in spec.occasions
                ]
            parent.add_child(instance=page)
            new.append(spec)
        pages[spec.key] = page
    # Bodies and links point at each other (contact → privacy → contact), so they
    # are filled in once every page has an id.
    for spec in new:
        pages[spec.key] = _complete_and_publish(pages[spec.key], spec, SOURCE_LANGUAGE, pages)
    return pages


def _seed_translation(
    specs: list[PageSpec], *, source: dict[str, Page], locale: Locale, report: SeedReport
) -> dict[str, Page]:
    language = locale.language_code
    pages: dict[str, Page] = {}
    new: list[PageSpec] = []
    root = Page.get_first_root_node()
    for spec in specs:
        original = source[spec.key]
        page = original.get_translation_or_none(locale)
        if page is None:
            # Keyed by slug too: a translation whose original was deleted and
            # recreated has lost its link, but still holds the slug.
            parent = root if spec.parent is None else pages[spec.parent]
            slug = spec.texts[language]["slug"]
            page = parent.get_children().filter(slug=slug, locale=locale).first()
        if page is not None and page.alias_of_id is not None:
            # An alias left by a synchronised page tree stands in for a missing translation.
            ConvertAliasPageAction(page).execute(skip_permission_checks=True)
            page = Page.objects.get(pk=page.pk)
        elif page is not None:
            pages[spec.key] = page.specific
            report.count(f"pages {language}", created=False)
            continue
        else:
            # The copy takes its texts and slug from the instance it copies, so that
            # instance gets the translated ones first (it is never saved). Renaming
            # the copy afterwards would make Wagtail add redirects from addresses
            # that were never public.
            original = original.specific_class.objects.get(pk=original.pk)
            _set_texts(original, spec, language)
            page = original.copy_for_translation(locale, copy_parents=True)
        page = page.specific
        _set_texts(page, spec, language)
        # A copy placed next to its original (the home page, under the root) has the
        # language code appended to its slug.
        page.save()
        pages[spec.key] = page
        new.append(spec)
        report.count(f"pages {language}", created=True)
    for spec in new:
        pages[spec.key] = _complete_and_publish(pages[spec.key], spec, language, pages)
    return pages


# --- Accounts -------------------------------------------------------------------


def _ensure_accounts(report: SeedReport) -> None:
    User = get_user_model()
    password_hash = None
    for _role, email, first_name, last_name, group_name, superuser in texts.USERS:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            # Hashing is slow on purpose (a second each here); the accounts share a
            # public password, so they can share one hash.
            password_hash = password_hash or make_password(texts.DEMO_PASSWORD)
            create = User.objects.create_superuser if superuser else User.objects.create_user
            user = create(email=email, password=None, first_name=first_name, last_name=last_name)
            user.password = password_hash
            user.save(update_fields=["password"])
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            report.count("accounts", created=True)
        else:
            report.count("accounts", created=False)
        # Verified, so the account can sign in at once despite mandatory verification.
        if not EmailAddress.objects.filter(user=user, email__iexact=user.email).exists():
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


def _check_cms_groups(report: SeedReport) -> None:
    for name in (EDITORS, MODERATORS):
        group = Group.objects.filter(name=name).first()
        if (
            group is None
            or not group.permissions.filter(
                content_type__app_label="wagtailadmin", codename="access_admin"
            ).exists()
        ):
            report.notes.append(f"Warning: group {name} cannot open the Wagtail admin.")


# --- Service ----------------------------------------------------------------------


def demo_seed(*, today: date | None = None, stdout: TextIO | None = None) -> SeedReport:
    """Create whatever of the demo site and accounts is missing; change nothing that exists.

    News dates count back from `today` (default: the local date). Writes a short
    summary to `stdout` when given. Raises Group.DoesNotExist if the role groups'
    migration has not run.
    """
    today = today or timezone.localdate()
    report = SeedReport()
    with transaction.atomic():
        locales = _ensure_locales(report)
        images = _ensure_images(report)
        specs = demo_pages(today=today)
        pages = _seed_source_tree(specs, locale=locales[SOURCE_LANGUAGE], images=images, report=report)
        _point_site_at(pages["home"], report)
        for language in TRANSLATIONS:
            _seed_translation(specs, source=pages, locale=locales[language], report=report)
        _ensure_accounts(report)
        demo_seed_applications(today=today, report=report)
        demo_seed_mentors(today=today, report=report)
        demo_seed_mentorships(today=today, report=report)
        demo_seed_alumni(today=today, report=report)
        demo_seed_companies(today=today, report=report)
        training.demo_seed_attendance(today=today, report=report)
        demo_seed_targets(today=today, report=report)
        _check_cms_groups(report)
    if stdout is not None:
        write_summary(report, stdout)
    return report


def write_summary(report: SeedReport, stdout: TextIO) -> None:
    kinds = ["locales", "site", "images", f"pages {SOURCE_LANGUAGE}"]
    kinds += [f"pages {language}" for language in TRANSLATIONS] + ["accounts"]
    kinds += ["intakes", "applicants", "applications", "mentors", "mentorships", "alumni", "companies"]
    kinds += ["attendance", "targets"]
    stdout.write("Demo content:\n")
    for kind in kinds:
        stdout.write(
            f"  {kind:<12} {report.created[kind]:>3} created, {report.existing[kind]:>3} already there\n"
        )
    for note in report.notes:
        stdout.write(f"  {note}\n")
    stdout.write(f"\nDemo accounts, all with the password {texts.DEMO_PASSWORD!r}:\n")
    for role, email, *_rest in texts.USERS:
        stdout.write(f"  {role:<13} {email}\n")
    first, last = (texts.APPLICANT_EMAIL.format(number=n) for n in (1, len(texts.APPLICANTS)))
    stdout.write(f"  {'applicants':<13} {first} … {last}\n")
    first, last = (MENTOR_EMAIL.format(number=n) for n in (1, len(DEMO_MENTORS)))
    stdout.write(f"  {'mentors':<13} {first} … {last}\n")
    first, last = (texts.ALUMNUS_EMAIL.format(number=n) for n in (1, len(texts.ALUMNI)))
    stdout.write(f"  {'past':<13} {first} … {last}\n")
