"""The demo data seeded today, as `make demo` leaves a new installation, once for the tests here."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from content.models import NewsPage, ProgrammePage
from mentoring.models import Intake
from portal.demo import texts
from tests.portal.conftest import demo_seeded_once


@pytest.fixture(scope="module")
def _seeded_today(django_db_setup, django_db_blocker):
    with demo_seeded_once(django_db_blocker, today=timezone.localdate()):
        yield


@pytest.fixture
def seeded_today(_seeded_today, db):
    """The demo as `seed.demo_seed(today=timezone.localdate())` leaves a new installation."""


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sv", "en"])
def test_demo_home_page_and_intake_news_say_what_the_demo_intakes_are(client, seeded_today, language):
    """Loaded today, the demo's call to apply and its news about the intake name the open intakes only."""
    now = timezone.now()

    def title(intake) -> str:  # as the page's HTML has it
        return escape(intake.title if language == "sv" else intake.title_en)

    intakes = list(Intake.objects.select_related("programme"))
    open_ones = [intake for intake in intakes if intake.is_open(now=now)]
    assert open_ones and len(open_ones) < len(intakes)

    home = client.get("/" if language == "sv" else "/en/").text
    for intake in intakes:
        assert (title(intake) in home) == (intake in open_ones), title(intake)
        assert (reverse("mentoring:eligibility", args=[intake.pk]) in home) == (intake in open_ones)

    news = NewsPage.objects.get(
        slug=next(item[language]["slug"] for item in texts.NEWS if item["key"] == "news-intake")
    )
    said = f"{news.title} {news.intro}"
    for programme in ProgrammePage.objects.filter(locale__language_code=language):
        has_open = any(intake.programme.translation_key == programme.translation_key for intake in open_ones)
        assert (programme.title in said) == has_open, programme.title
