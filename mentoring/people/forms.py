"""The applicant's profile form: the entry characteristics, recorded once.

Forms validate and say how to fix what is wrong; they never save. The views
hand `cleaned_data` (or a step form's `changes()`) to a service.
"""

from datetime import date

from django import forms
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mentoring.applications.eligibility import ADULT_AGE
from mentoring.core.choices import EmploymentStatus, Language, Municipality
from mentoring.models import ApplicantProfile
from mentoring.privacy.selectors import privacy_notice_page

OLDEST_AGE = 100


def _birth_year_field(*, today: date, youngest: int = 0) -> forms.IntegerField:
    check = _("Check the year: write the year you were born as four digits, for example 1985.")
    return forms.IntegerField(
        label=_("Year of birth"),
        help_text=_("Four digits, for example 1985."),
        min_value=today.year - OLDEST_AGE,
        max_value=today.year - youngest,
        error_messages={
            "required": _("Write the year you were born, for example 1985."),
            "invalid": check,
            "min_value": check,
            "max_value": _("The programme is for people aged 18 or over. Check the year you wrote.")
            if youngest
            else check,
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "bday-year"}),
    )


def business_date_field() -> forms.DateField:
    return forms.DateField(
        label=_("When was your business registered?"),
        help_text=_(
            "Only if you run your own business: the date on the registration certificate, "
            "for example 2025-03-14."
        ),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Write the date as year-month-day, for example 2025-03-14.")},
    )


def clean_business_date(form: forms.Form, data: dict, *, today: date) -> None:
    """The registration date is asked of the self-employed only: required from them, dropped for others."""
    registered_on = data.get("business_registered_on")
    if data.get("employment_status") != EmploymentStatus.SELF_EMPLOYED:
        data["business_registered_on"] = None
    elif "business_registered_on" in form.errors:
        return
    elif registered_on is None:
        form.add_error(
            "business_registered_on",
            _("Write the date your business was registered, for example 2025-03-14."),
        )
    elif registered_on > today:
        form.add_error(
            "business_registered_on",
            _("The date is in the future. Write the date your business was registered."),
        )


# --- Profile ----------------------------------------------------------------------------------


class ProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Choose all that apply. We use this to find a mentor you can talk to easily."),
    )
    consent = forms.BooleanField(
        label=_("I agree that VästKraft processes my personal data for my application and the programme."),
        error_messages={
            "required": _("To apply, tick the box to agree that we may process your personal data.")
        },
    )

    class Meta:
        model = ApplicantProfile
        fields = list(ApplicantProfile.PERSONAL_FIELDS)
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "gender": forms.RadioSelect,
            "employment_status": forms.RadioSelect,
            "months_unemployed": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "former_sector": forms.RadioSelect,
            "former_employer": forms.TextInput(attrs={"autocomplete": "organization"}),
            "education_level": forms.RadioSelect,
            "contact_language": forms.RadioSelect,
        }
        help_texts = {
            "phone": _("So that a coordinator can call you, for example 070-123 45 67."),
            "municipality": _("Where you live."),
            "gender": _("Optional. The programme reports how many women and men take part."),
            "months_unemployed": _("Only if you are unemployed: about how many months, for example 6."),
            "former_sector": _("Where you work or last worked."),
            "education_level": _("Your highest completed education."),
            "contact_language": _("The language we write to you in."),
        }
        labels = {
            "employment_status": _("What is your situation today?"),
            "months_unemployed": _("How many months have you been without work?"),
        }

    def __init__(self, *args, today: date, privacy_url: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["birth_year"] = _birth_year_field(today=today, youngest=ADULT_AGE)
        self.fields["business_registered_on"] = business_date_field()
        self.fields["municipality"].choices = [("", _("Choose a municipality")), *Municipality.choices]
        self.fields["municipality"].error_messages["required"] = _("Choose the municipality you live in.")
        self.fields["employment_status"].choices = EmploymentStatus.choices
        self.fields["employment_status"].error_messages["required"] = _("Choose what describes you today.")
        self.fields["first_name"].error_messages["required"] = _("Write your first name.")
        self.fields["last_name"].error_messages["required"] = _("Write your last name.")
        self.fields["phone"].error_messages["required"] = _(
            "Write a phone number we can reach you on, for example 070-123 45 67."
        )
        if privacy_url:
            self.fields["consent"].help_text = format_html(
                '{} <a href="{}">{}</a>',
                _("How we handle your data, and your rights, are described in"),
                privacy_url,
                _("our privacy notice"),
            )
        else:
            self.fields["consent"].help_text = _(
                "You can ask us at any time which data we hold about you, and have it erased."
            )

    def clean(self):
        data = super().clean()
        if data.get("employment_status") == EmploymentStatus.UNEMPLOYED:
            if data.get("months_unemployed") is None and "months_unemployed" not in self.errors:
                self.add_error(
                    "months_unemployed",
                    _("Write about how many months you have been without work, for example 6."),
                )
        else:
            data["months_unemployed"] = None
        clean_business_date(self, data, today=self.today)
        return data


def profile_form_for(request, *, today: date, known: dict | None = None) -> ProfileForm:
    """The profile form for the signed-in person: their name and the page's language filled in,
    with what they already told us (`known`: the eligibility check's answers), and the privacy
    notice linked in the reader's language."""
    privacy = privacy_notice_page(language=get_language())
    return ProfileForm(
        request.POST or None,
        today=today,
        privacy_url=privacy.get_url(request) if privacy else None,
        initial={
            "first_name": request.user.first_name,
            "last_name": request.user.last_name,
            "contact_language": get_language(),
            **(known or {}),
        },
    )
