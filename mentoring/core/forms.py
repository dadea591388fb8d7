"""What every domain's forms share."""

from functools import lru_cache

from django import forms
from django.utils.autoreload import file_changed
from django.utils.safestring import SafeString
from django.utils.translation import get_language
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


def field_groups(form: forms.Form) -> list[SafeString]:
    """Each field of `form` as `{{ form.x.as_field_group }}` draws it: label, help, errors, input.

    An empty form made with nothing but a prefix (`form_class(prefix=…)`) is drawn alike for
    everyone in a language, so it is drawn once per process and language and kept: each field
    takes two to three templates, a good part of a page that shows one. A bound form, with what
    the person typed and its errors, or one given anything else, is drawn every time.
    """
    if form.is_bound or form.initial or form.auto_id != "id_%s":
        return [form[name].as_field_group() for name in form.fields]
    return list(_empty_field_groups(type(form), form.prefix, get_language()))


@lru_cache(maxsize=256)
def _empty_field_groups(form_class, prefix: str | None, _language: str) -> tuple[SafeString, ...]:
    form = form_class(prefix=prefix)
    return tuple(form[name].as_field_group() for name in form.fields)


def _forget_field_groups(**_kwargs) -> None:
    # The development server's reloader: a template or a translation changed in this process.
    _empty_field_groups.cache_clear()


file_changed.connect(_forget_field_groups, dispatch_uid="forget_field_groups")
