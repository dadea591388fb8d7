import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from PIL import Image as PILImage

from content.models import NewsPage, ProgrammePage
from mentoring.models import Intake
from portal.demo import images, seed, texts


@pytest.mark.django_db
def test_seed_demo_command_refuses_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--allow-demo-accounts"):
        call_command("seed_demo")

    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_seed_demo_command_seeds_with_debug_off_when_allowed(settings, monkeypatch):
    settings.DEBUG = False
    calls = []
    monkeypatch.setattr("portal.management.commands.seed_demo.demo_seed", lambda **kw: calls.append(kw))

    call_command("seed_demo", "--allow-demo-accounts", stdout=io.StringIO())

    assert len(calls) == 1


def test_render_draws_the_same_1600_by_900_jpeg_from_the_same_seed():
    first = images.render(seed="hero", motif="waves")

    assert first == images.render(seed="hero", motif="waves")
    picture = PILImage.open(io.BytesIO(first))
    assert (picture.format, picture.size) == ("JPEG", (1600, 900))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sv", "en"])
def test_demo_home_page_and_intake_news_say_what_the_demo_intakes_are(
    client, fresh_install, small_images, language
):
    """Loaded today, the demo's call to apply and its news about the intake name the open intakes only."""
    seed.demo_seed(today=timezone.localdate())
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
