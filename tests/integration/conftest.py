import pytest

from tests.integration.deployment import integration_skip_reason, production_deployment


def pytest_collection_modifyitems(config, items):
    reason = integration_skip_reason()
    if reason:
        for item in items:
            if item.get_closest_marker("integration"):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    """The README's production set-up on loopback: 2 gunicorn processes and 2 qclusters."""
    with production_deployment(tmp_path_factory.mktemp("deployment")) as running:
        yield running
