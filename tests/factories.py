"""Factories for the test suite: people, images and the Wagtail page tree.

Every user made here can sign in with PASSWORD. Pages are created live, with
publication dates set, but without revisions: tests that need the moderation
workflow publish through Wagtail themselves.
"""

import datetime as dt
from contextlib import nullcontext

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.test import override_settings
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Collection

from content.models import (
    HomePage,
    HomePageFeaturedProgramme,
    NewsIndexPage,
    NewsPage,
    ProgrammeIndexPage,
    ProgrammePage,
    StandardPage,
)
from portal.models import User

PASSWORD = "correct-horse-battery"


# --- People ------------------------------------------------------------------


class UserFactory(DjangoModelFactory):
    """A person with an e-mail login and PASSWORD; `verified=True` adds a verified primary address."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        verified = factory.Trait(
            email_address=factory.RelatedFactory(
                "tests.factories.EmailAddressFactory",
                factory_related_name="user",
                email=factory.SelfAttribute("..email"),
            )
        )

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Alva"
    last_name = factory.Sequence(lambda n: f"Andersson{n}")
    is_active = True

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])


class EmailAddressFactory(DjangoModelFactory):
    """allauth's record of an address; verified and primary unless told otherwise."""

    class Meta:
        model = EmailAddress

    user = factory.SubFactory(UserFactory)
    email = factory.SelfAttribute("user.email")
    verified = True
    primary = True


def verified_user(**kwargs) -> User:
    """A user whose e-mail address allauth counts as verified, so they can sign in."""
    return UserFactory(verified=True, **kwargs)


def user_with_role(group_name: str, **kwargs) -> User:
    """A verified user in the role group `group_name` (one of the names in portal.roles)."""
    user = verified_user(**kwargs)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def superuser(**kwargs) -> User:
    return verified_user(is_staff=True, is_superuser=True, **kwargs)


# --- Media -------------------------------------------------------------------


class ImageFactory(wagtail_factories.ImageFactory):
    """An image in Wagtail's root collection (the library's default makes a new root each time)."""

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Bild {n}")


# --- Pages -------------------------------------------------------------------


class _LivePageFactory(wagtail_factories.PageFactory):
    """A live page with the publication dates a published page would carry."""

    class Meta:
        abstract = True

    live = True
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.SelfAttribute("first_published_at")


class HomePageFactory(_LivePageFactory):
    class Meta:
        model = HomePage

    title = "VästKraft"
    slug = "hem"
    hero_title = "Kompetens och företagande i Västsverige"
    hero_text = "Stöd för anställda, varslade och arbetssökande i regionens industri."


class ProgrammeIndexPageFactory(_LivePageFactory):
    class Meta:
        model = ProgrammeIndexPage

    title = "Program"
    slug = "program"
    intro = "<p>Våra program för kompetensutveckling och företagande.</p>"


class ProgrammePageFactory(_LivePageFactory):
    class Meta:
        model = ProgrammePage

    title = factory.Sequence(lambda n: f"Kvinnors företagande {n}")
    intro = "Stöd för kvinnor som vill starta eget företag."
    audience = "<p>Kvinnor som är anställda, varslade eller arbetssökande.</p>"
    facts = factory.LazyFunction(
        lambda: [
            ("fact", {"label": "Längd", "value": "6 månader"}),
            ("fact", {"label": "Kostnad", "value": "Kostnadsfritt"}),
        ]
    )


class NewsIndexPageFactory(_LivePageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Nyheter"
    slug = "nyheter"
    intro = "<p>Nytt från programmet.</p>"


class NewsPageFactory(_LivePageFactory):
    """A news item; pass `tags=["robotik", ...]` to tag it."""

    class Meta:
        model = NewsPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Nyhet nummer {n}")
    date = factory.LazyFunction(timezone.localdate)
    intro = factory.Sequence(lambda n: f"Inledning till nyhet {n}.")

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):
        if extracted:
            obj.tags.set(extracted)
            if create:
                obj.save()


class StandardPageFactory(_LivePageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Om programmet {n}")
    intro = "Om VästKraft och dess finansiering."


class FeaturedProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = HomePageFeaturedProgramme

    page = None
    programme = None


def feature_programmes(home: HomePage, *programmes: ProgrammePage) -> None:
    """Show `programmes` in the home page's featured list, in this order."""
    for order, programme in enumerate(programmes):
        FeaturedProgrammeFactory(page=home, programme=programme, sort_order=order)


def create_news_items(
    index: NewsIndexPage, n: int, *, start: dt.date | None = None, indexed: bool = True, **kwargs
) -> list:
    """`n` live news items under `index`, one day apart, the last one newest.

    Dates are distinct, so "the latest three" is well defined. `indexed=False`
    skips Wagtail's background work (search and reference index) while creating
    them, about halving the time: for tests that need many items but never search.
    """
    start = start or timezone.localdate() - dt.timedelta(days=n)
    background = nullcontext() if indexed else override_settings(TASKS=_NO_BACKGROUND_TASKS)
    with background:
        return [NewsPageFactory(parent=index, date=start + dt.timedelta(days=i), **kwargs) for i in range(n)]


_NO_BACKGROUND_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
