"""The figures dashboard's GET form: which intake, programme and period the figures count."""

from django import forms
from django.utils.translation import gettext_lazy as _

from content.models import ProgrammePage
from mentoring.models import Intake


class IntakeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, intake):
        return f"{intake.name} ({intake.programme.title})"


class FiguresFilterForm(forms.Form):
    """Every field is optional. Unlike the queue's filters, a date that is not a date is a field error:
    figures counted over another period than the one asked for would be read as the asked-for ones."""

    intake = IntakeChoiceField(
        label=_("Intake"),
        required=False,
        queryset=Intake.objects.select_related("programme").order_by("-opens_at", "pk"),
        empty_label=_("All intakes"),
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        required=False,
        queryset=ProgrammePage.objects.order_by("title", "pk"),
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
