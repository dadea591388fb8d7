"""Forms for company requests: the public request, and the coordinators' plan, decline and link.

They validate and say how to fix what is wrong; the views hand `cleaned_data`
to `mentoring.companies.services`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from mentoring.core.choices import ContactLanguage
from mentoring.core.forms import organisation_number
from mentoring.models import CompanyNeed
from mentoring.models.company import EMPLOYEES_CONCERNED_MAX
from portal.fields import IdChoiceField
from portal.validators import validate_name

EMPLOYEES_ERROR = _("Write a number between 1 and 500.")
NEEDS_TEXT_MAX = 4000


class CompanyRequestForm(forms.Form):
    company_name = forms.CharField(
        label=_("Company name"),
        max_length=200,
        validators=[validate_name],
        error_messages={"required": _("Write the company's name.")},
    )
    org_number = forms.CharField(
        label=_("Organisation number"),
        help_text=_("Ten digits, for example 556016-0680."),
        max_length=13,
        error_messages={"required": _("Write the company's organisation number.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    contact_name = forms.CharField(
        label=_("Contact person"),
        max_length=200,
        validators=[validate_name],
        error_messages={"required": _("Write who we should contact.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("Contact e-mail"),
        error_messages={
            "required": _("Write an e-mail address we can reach the contact person at."),
            "invalid": _("Write an e-mail address like name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Contact phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    employees_concerned = forms.IntegerField(
        label=_("Number of employees concerned"),
        min_value=1,
        max_value=EMPLOYEES_CONCERNED_MAX,
        error_messages={
            "required": EMPLOYEES_ERROR,
            "invalid": EMPLOYEES_ERROR,
            "min_value": EMPLOYEES_ERROR,
            "max_value": EMPLOYEES_ERROR,
        },
    )
    needs = forms.MultipleChoiceField(
        label=_("What do you need?"),
        help_text=_("Choose all that apply."),
        choices=CompanyNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    needs_text = forms.CharField(
        label=_("Describe your needs"),
        help_text=_("What the employees do today, what they need to learn, and when it would suit you."),
        max_length=NEEDS_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Describe what the company needs."),
            "max_length": _("Keep it under 4000 characters."),
        },
    )
    contact_language = forms.ChoiceField(
        label=_("Language we write to you in"),
        choices=ContactLanguage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a language.")},
    )
    # A trap for robots that fill in every field: hidden from people and screen readers
    # (the `hidden` wrapper in the template), so anything in it means the form was not filled by a person.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_org_number(self):
        return organisation_number(
            self.cleaned_data["org_number"],
            message=_("This is not a valid organisation number. Check the ten digits."),
        )

    @property
    def is_from_robot(self) -> bool:
        return bool(self.data.get(self.add_prefix("website"), "").strip())


class PlanOccasionForm(forms.Form):
    occasion = IdChoiceField(
        label=_("Occasion to reserve"),
        queryset=None,
        empty_label=_("Choose an occasion"),
        help_text=_("Coming occasions that nobody has joined yet."),
        error_messages={
            "required": _("Choose an occasion."),
            "invalid_choice": _("This occasion can no longer be reserved."),
        },
    )

    def __init__(self, *args, occasions, **kwargs):
        super().__init__(*args, **kwargs)
        from content.models import TrainingOccasion

        self.fields["occasion"].queryset = TrainingOccasion.objects.filter(
            pk__in=[o.pk for o in occasions]
        ).select_related("page")
        self.fields["occasion"].label_from_instance = _occasion_label


def _occasion_label(occasion) -> str:
    when = occasion.starts_on.strftime("%Y-%m-%d")
    return f"{occasion.page.title}, {when} ({occasion.places})"


class PlanMentoringForm(forms.Form):
    mentoring_places = forms.IntegerField(
        label=_("Number of mentoring places"),
        min_value=1,
        max_value=EMPLOYEES_CONCERNED_MAX,
        error_messages={
            "required": _("Write how many places."),
            "invalid": _("Write a whole number."),
            "min_value": _("Write at least 1."),
            "max_value": EMPLOYEES_ERROR,
        },
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, sent to the company"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tell the company why.")},
    )


class LinkPersonForm(forms.Form):
    email = forms.EmailField(
        label=_("The person's e-mail address"),
        error_messages={
            "required": _("Write the e-mail address the person signed in with."),
            "invalid": _("Write an e-mail address like name@example.com."),
        },
    )
