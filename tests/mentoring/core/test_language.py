"""E-mail goes out in the language a person chose on their profile, else in Swedish."""

import pytest
from django.test import override_settings

from mentoring.core.language import language_of
from tests import factories

pytestmark = pytest.mark.django_db


def test_language_of_is_the_profiles_contact_language():
    profile = factories.ApplicantProfileFactory(contact_language="en")

    assert language_of(profile.user) == "en"


@override_settings(LANGUAGE_CODE="sv")
def test_language_of_a_person_without_a_profile_is_the_sites_default():
    assert language_of(factories.verified_user()) == "sv"
