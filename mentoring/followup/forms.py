"""The follow-up survey, answered online by the participant or recorded by a coordinator from a phone call.

The form validates and says how to fix what is wrong; it never saves. The views
hand `cleaned_data` to `services.followup.survey_answer` or `survey_record_phone`.
"""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from mentoring.core.choices import Improvement, Situation
from mentoring.core.forms import organisation_number

SATISFACTION_CHOICES = [
    (1, _("1 – Not at all satisfied")),
    (2, _("2 – Not very satisfied")),
    (3, _("3 – Fairly satisfied")),
    (4, _("4 – Satisfied")),
    (5, _("5 – Very satisfied")),
]


def _satisfaction(label, required_message):
    return forms.TypedChoiceField(
        label=label,
        choices=SATISFACTION_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
    )


class SurveyForm(forms.Form):
    """The exit and six-month survey. `today` is the day the answer is given (no business starts after it)."""

    situation = forms.ChoiceField(
        label=_("What is your situation now?"),
        choices=Situation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the situation that fits you best.")},
    )
    organisation_number = forms.CharField(
        label=_("Your business's organisation number"),
        help_text=_(
            "Only if you run your own business: ten digits, for example 556123-4567. "
            "A sole trader's is their personal identity number."
        ),
        required=False,
        max_length=13,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    business_started_on = forms.DateField(
        label=_("When did your business start?"),
        help_text=_("Only if you run your own business."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Write the date as year-month-day, for example 2025-03-01.")},
    )
    improvements = forms.MultipleChoiceField(
        label=_("Has your situation improved in any of these ways?"),
        help_text=_("Tick all that apply."),
        choices=Improvement.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    satisfaction_mentoring = _satisfaction(
        _("How satisfied are you with the mentoring?"), _("Choose a number from 1 to 5 for the mentoring.")
    )
    satisfaction_programme = _satisfaction(
        _("How satisfied are you with the programme as a whole?"),
        _("Choose a number from 1 to 5 for the programme."),
    )
    comments = forms.CharField(
        label=_("Anything else you would like to tell us?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_organisation_number(self):
        return organisation_number(self.cleaned_data["organisation_number"])

    def clean_business_started_on(self):
        value = self.cleaned_data["business_started_on"]
        if value is not None and value > self.today:
            raise forms.ValidationError(_("The start date cannot be in the future."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("situation") == Situation.OWN_BUSINESS:
            if not data.get("organisation_number") and "organisation_number" not in self.errors:
                self.add_error(
                    "organisation_number",
                    _("Write your business's organisation number (ten digits, for example 556123-4567)."),
                )
            if data.get("business_started_on") is None and "business_started_on" not in self.errors:
                self.add_error("business_started_on", _("Write the date your business started."))
        return data
