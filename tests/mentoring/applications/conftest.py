import pytest
from django.utils import translation

from mentoring.applications.workflow import Status
from tests import factories


@pytest.fixture
def man_in_a_womens_intake(intake, application_in):
    """A man's application, in review, to `intake` made an intake for women."""
    intake.for_women = True
    intake.save(update_fields=["for_women"])
    return application_in(Status.IN_REVIEW, applicant=factories.ApplicantFactory(profile__gender="man"))


@pytest.fixture(autouse=True)
def _language_kept():
    """A page asked for in English leaves English active in the thread: restore what the test began with."""
    language = translation.get_language()
    yield
    translation.activate(language)
