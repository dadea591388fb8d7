"""Names refuse control characters: a line break in a name would start a new line in an
e-mail header or a calendar file (an extra ATTENDEE), so every form that takes a name says no."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.users.forms import UserEditForm

from mentoring.companies.forms import CompanyRequestForm
from mentoring.mentors.forms import MentorProfileForm
from mentoring.people.forms import ProfileForm
from portal.models import User
from portal.validators import validate_name

INJECTED = [
    "Anna\r\nATTENDEE:mailto:stranger@example.org",
    "Anna\nBerg",
    "Anna\tBerg",
    "Anna\x00",
    "Anna\x1b[31m",
    "Anna\u2028Berg",
    "\u202eanna",
]
FINE = ["Anna-Lena Berg", "Åsa Öberg", "Zoë O'Neill", "محمد", "李小龍", "José María"]


@pytest.mark.parametrize("name", INJECTED)
def test_a_name_with_a_control_character_is_refused(name):
    with pytest.raises(ValidationError) as refused:
        validate_name(name)
    assert refused.value.code == "control_character"


@pytest.mark.parametrize("name", FINE)
def test_real_names_in_any_script_pass(name):
    validate_name(name)


def _name_errors(form, field):
    with translation.override("en"):
        form.is_valid()
        return [str(message) for message in form.errors.get(field, [])]


REFUSAL = "A name cannot contain line breaks, tabs or other invisible control characters."


@pytest.mark.parametrize("field", ["first_name", "last_name"])
def test_the_applicant_and_mentor_forms_refuse_a_line_break_beside_the_field(field):
    today = dt.date(2026, 12, 4)
    for form in (
        ProfileForm({field: INJECTED[0]}, today=today),
        MentorProfileForm({field: INJECTED[0]}, today=today),
    ):
        assert REFUSAL in _name_errors(form, field), type(form).__name__


@pytest.mark.parametrize("field", ["company_name", "contact_name"])
def test_the_company_form_refuses_a_line_break_beside_the_field(field):
    assert REFUSAL in _name_errors(CompanyRequestForm({field: INJECTED[0]}), field)


@pytest.mark.django_db
def test_the_staff_user_form_refuses_a_line_break_in_a_name():
    user = User.objects.create_user("kim@example.org", "a-long-password-1")
    form = UserEditForm({"email": user.email, "first_name": INJECTED[0], "last_name": "Berg"}, instance=user)
    assert REFUSAL in _name_errors(form, "first_name")
