"""The figures dashboard's GET form: which intake, programme and period the figures count."""

from django import forms
from django.conf import settings
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from content.models import ProgrammePage
from mentoring.models import Intake
from portal.fields import IdChoiceField


def programme_pages_by_key(pages) -> dict:
    """Each programme once, by translation key: its page in the reader's language, else in the site's
    default language, else the first written. A programme's Swedish and English pages are localized
    copies of one page (one translation key); a draft copy gives way to a live one."""
    language = translation.get_language() or settings.LANGUAGE_CODE

    def preference(page) -> tuple:
        code = page.locale.language_code
        return (code != language, not page.live, code != settings.LANGUAGE_CODE, page.pk)

    chosen: dict = {}
    for page in sorted(pages, key=preference):
        chosen.setdefault(page.translation_key, page)
    return chosen


class ProgrammeChoices(ModelChoiceIterator):
    """One choice per programme (see `programme_pages_by_key`), by title in the reader's language."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        shown = programme_pages_by_key(self.queryset).values()
        for page in sorted(shown, key=lambda page: (page.title.casefold(), page.pk)):
            yield self.choice(page)

    def __len__(self):
        return len(programme_pages_by_key(self.queryset)) + (1 if self.field.empty_label is not None else 0)


class ProgrammeChoiceField(IdChoiceField):
    """A programme, whichever language's page is given: an old link with the other language's page id
    still chooses it, and the list shows it selected under the reader's language's title."""

    iterator = ProgrammeChoices

    def prepare_value(self, value):
        value = super().prepare_value(value)
        if value in self.empty_values:
            return value
        pages = list(self.queryset)
        given = next((page for page in pages if str(page.pk) == str(value)), None)
        if given is None:
            return value
        return programme_pages_by_key(pages)[given.translation_key].pk


class IntakeChoices(ModelChoiceIterator):
    """Each intake with its programme's title in the reader's language: two queries for the whole list."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        intakes = list(self.queryset)
        translations = ProgrammePage.objects.filter(
            translation_key__in={intake.programme.translation_key for intake in intakes}
        ).select_related("locale")
        titles = {key: page.title for key, page in programme_pages_by_key(translations).items()}
        for intake in intakes:
            programme = titles.get(intake.programme.translation_key, intake.programme.title)
            yield (
                ModelChoiceIteratorValue(self.field.prepare_value(intake), intake),
                f"{intake.name} ({programme})",
            )


class IntakeChoiceField(IdChoiceField):
    iterator = IntakeChoices


class FiguresFilterForm(forms.Form):
    """Every field is optional. Unlike the queue's filters, a date that is not a date is a field error:
    figures counted over another period than the one asked for would be read as the asked-for ones."""

    intake = IntakeChoiceField(
        label=_("Intake"),
        required=False,
        queryset=Intake.objects.select_related("programme").order_by("-opens_at", "pk"),
        empty_label=_("All intakes"),
    )
    programme = ProgrammeChoiceField(
        label=_("Programme"),
        required=False,
        queryset=ProgrammePage.objects.select_related("locale").order_by("pk"),
        empty_label=_("All programmes"),
    )
    since = forms.DateField(
        label=_("Accepted from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Participants accepted on or after this day (YYYY-MM-DD)."),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, for example 2026-01-31.")},
    )
    until = forms.DateField(
        label=_("Accepted until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Participants accepted on or before this day (YYYY-MM-DD)."),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, for example 2026-12-31.")},
    )

    def clean(self):
        cleaned_data = super().clean()
        since, until = cleaned_data.get("since"), cleaned_data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end of the period must be on or after its start."))
        return cleaned_data

    def filters(self) -> dict:
        """Keyword arguments for the figures selectors; call only when the form is valid."""
        data = self.cleaned_data if self.is_bound else {}
        return {
            "intake": data.get("intake"),
            "programme": data.get("programme"),
            "since": data.get("since"),
            "until": data.get("until"),
        }

    def is_filtered(self) -> bool:
        return self.is_bound and self.is_valid() and any(self.filters().values())
