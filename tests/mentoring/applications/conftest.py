import pytest

from mentoring.applications.workflow import Status
from tests import factories


@pytest.fixture
def man_in_a_womens_intake(intake, application_in):
    """A man's application, in review, to `intake` made an intake for women."""
    intake.for_women = True
    intake.save(update_fields=["for_women"])
    return application_in(Status.IN_REVIEW, applicant=factories.ApplicantFactory(profile__gender="man"))
