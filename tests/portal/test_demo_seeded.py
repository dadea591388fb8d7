"""The demo data as `seed_demo` leaves a new installation, seeded once for all the tests here.

Seeding takes longer than anything else in the suite: the tests below read one seeding (and
seed again, to show that nothing doubles) inside their own transactions, rolled back after
each. The tests of the command itself, which need no demo data, are in test_seed_demo.py.
"""

from datetime import date, datetime, time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site, WorkflowPage

from content.models import (
    HomePage,
    NewsPage,
    ProgrammePage,
    StandardPage,
    TrainingOccasion,
    TrainingOfferPage,
)
from mentoring.companies.workflow import RequestStatus
from mentoring.core import orgnr
from mentoring.figures.selectors import participant_rows
from mentoring.matching.services import matching_run
from mentoring.models import (
    Application,
    CompanyRequest,
    EffortKind,
    Intake,
    MentorProfile,
    Outcome,
    PlannedMeeting,
    PlannedMeetingStatus,
    ProgrammeTargets,
    Review,
    StatusChange,
)
from portal.demo import mentors, seed, texts
from portal.roles import MENTORS
from tests.portal.conftest import demo_seeded_once

TODAY = date(2025, 3, 14)


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker):
    with demo_seeded_once(django_db_blocker, today=TODAY):
        yield


@pytest.fixture
def seeded(_seeded_once, db, small_images):
    """The demo as `seed.demo_seed(today=TODAY)` leaves a new installation."""


def _pages(language: str):
    return Page.objects.filter(depth__gt=1, locale__language_code=language)


@pytest.mark.django_db
def test_demo_seed_builds_live_swedish_site_with_english_translation(seeded):
    swedish, english = _pages("sv"), _pages("en")
    assert swedish.count() == english.count() == 24 + 13  # + the course listing and its 12 offers
    assert ProgrammePage.objects.filter(locale__language_code="sv").count() == 3
    assert NewsPage.objects.filter(locale__language_code="sv").count() >= 12
    assert not any(Page.find_problems())  # e.g. a stale child count hides the English pages
    assert not Page.objects.filter(depth__gt=1, live=False).exists()
    assert not Page.objects.filter(depth__gt=1, live_revision__isnull=True).exists()
    assert set(swedish.values_list("translation_key", flat=True)) == set(
        english.values_list("translation_key", flat=True)
    )
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.locale.language_code == "sv"
    assert not Page.objects.filter(title=seed.WAGTAIL_WELCOME_TITLE).exists()
    # Untouched: the moderation workflow, and no redirects from never-public draft slugs.
    assert WorkflowPage.objects.filter(page__depth=1, workflow__active=True).exists()
    assert not Redirect.objects.exists()


@pytest.mark.django_db
def test_demo_seed_links_english_pages_to_english_pages_only(seeded):
    home = HomePage.objects.get(locale__language_code="en")
    featured = [f.programme for f in home.featured_programmes.all()]
    assert [p.locale.language_code for p in featured] == ["en", "en", "en"]
    assert home.hero_link.locale.language_code == home.apply_link.locale.language_code == "en"
    english = Locale.objects.get(language_code="en")
    for page in _pages("en").type(ProgrammePage, NewsPage, StandardPage).specific():
        for block in page.body:
            if block.block_type == "call_to_action" and block.value["page"]:
                assert block.value["page"].locale == english, page.title
        # What an editor's save would check: field lengths and block rules.
        page.full_clean()
        type(page)._meta.get_field("body").stream_block.clean(page.body)


@pytest.mark.django_db
def test_demo_seed_run_again_creates_nothing_and_keeps_edits(seeded):
    about = Page.objects.get(slug="om-vastkraft").specific
    about.title = "Om oss"
    about.save_revision().publish()
    counts = (Page.objects.count(), get_image_model().objects.count(), get_user_model().objects.count())

    report = seed.demo_seed(today=TODAY)

    assert sum(report.created.values()) == 0
    assert counts == (
        Page.objects.count(),
        get_image_model().objects.count(),
        get_user_model().objects.count(),
    )
    assert Page.objects.get(slug="om-vastkraft").title == "Om oss"


@pytest.mark.django_db
def test_demo_seed_accounts_sign_in_without_verifying(client, seeded):
    for _role, email, *_rest in texts.USERS:
        response = client.post(reverse("account_login"), {"login": email, "password": texts.DEMO_PASSWORD})
        assert response.status_code == 302, email
        assert "/confirm-email/" not in response.url, email
        client.logout()


@pytest.mark.django_db
def test_demo_seed_fills_the_open_intake_with_applications_in_mixed_states_once(seeded):
    now = timezone.make_aware(datetime.combine(TODAY, time(12)))
    intake = Intake.objects.get(title=texts.INTAKES["open"][1])
    applications = Application.objects.filter(intake=intake)
    before = (applications.count(), StatusChange.objects.count(), Review.objects.count())

    report = seed.demo_seed(today=TODAY)

    assert intake.is_open(now=now)
    assert intake.programme.slug == "kvinnors-foretagande"
    assert not Intake.objects.get(title=texts.INTAKES["closed"][1]).is_open(now=now)
    assert before[0] >= 40
    assert len(set(applications.values_list("status", flat=True))) >= 5
    # Every submitted application went through the services: its log starts with the submission.
    assert not applications.exclude(status="draft").filter(status_changes__isnull=True).exists()
    assert not StatusChange.objects.filter(at__gte=now).exists()
    draft = applications.get(applicant__email="participant@vastkraft.example")
    assert (draft.status, draft.step) == ("draft", "market")
    assert report.created["intakes"] == report.created["applications"] == 0
    assert before == (applications.count(), StatusChange.objects.count(), Review.objects.count())


@pytest.mark.django_db
def test_demo_seed_mentors_are_approved_varied_and_created_once(seeded):
    report = seed.demo_seed(today=TODAY)

    profiles = MentorProfile.objects.select_related("user")
    assert profiles.count() == len(mentors.DEMO_MENTORS) + 1 >= 25  # and the mentor demo account's
    assert report.created["mentors"] == 0
    assert not profiles.filter(approved_at__isnull=True).exists()
    assert not profiles.exclude(user__groups__name=MENTORS).exists()
    assert not profiles.exclude(user__emailaddress__verified=True).exists()
    assert profiles.filter(gender="woman").count() > profiles.count() / 2
    assert profiles.filter(paused=True).count() == 2
    assert {p.capacity for p in profiles} == {1, 2, 3, 4}
    assert {"ar", "fa", "so", "en", "fi", "pl"} <= {lang for p in profiles for lang in p.languages}
    demo_mentor = profiles.get(user__email="mentor@vastkraft.example")
    statuses = sorted(demo_mentor.mentorships.values_list("status", flat=True))
    assert statuses == ["active", "proposed"] and report.existing["mentorships"] == 1
    # The mentee's first meeting is planned, in person, four days ahead: one plan, kept on a second run.
    planned = PlannedMeeting.objects.get(mentorship__mentor=demo_mentor)
    assert planned.status == PlannedMeetingStatus.PLANNED and planned.place
    assert timezone.localdate(planned.starts_at) == TODAY + timedelta(days=4)


@pytest.mark.django_db
def test_matching_the_demo_open_intake_proposes_pairs_with_reasons(seeded):
    now = timezone.make_aware(datetime.combine(TODAY, time(12)))
    intake = Intake.objects.get(title=texts.INTAKES["open"][1])
    accepted = Application.objects.filter(intake=intake, status="accepted").count()

    result = matching_run(intake=intake, now=now)

    # The mentor demo account's mentee and proposal are no longer waiting.
    assert accepted >= 10
    assert len(result.pairs) == accepted - 2 and not result.unmatched
    assert all(pair.reasons for pair in result.pairs)
    same_sector = [pair for pair in result.pairs if "same sector" in pair.explain()]
    assert len(same_sector) >= 0.75 * len(result.pairs)
    assert len(set(result.mentor_of.values())) >= 4
    paused = set(MentorProfile.objects.filter(paused=True).values_list("pk", flat=True))
    assert not paused & set(result.mentor_of.values())


@pytest.mark.django_db
def test_demo_seed_gives_the_closed_intake_past_participants_with_outcomes_once(seeded):
    report = seed.demo_seed(today=TODAY)

    intake = Intake.objects.get(title=texts.INTAKES["closed"][1])
    accepted = Application.objects.filter(intake=intake, status="accepted")
    assert accepted.count() >= 20
    outcomes = Outcome.objects.filter(participant__intake=intake, point=Outcome.Point.EXIT)
    assert outcomes.count() >= 15
    businesses = outcomes.filter(result="own_business")
    assert businesses.exists()
    assert all(orgnr.normalise(number) for number in businesses.values_list("organisation_number", flat=True))
    rows = participant_rows(intake=intake)
    assert len(rows) == accepted.count()
    assert sum(row.exit_result is not None for row in rows) == outcomes.count()
    assert sum(row.matched for row in rows) >= 15 and sum(row.meetings for row in rows) >= 30
    assert report.created["alumni"] == 0 and report.existing["alumni"] == len(texts.ALUMNI)


@pytest.mark.django_db
def test_demo_seed_has_a_dozen_training_offers_with_shared_occasions(seeded):
    seed.demo_seed(today=TODAY)  # idempotent: nothing doubles

    swedish = TrainingOfferPage.objects.live().filter(locale__language_code="sv")
    assert swedish.count() >= 12
    assert TrainingOfferPage.objects.live().filter(locale__language_code="en").count() == swedish.count()
    occasions = TrainingOccasion.objects.filter(page__in=swedish)
    assert all(8 <= o.places <= 16 for o in occasions)
    # One occasion has begun (it carries the demo's attendance); every offer has one to come.
    assert occasions.filter(starts_on__lte=TODAY).count() == 1
    assert all(offer.occasions.filter(starts_on__gt=TODAY).exists() for offer in swedish)
    assert occasions.filter(online=True).exists()
    assert all(1 <= offer.occasions.count() <= 3 for offer in swedish)
    # The English occasions are translations of the Swedish ones, so they share one count of places.
    english = TrainingOccasion.objects.filter(page__locale__language_code="en")
    assert set(english.values_list("translation_key", flat=True)) == set(
        occasions.values_list("translation_key", flat=True)
    )


@pytest.mark.django_db
def test_demo_seed_marks_attendance_on_the_begun_occasion_once(seeded):
    from mentoring.models import Enrolment
    from mentoring.models.training import Attendance, EnrolmentChange
    from mentoring.training.selectors import course_days

    report = seed.demo_seed(today=TODAY)

    begun = TrainingOccasion.objects.filter(starts_on__lte=TODAY).order_by("pk").first()
    enrolments = Enrolment.objects.filter(occasion=begun)
    past_days = [d for d in course_days(begun.starts_on, begun.ends_on) if d < TODAY]
    participant = next(email for role, email, *_rest in texts.USERS if role == "participant")
    assert enrolments.count() == 4 and report.created["attendance"] == 0
    assert Attendance.objects.filter(enrolment__in=enrolments).count() == 4 * len(past_days)
    assert enrolments.filter(hours_confirmed_at__isnull=False).count() == 1
    assert enrolments.get(person__email=participant).hours_confirmed_at is None
    assert EnrolmentChange.objects.filter(enrolment__in=enrolments, event="attendance").exists()
    leader = next(email for role, email, *_rest in texts.USERS if role == "course leader")
    assert get_user_model().objects.get(email=leader).groups.filter(name="Course leaders").exists()


@pytest.mark.django_db
def test_demo_seed_companies_once_with_a_reserved_occasion_and_mentoring_places(seeded):
    seed.demo_seed(today=TODAY)  # idempotent: nothing doubles

    requests = CompanyRequest.objects.all()
    assert requests.count() == 3
    assert all(orgnr.normalise(r.org_number) == r.org_number for r in requests)
    assert set(requests.values_list("status", flat=True)) == {RequestStatus.NEW, RequestStatus.PLANNED}
    reserved = requests.get(effort_kind=EffortKind.OCCASION).reserved_occasion
    assert reserved.starts_on > TODAY and reserved.page.locale.language_code == "sv"
    assert requests.get(effort_kind=EffortKind.MENTORING).mentoring_places >= 1
    assert all(r.changes.exists() for r in requests)


@pytest.mark.django_db
def test_demo_seed_gives_the_programmes_a_period_and_a_forecast_once(seeded):
    from mentoring.figures.forecast import programme_forecast

    report = seed.demo_seed(today=TODAY)

    assert report.created["targets"] == 0 and report.existing["targets"] == 2
    women = ProgrammeTargets.objects.get(programme__slug="kvinnors-foretagande")
    assert (women.starts_on, women.ends_on) == (date(2023, 9, 1), date(2026, 3, 31))
    forecast = programme_forecast(targets=women, today=TODAY, programme=women.programme)
    participants = forecast.counts[0]
    assert participants.current > 0 and participants.pace is not None and participants.projection is not None
