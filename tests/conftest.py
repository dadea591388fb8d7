import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    """Uploaded files of a test go to a temporary folder, never into the working tree."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
