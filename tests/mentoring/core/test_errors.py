"""A service's refusal lands beside the field it concerns, or on the form when there is none."""

from django import forms

from mentoring.core.errors import PortalError
from mentoring.core.forms import add_error
from mentoring.guidance.services import GuidanceError
from mentoring.training.services import EnrolmentError


class HoursForm(forms.Form):
    hours = forms.DecimalField()


def bound_form() -> HoursForm:
    form = HoursForm(data={"hours": "6"})
    assert form.is_valid()
    return form


def test_add_error_puts_the_message_beside_its_field():
    form = bound_form()
    add_error(form, PortalError("Write at most 10 hours.", field="hours"))

    assert form.errors == {"hours": ["Write at most 10 hours."]}


def test_add_error_puts_a_message_for_an_unknown_field_on_the_form():
    form = bound_form()
    add_error(form, GuidanceError("The time is taken.", field="slot"))

    assert form.non_field_errors() == ["The time is taken."]
    assert form.data["hours"] == "6"


def test_domain_errors_share_one_base_with_no_field_by_default():
    error = EnrolmentError("Full.")

    assert isinstance(error, PortalError)
    assert error.field is None and error.message == "Full."
