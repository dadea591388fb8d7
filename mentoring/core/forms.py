"""What every domain's forms share."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mentoring.core import orgnr
from mentoring.core.errors import PortalError


def add_error(form: forms.Form, error: PortalError) -> None:
    """Show a service's refusal on the form: beside its field when the form has that field,
    else at the top of the form, so the person sees what to change and keeps what they typed."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


ORGANISATION_NUMBER_INVALID = _(
    "This is not a valid organisation number. Write the ten digits as on your registration "
    "certificate, for example 556123-4567."
)


def organisation_number(value: str, *, message=ORGANISATION_NUMBER_INVALID) -> str:
    """A Swedish organisation number as typed, normalised (NNNNNN-NNNN); "" for nothing typed.

    Raises ValidationError with `message` for anything that is not one (wrong length or check digit).
    """
    value = value.strip()
    if not value:
        return ""
    normalised = orgnr.normalise(value)
    if normalised is None:
        raise forms.ValidationError(message, code="invalid")
    return normalised
