import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from PIL import Image as PILImage

from portal.demo import images


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
