"""Factories for the test suite: people, images and the Wagtail page tree.

Every user made here can sign in with PASSWORD. Pages are created live, with
publication dates set, but without revisions: tests that need the moderation
workflow publish through Wagtail themselves.
"""

import datetime as dt
from decimal import Decimal

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
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
from mentoring.applications import services
from mentoring.applications.workflow import DECISIONS, Role, Status
from mentoring.core.choices import (
    BusinessSector,
    ContactLanguage,
    EmploymentStatus,
    Gender,
    Municipality,
    Stage,
    SupportNeed,
)
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import ApplicantProfile, Application, Intake, MentorProfile, Mentorship, Review
from mentoring.models.review import weighted_score
from portal import roles
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


def create_news_items(index: NewsIndexPage, n: int, *, start: dt.date | None = None, **kwargs) -> list:
    """`n` live news items under `index`, one day apart, the last one newest.

    Dates are distinct, so "the latest three" is well defined. They are searchable only in a test
    that asks for Wagtail's background work (the `background_tasks` fixture).
    """
    start = start or timezone.localdate() - dt.timedelta(days=n)
    return [NewsPageFactory(parent=index, date=start + dt.timedelta(days=i), **kwargs) for i in range(n)]


# --- Mentoring ---------------------------------------------------------------
def a_programme_page() -> ProgrammePage:
    """The site's first programme page, or a new one under Wagtail's root when there is none."""
    from wagtail.models import Page

    return ProgrammePage.objects.order_by("pk").first() or ProgrammePageFactory(
        parent=Page.get_first_root_node()
    )


class IntakeFactory(DjangoModelFactory):
    """An intake open now: opened a week ago, closes in a month.

    `closed=True` closed yesterday; `upcoming=True` opens next week.

    Attaches to the first programme page there is (the `site_tree`'s when that fixture ran).
    """

    class Meta:
        model = Intake

    class Params:
        closed = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=60)),
            closes_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1)),
        )
        upcoming = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7)),
            closes_at=factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=37)),
        )

    programme = factory.LazyFunction(a_programme_page)
    title = factory.Sequence(lambda n: f"Kvinnors företagande, omgång {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))
    places = 40


class ApplicantProfileFactory(DjangoModelFactory):
    """A woman under notice in Mölndal, born 1985, who wants e-mail in Swedish."""

    class Meta:
        model = ApplicantProfile

    user = factory.SubFactory(UserFactory, verified=True)
    first_name = factory.SelfAttribute("user.first_name")
    last_name = factory.SelfAttribute("user.last_name")
    phone = "070-123 45 67"
    municipality = Municipality.MOLNDAL
    birth_year = 1985
    gender = Gender.WOMAN
    employment_status = EmploymentStatus.UNDER_NOTICE
    contact_language = ContactLanguage.SWEDISH
    languages = factory.LazyFunction(lambda: ["sv", "ar"])
    consent_at = factory.LazyFunction(timezone.now)
    privacy_notice_version = "2026-01"


class ApplicantFactory(UserFactory):
    """A verified user with an applicant profile; profile fields go in as `profile__<field>`."""

    verified = True
    profile = factory.RelatedFactory(ApplicantProfileFactory, factory_related_name="user")


class ApplicationFactory(DjangoModelFactory):
    """An application with every required answer given, in the status asked for.

    `status` other than draft is reached through the services, as a person would:
    the applicant submits at `now`, a `coordinator` (made when not given) takes it
    into review and decides with `reason` — so the status log is the real one.
    """

    class Meta:
        model = Application

    intake = factory.SubFactory(IntakeFactory)
    applicant = factory.SubFactory(ApplicantFactory)
    status = Status.DRAFT
    idea_title = factory.Sequence(lambda n: f"Cykelverkstad på hjul {n}")
    idea_description = "En mobil verkstad som lagar cyklar där folk arbetar."
    business_sector = BusinessSector.OTHER_SERVICES
    market_description = "Arbetsplatser med många cykelpendlare i Mölndal och Göteborg."
    stage = Stage.PREPARING
    support_needs = factory.LazyFunction(
        lambda: [SupportNeed.FINANCING.value, SupportNeed.BUSINESS_PLAN.value]
    )
    mentor_languages = factory.LazyFunction(lambda: ["sv"])

    # Not fields: how a status other than draft is reached.
    now = None
    coordinator = None
    reason = "Tydlig idé och stort behov av stöd."

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        status=Status.DRAFT,
        now=None,
        coordinator=None,
        reason="",
        internal_note="",
        **kwargs,
    ):
        application = super()._create(model_class, *args, **kwargs)
        return application_reach(
            application,
            Status(status),
            now=now or timezone.now(),
            coordinator=coordinator,
            reason=reason,
            internal_note=internal_note,
        )

    @classmethod
    def _build(
        cls,
        model_class,
        *args,
        status=Status.DRAFT,
        now=None,
        coordinator=None,
        reason="",
        internal_note="",
        **kw,
    ):
        return model_class(*args, status=status, **kw)


def coordinator_user(**kwargs) -> User:
    return user_with_role(roles.COORDINATORS, **kwargs)


def application_reach(
    application: Application,
    status: Status,
    *,
    now: dt.datetime,
    coordinator=None,
    reason: str = "",
    internal_note: str = "",
) -> Application:
    """Walk a draft to `status` through the services, the way the portal would."""
    if status == Status.DRAFT:
        return application
    applicant = application.applicant
    if status == Status.WITHDRAWN:
        return services.application_withdraw(
            application=application, actor=applicant, role=Role.APPLICANT, now=now
        )
    application = services.application_submit(application=application, actor=applicant, now=now)
    if status == Status.SUBMITTED:
        return application
    coordinator = coordinator or coordinator_user()
    if status == Status.IN_REVIEW:
        return services.application_transition(
            application=application,
            target=Status.IN_REVIEW,
            actor=coordinator,
            role=Role.COORDINATOR,
            now=now,
        )
    assert status in DECISIONS, status
    return services.application_decide(
        application=application,
        decision=status,
        actor=coordinator,
        now=now,
        reason=reason,
        internal_note=internal_note,
    )


class ReviewFactory(DjangoModelFactory):
    """A coordinator's review of a submitted application, scored 4/3/5/2.

    `conflict=True` is a reviewer who stepped aside instead: no scores.

    Written directly (the weighted score computed as the service would): use
    `services.review_record` where the review itself is under test.
    """

    class Meta:
        model = Review

    class Params:
        conflict = factory.Trait(
            conflict_of_interest=True, scores=factory.LazyFunction(dict), score=None, comment=""
        )

    application = factory.SubFactory(ApplicationFactory, status=Status.SUBMITTED)
    reviewer = factory.LazyFunction(coordinator_user)
    scores = factory.LazyFunction(lambda: {"viability": 4, "motivation": 3, "need": 5, "fit": 2})
    score = factory.LazyAttribute(
        lambda o: weighted_score(scores=o.scores, weights=o.application.intake.rubric_weights)
    )
    comment = "Genomtänkt idé, behöver hjälp med finansiering."
    conflict_of_interest = False


def bulk_applications(
    intake: Intake, n: int, *, status: Status = Status.SUBMITTED, submitted_at: dt.datetime | None = None
) -> list[Application]:
    """`n` applicants with profiles and applications in `status`, written in three bulk inserts.

    For tests that need volume (query counts), not the status log: no StatusChange
    rows are written, so use ApplicationFactory where the history matters.
    """
    first = User.objects.count()
    submitted_at = submitted_at or timezone.now()
    users = User.objects.bulk_create(
        User(email=f"bulk{intake.pk}-{first + i}@example.org", first_name="Bulk", last_name=f"Sökande {i}")
        for i in range(n)
    )
    ApplicantProfile.objects.bulk_create(
        ApplicantProfileFactory.build(user=user, municipality=Municipality.GOTEBORG) for user in users
    )
    return Application.objects.bulk_create(
        ApplicationFactory.build(
            intake=intake,
            applicant=user,
            status=status,
            submitted_at=None if status == Status.DRAFT else submitted_at - dt.timedelta(minutes=i),
        )
        for i, user in enumerate(users)
    )


class MentorProfileFactory(DjangoModelFactory):
    """An approved, active mentor in Göteborg with two places, who meets online too.

    `unapproved=True` is waiting for a coordinator's approval.
    """

    class Meta:
        model = MentorProfile

    class Params:
        unapproved = factory.Trait(approved_at=None, approved_by=None)

    user = factory.SubFactory(UserFactory, verified=True, first_name="Maja")
    bio = "Drev eget verkstadsföretag i tjugo år."
    sectors = factory.LazyFunction(
        lambda: [BusinessSector.OTHER_SERVICES.value, BusinessSector.MANUFACTURING.value]
    )
    expertise = factory.LazyFunction(lambda: [SupportNeed.FINANCING.value, SupportNeed.BUSINESS_PLAN.value])
    languages = factory.LazyFunction(lambda: ["sv", "en"])
    municipality = Municipality.GOTEBORG
    online_ok = True
    capacity = 2
    gender = Gender.WOMAN
    company_ties = factory.LazyFunction(list)
    approved_at = factory.LazyFunction(timezone.now)
    approved_by = factory.LazyFunction(coordinator_user)


class MentorshipFactory(DjangoModelFactory):
    """A proposed mentorship of an accepted participant and an approved mentor, written directly.

    Use `services.mentorships.mentorship_propose` where the proposal itself is under test.
    """

    class Meta:
        model = Mentorship

    participant = factory.SubFactory(ApplicationFactory, status=Status.ACCEPTED)
    mentor = factory.SubFactory(MentorProfileFactory)
    status = MentorshipStatus.PROPOSED
    score = Decimal("7.500")
    reasons = factory.LazyFunction(lambda: [{"code": "same_sector", "sector": "S"}])
    proposed_at = factory.LazyFunction(timezone.now)
