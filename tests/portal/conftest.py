import io

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
