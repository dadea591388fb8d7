import io
from contextlib import contextmanager

import pytest
from PIL import Image as PILImage


def small_render(**_seed_and_motif) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (16, 9), (16, 42, 67)).save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture
def small_images(monkeypatch):
    """Tiny pictures instead of 1600×900 ones: the seeding, not the drawing, is under test."""
    from portal.demo import seed

    monkeypatch.setattr(seed, "render", small_render)


@contextmanager
def demo_seeded_once(django_db_blocker, *, today):
    """The demo seeded on a new installation (with small pictures), in a transaction rolled back at the end.

    For a module-scoped fixture: seeding takes longer than anything else in the suite, so the
    tests of a module read one seeding, each inside its own transaction, rolled back after it.
    """
    from portal.demo import seed
    from tests.conftest import built_once, fresh_install_tree

    def seed_new_installation():
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(seed, "render", small_render)
            fresh_install_tree()
            seed.demo_seed(today=today)

    with built_once(django_db_blocker, seed_new_installation):
        yield
