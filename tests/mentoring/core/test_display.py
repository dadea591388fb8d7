"""A person is named one way everywhere: full name, else e-mail address."""

import pytest
from django.template import Context, Template
from django.utils import translation

from mentoring.core.display import person_name
from mentoring.models import Application, MentorProfile
from portal.models import User
from tests import factories


def test_person_name_is_the_full_name():
    user = User(first_name="Alva", last_name="Andersson", email="alva@example.org")

    assert person_name(user) == "Alva Andersson"


def test_person_name_without_a_name_is_the_email_address():
    assert person_name(User(email="alva@example.org")) == "alva@example.org"


def test_person_name_of_a_deleted_account_says_so():
    with translation.override("en"):
        assert person_name(None) == "(deleted account)"


def test_a_mentor_and_a_page_name_a_person_as_person_name_does():
    named = User(first_name="Maja", last_name="Berg", email="maja@example.org")
    unnamed = User(email="maja@example.org")

    for user in (named, unnamed):
        assert str(MentorProfile(user=user)) == person_name(user)
        assert Template("{{ user }}").render(Context({"user": user})) == person_name(user)


def test_name_without_address_is_the_name_given_and_never_the_email_address():
    from mentoring.core.display import name_without_address

    assert (
        name_without_address(User(first_name="Alva", last_name="Berg", email="alva@example.org"))
        == "Alva Berg"
    )
    assert name_without_address(User(email="alva@example.org")) == ""
    assert name_without_address(None) == ""


@pytest.mark.django_db
def test_participant_name_from_values_says_what_participant_name_says():
    from mentoring.core.display import PARTICIPANT_NAME_FIELDS, participant_name, participant_name_from

    profiled = factories.ApplicationFactory(
        applicant=factories.ApplicantProfileFactory(first_name="Alva", last_name="Berg").user
    )
    account_only = factories.ApplicationFactory(
        applicant=factories.UserFactory(first_name="Maja", last_name="")
    )
    address_only = factories.ApplicationFactory(applicant=factories.UserFactory(first_name="", last_name=""))
    named = {}
    for application in (profiled, account_only, address_only):
        application.refresh_from_db()
        (values,) = Application.objects.filter(pk=application.pk).values(*PARTICIPANT_NAME_FIELDS)
        named[participant_name(application)] = participant_name_from(values)

    assert named == {
        "Alva Berg": "Alva Berg",
        "Maja": "Maja",
        address_only.applicant.email: address_only.applicant.email,
    }


def test_person_name_from_values_says_what_person_name_says():
    from mentoring.core.display import PERSON_NAME_FIELDS, person_name_from

    named = User(first_name="Alva", last_name="Berg", email="alva@example.org")
    unnamed = User(email="maja@example.org")
    for user in (named, unnamed):
        values = {f"mentor__user__{field}": getattr(user, field) for field in PERSON_NAME_FIELDS}
        assert person_name_from(values, prefix="mentor__user__") == person_name(user)
    with translation.override("en"):
        assert person_name_from(dict.fromkeys(PERSON_NAME_FIELDS)) == person_name(None)
