"""The mentor's profile form and the coordinator's invitation form.

Forms validate and say how to fix what is wrong; they never save. The views
hand `cleaned_data` to `mentoring.mentors.services`.
"""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from mentoring.core.choices import BusinessSector, Gender, Language, Municipality, SupportNeed
from mentoring.models import MentorInvitation, MentorProfile
from mentoring.models.mentor import CAPACITY_MAX, CAPACITY_MIN
from portal.validators import validate_name

COMPANY_NAME_MAX = 200


class MentorProfileForm(forms.ModelForm):
    """The mentor's own profile, for applying and for editing later; `today` dates the "back on" check."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        validators=[validate_name],
        error_messages={"required": _("Write your first name.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        validators=[validate_name],
        error_messages={"required": _("Write your last name.")},
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors you know well"),
        choices=BusinessSector.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose all that apply. We match you with ideas in these sectors."),
        error_messages={"required": _("Choose at least one sector you know well.")},
    )
    expertise = forms.MultipleChoiceField(
        label=_("Areas of expertise"),
        choices=SupportNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What you can help with: the same list the participants choose their needs from."),
        error_messages={"required": _("Choose at least one area you can help with.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose all that apply, Swedish too if you speak it."),
        error_messages={"required": _("Choose at least one language you can mentor in.")},
    )
    capacity = forms.IntegerField(
        label=_("How many mentees can you take at once?"),
        help_text=_("A number from 1 to 10."),
        min_value=CAPACITY_MIN,
        max_value=CAPACITY_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    company_ties = forms.CharField(
        label=_("Companies you have ties to"),
        required=False,
        help_text=_(
            "One company per line: where you work or worked, sit on the board or own a share. "
            "You are not matched with someone leaving one of them."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta:
        model = MentorProfile
        fields = list(MentorProfile.PERSONAL_FIELDS)
        widgets = {
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "bio": forms.Textarea(attrs={"rows": 6}),
            "gender": forms.RadioSelect,
            "back_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {
            "municipality": _("Municipality you meet mentees in"),
            "online_ok": _("I can also meet online"),
            "paused": _("Pause: I take no new mentees for now"),
            "back_on": _("Back on"),
        }
        help_texts = {
            "bio": _("A few sentences about your experience, shown to the coordinators who match you."),
            "back_on": _("Only when paused: the day you can take new mentees again, for example 2026-09-01."),
            "paused": _("Your current mentees are not affected."),
        }

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["bio"].required = True
        self.fields["bio"].error_messages["required"] = _("Write a few sentences about your experience.")
        self.fields["municipality"].choices = [("", _("Choose a municipality")), *Municipality.choices]
        self.fields["municipality"].error_messages["required"] = _(
            "Choose the municipality you meet mentees in."
        )
        self.fields["gender"].choices = Gender.choices
        capacity = _("Write how many mentees you can take at once: a number from 1 to 10.")
        for code in ("required", "invalid", "min_value", "max_value"):
            self.fields["capacity"].error_messages[code] = capacity
        self.fields["back_on"].error_messages["invalid"] = _(
            "Write the date as year-month-day, for example 2026-09-01."
        )
        if not self.is_bound and self.instance.pk:
            self.initial["company_ties"] = "\n".join(self.instance.company_ties)

    def clean_company_ties(self) -> list[str]:
        names, seen = [], set()
        for line in self.cleaned_data["company_ties"].splitlines():
            name = " ".join(line.split())
            if name and name.casefold() not in seen:
                if len(name) > COMPANY_NAME_MAX:
                    raise forms.ValidationError(
                        _("Write each company's name on a line of its own, at most 200 characters.")
                    )
                seen.add(name.casefold())
                names.append(name)
        return names

    def clean(self):
        data = super().clean()
        if not data.get("paused"):
            data["back_on"] = None
        elif data.get("back_on") and data["back_on"] < self.today:
            self.add_error(
                "back_on",
                _("The date has passed. Write a day from today on, or leave it empty to stay paused."),
            )
        return data

    def profile_data(self) -> dict:
        """The profile's own fields, for `mentor_profile_save(data=…)`."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MentorInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        error_messages={
            "required": _("Write the e-mail address to send the invitation to."),
            "invalid": _("Write a whole e-mail address, for example name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=MentorInvitation._meta.get_field("name").max_length,
        help_text=_("Used to greet them in the e-mail."),
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if MentorProfile.objects.filter(user__email__iexact=email).exists():
            raise forms.ValidationError(_("This person already has a mentor profile."))
        return email
