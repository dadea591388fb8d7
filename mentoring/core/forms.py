"""What every domain's forms share."""

from django import forms
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from mentoring.core import fragments, orgnr
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


def field_groups(form: forms.Form) -> list[SafeString]:
    """Each field of `form` as `{{ form.x.as_field_group }}` draws it: label, help, errors, input.

    An empty form made with nothing but a prefix (`form_class(prefix=…)`) is drawn alike for
    everyone in a language, so it is drawn once per process and language and kept
    (`fragments.kept`): each field takes two to three templates, a good part of a page that shows
    one. A bound form, with what the person typed and its errors, or one given anything else, is
    drawn every time.
    """
    if form.is_bound or form.initial or form.auto_id != "id_%s":
        return [form[name].as_field_group() for name in form.fields]
    drawn = fragments.kept(
        ("field-groups", type(form), form.prefix),
        lambda: tuple(form[name].as_field_group() for name in form.fields),
    )
    return list(drawn)
