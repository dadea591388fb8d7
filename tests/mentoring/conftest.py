import pytest
from django.utils import timezone

from tests import factories


@pytest.fixture
def now():
    """The moment the test acts at, passed to the services; the factories' intakes are open at it."""
    return timezone.now()


@pytest.fixture
def intake(db):
    return factories.IntakeFactory()


@pytest.fixture
def coordinator(db):
    return factories.coordinator_user()


@pytest.fixture
def applicant(db):
    return factories.ApplicantFactory()


@pytest.fixture
def draft(intake, applicant):
    """`applicant`'s application to `intake`, every required answer given, not yet submitted."""
    return factories.ApplicationFactory(intake=intake, applicant=applicant)


@pytest.fixture
def application_in(intake, coordinator, now):
    """`application_in(status, **fields)`: an application to `intake`, brought to `status` by the services."""

    def make(status, **kwargs):
        return factories.ApplicationFactory(
            intake=intake, status=status, now=now, coordinator=coordinator, **kwargs
        )

    return make


@pytest.fixture(autouse=True)
def _private_files(monkeypatch, tmp_path):
    """Uploaded business plans go to a temporary folder, not the working tree's var/private."""
    from django.core.files.storage import FileSystemStorage

    from mentoring.models import Application

    field = Application._meta.get_field("business_plan")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=tmp_path / "private"))
