"""The applicant's forms: the eligibility check and one form per step of the application.

Forms validate and say how to fix what is wrong; they never save. The views
hand `cleaned_data` (or a step form's `changes()`) to a service.
"""

import os
from dataclasses import dataclass
from datetime import date

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from mentoring.applications import uploads
from mentoring.applications.eligibility import EligibilityAnswers
from mentoring.core.choices import (
    BusinessSector,
    ContactLanguage,
    EducationLevel,
    EmploymentStatus,
    FormerSector,
    Gender,
    Language,
    MeetingMode,
    Municipality,
    Stage,
    SupportNeed,
    WomanMentor,
)
from mentoring.core.display import label_of
from mentoring.core.forms import organisation_number
from mentoring.models import ApplicantProfile, Application
from mentoring.models.application import Step
from mentoring.people.forms import _birth_year_field, business_date_field, clean_business_date

# --- Eligibility ------------------------------------------------------------------------------


class EligibilityForm(forms.Form):
    """The short check. Its situation is the profile's employment status, in the same words, so that
    what it learns can fill in the profile (see `known_to_profile`)."""

    municipality = forms.ChoiceField(
        label=_("Which municipality do you live or work in?"),
        choices=[("", _("Choose a municipality")), *Municipality.choices],
        error_messages={"required": _("Choose the municipality you live or work in.")},
    )
    employment_status = forms.ChoiceField(
        label=_("What is your situation today?"),
        choices=EmploymentStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what describes you today.")},
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["business_registered_on"] = business_date_field()
        self.fields["birth_year"] = _birth_year_field(today=today)

    def clean(self):
        data = super().clean()
        clean_business_date(self, data, today=self.today)
        return data

    def answers(self) -> EligibilityAnswers:
        data = self.cleaned_data
        return EligibilityAnswers(
            municipality=data["municipality"],
            employment_status=data["employment_status"],
            birth_year=data["birth_year"],
            business_registered_on=data["business_registered_on"],
        )


def known_to_profile(answers: EligibilityAnswers) -> dict:
    """The check's answers as the profile form's initial values (kept in the session, never stored)."""
    known = {
        "municipality": answers.municipality,
        "birth_year": answers.birth_year,
        "employment_status": answers.employment_status,
    }
    if answers.business_registered_on:
        known["business_registered_on"] = answers.business_registered_on.isoformat()
    return known


# --- The application, step by step ------------------------------------------------------------


class StepForm(forms.ModelForm):
    """One step of the application.

    With `complete=True` ("Save and continue") required answers must be given;
    otherwise ("Save and leave", "Back") a half-filled step is saved as it is and
    only what is typed wrongly stops it. Completeness is checked for good on submit.
    """

    use_required_attribute = False

    def __init__(self, *args, complete: bool = True, oversized: frozenset[str] = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.complete = complete
        # File fields whose upload was dropped on arrival for being too large (uploads.oversized_fields).
        self.oversized = oversized

    def full_clean(self):
        if self.complete:
            return super().full_clean()
        required = {name: field.required for name, field in self.fields.items()}
        for field in self.fields.values():
            field.required = False
        try:
            super().full_clean()
        finally:
            # Labels still say what is needed on submit when the step is shown again.
            for name, field in self.fields.items():
                field.required = required[name]

    def changes(self) -> dict:
        """The answers to store. An emptied answer the model cannot leave blank keeps its stored value."""
        changes = {}
        for name in self._meta.fields:
            value = self.cleaned_data[name]
            if value in ("", None) and not Application._meta.get_field(name).blank:
                continue
            changes[name] = value
        return changes


class IdeaForm(StepForm):
    class Meta:
        model = Application
        fields = ["idea_title", "idea_description"]
        labels = {"idea_title": _("What is your business idea called?")}
        help_texts = {
            "idea_title": _("A working name is fine, for example “Bike repairs in Kungälv”."),
            "idea_description": _("What will you sell, to whom, and why you? A few sentences are enough."),
        }
        widgets = {"idea_description": forms.Textarea(attrs={"rows": 8})}
        error_messages = {
            "idea_title": {"required": _("Give your business idea a name; a working name is fine.")},
            "idea_description": {"required": _("Describe your business idea in a few sentences.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self._meta.fields:
            self.fields[name].required = True


class MarketForm(StepForm):
    business_sector = forms.ChoiceField(
        label=_("Which sector will the business be in?"),
        choices=[("", _("Choose a sector")), *BusinessSector.choices],
        error_messages={"required": _("Choose the sector closest to your business.")},
    )
    stage = forms.ChoiceField(
        label=_("How far have you come?"),
        choices=Stage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how far you have come with your business.")},
    )

    class Meta:
        model = Application
        fields = ["business_sector", "market_description", "stage", "organisation_number"]
        help_texts = {
            "market_description": _("Who will buy, and who else offers something similar?"),
            "organisation_number": _("Only for a registered company: ten digits, for example 556123-4567."),
        }
        widgets = {
            "market_description": forms.Textarea(attrs={"rows": 6}),
            "organisation_number": forms.TextInput(attrs={"inputmode": "numeric"}),
        }

    def clean_organisation_number(self):
        return organisation_number(self.cleaned_data["organisation_number"])

    def clean(self):
        data = super().clean()
        if (
            self.complete
            and data.get("stage") == Stage.REGISTERED
            and not data.get("organisation_number")
            and "organisation_number" not in self.errors
        ):
            self.add_error(
                "organisation_number",
                _(
                    "Write your company's organisation number (ten digits, for example 556123-4567), "
                    "or choose another stage if the company is not registered yet."
                ),
            )
        return data


class NeedsForm(StepForm):
    support_needs = forms.MultipleChoiceField(
        label=_("What would you like support with?"),
        choices=SupportNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose all that apply."),
        error_messages={"required": _("Choose at least one thing you would like support with.")},
    )

    class Meta:
        model = Application
        fields = ["support_needs", "support_needs_other"]
        widgets = {"support_needs_other": forms.Textarea(attrs={"rows": 4})}


class MentorForm(StepForm):
    mentor_languages = forms.MultipleChoiceField(
        label=_("Which languages could your mentor speak with you?"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Choose all you are comfortable with."),
    )

    class Meta:
        model = Application
        fields = ["mentor_languages", "woman_mentor", "meeting_mode"]
        labels = {
            "woman_mentor": _("Would you like a woman mentor?"),
            "meeting_mode": _("How would you like to meet your mentor?"),
        }
        widgets = {"woman_mentor": forms.RadioSelect, "meeting_mode": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["woman_mentor"].choices = WomanMentor.choices
        self.fields["meeting_mode"].choices = MeetingMode.choices


class AttachmentsForm(StepForm):
    business_plan = forms.FileField(
        label=_("Business plan"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,.docx,.odt"}),
    )
    remove_business_plan = forms.BooleanField(label=_("Remove the business plan"), required=False)

    class Meta:
        model = Application
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["business_plan"].help_text = _(
            "If you have one: a PDF, Word (DOCX) or OpenDocument (ODT) file of at most %(size)s."
        ) % {"size": filesizeformat(settings.BUSINESS_PLAN_MAX_BYTES)}
        if self.instance.business_plan:
            self.fields["business_plan"].label = _("Replace the business plan")
        else:
            del self.fields["remove_business_plan"]

    def clean_business_plan(self):
        upload = self.cleaned_data.get("business_plan")
        if "business_plan" in self.oversized:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s, the largest allowed. Make it smaller and try again.")
                % {"limit": filesizeformat(settings.BUSINESS_PLAN_MAX_BYTES)}
            )
        if not upload:
            return None
        if upload.size > settings.BUSINESS_PLAN_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; the largest allowed is %(limit)s. Make it smaller and try again.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(settings.BUSINESS_PLAN_MAX_BYTES),
                }
            )
        kind = uploads.document_kind(upload)
        if kind is None:
            raise forms.ValidationError(
                _(
                    "This file is not a PDF, Word (DOCX) or OpenDocument (ODT) document. Save or export "
                    "your business plan as one of these and upload it again."
                )
            )
        original = os.path.basename(upload.name.replace("\\", "/"))[:200]
        if not original or original == uploads.UNNAMED:
            original = f"business-plan.{kind}"
        upload.original_name = original
        # The stored name's suffix comes from the content, never from what the file was called.
        upload.name = f"business-plan.{kind}"
        return upload

    def changes(self) -> dict:
        upload = self.cleaned_data.get("business_plan")
        if upload:
            return {"business_plan": upload, "business_plan_name": upload.original_name}
        if self.cleaned_data.get("remove_business_plan"):
            return {"business_plan": "", "business_plan_name": ""}
        return {}


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Would you like to tell us why?"),
        help_text=_("You do not have to. If you write something, it is shown in your application's history."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


STEP_FORMS: dict[str, type[StepForm]] = {
    Step.IDEA: IdeaForm,
    Step.MARKET: MarketForm,
    Step.NEEDS: NeedsForm,
    Step.MENTOR: MentorForm,
    Step.ATTACHMENTS: AttachmentsForm,
}


# --- What the applicant gave, for reading back ------------------------------------------------


@dataclass(frozen=True)
class Answer:
    label: str
    value: str
    missing: bool = False


@dataclass(frozen=True)
class AnswerSection:
    step: str
    title: str
    answers: list[Answer]


def _label(model, name: str) -> str:
    label = model._meta.get_field(name).verbose_name
    return str(label)[:1].upper() + str(label)[1:]


def _choice_labels(values, choices) -> str:
    labels = dict(choices)
    return ", ".join(str(labels.get(value, value)) for value in values or [])


def application_answers(
    application: Application, *, missing: dict[str, str] | None = None
) -> list[AnswerSection]:
    """Every answer of `application` by step, in the applicant's words, for the review page."""
    missing = missing or {}

    def answer(name, value) -> Answer:
        return Answer(label=_label(Application, name), value=value, missing=name in missing)

    a = application
    return [
        AnswerSection(
            Step.IDEA,
            Step.IDEA.label,
            [answer("idea_title", a.idea_title), answer("idea_description", a.idea_description)],
        ),
        AnswerSection(
            Step.MARKET,
            Step.MARKET.label,
            [
                answer("business_sector", a.get_business_sector_display() if a.business_sector else ""),
                answer("market_description", a.market_description),
                answer("stage", a.get_stage_display() if a.stage else ""),
                *(
                    [answer("organisation_number", a.organisation_number)]
                    if a.stage == Stage.REGISTERED or a.organisation_number
                    else []
                ),
            ],
        ),
        AnswerSection(
            Step.NEEDS,
            Step.NEEDS.label,
            [
                answer("support_needs", _choice_labels(a.support_needs, SupportNeed.choices)),
                answer("support_needs_other", a.support_needs_other),
            ],
        ),
        AnswerSection(
            Step.MENTOR,
            Step.MENTOR.label,
            [
                answer("mentor_languages", _choice_labels(a.mentor_languages, Language.choices)),
                answer("woman_mentor", a.get_woman_mentor_display()),
                answer("meeting_mode", a.get_meeting_mode_display()),
            ],
        ),
        AnswerSection(
            Step.ATTACHMENTS,
            Step.ATTACHMENTS.label,
            [answer("business_plan", a.business_plan_name)],
        ),
    ]


def profile_summary(profile: ApplicantProfile) -> list[Answer]:
    """The profile as recorded, label and value, for reading back (it is not changed afterwards).

    Labels from the choices' enums (`label_of`): `get_FOO_display` builds a dict of every choice
    on each call."""
    p = profile
    rows = [
        ("first_name", p.full_name),
        ("phone", p.phone),
        ("municipality", label_of(Municipality, p.municipality)),
        ("birth_year", str(p.birth_year)),
        ("gender", label_of(Gender, p.gender)),
        ("employment_status", label_of(EmploymentStatus, p.employment_status)),
    ]
    if p.months_unemployed is not None:
        rows.append(("months_unemployed", str(p.months_unemployed)))
    if p.business_registered_on is not None:
        rows.append(("business_registered_on", date_format(p.business_registered_on, "j F Y")))
    rows += [
        ("former_sector", label_of(FormerSector, p.former_sector)),
        ("education_level", label_of(EducationLevel, p.education_level)),
        ("languages", _choice_labels(p.languages, Language.choices)),
        ("contact_language", label_of(ContactLanguage, p.contact_language)),
    ]
    labels = {"first_name": _("Name")}
    return [
        Answer(label=str(labels.get(name) or _label(ApplicantProfile, name)), value=value)
        for name, value in rows
    ]
