"""What every domain's forms share."""

from django import forms

from mentoring.core.errors import PortalError


def add_error(form: forms.Form, error: PortalError) -> None:
    """Show a service's refusal on the form: beside its field when the form has that field,
    else at the top of the form, so the person sees what to change and keeps what they typed."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))
