"""Forms for study guidance: publishing a slot, booking one, recording the outcome.

They validate and say how to fix what is wrong; the views hand `cleaned_data`
to `mentoring.guidance.services`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from mentoring.models import GuidanceMode, GuidanceOutcome
from mentoring.models.guidance import GUIDANCE_MINUTES_MAX, GUIDANCE_MINUTES_MIN

MINUTES_ERROR = _("Write a length between 15 and 120 minutes.")


class GuidanceSlotForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("Write when the conversation starts."),
            "invalid": _("Write a date and time."),
        },
    )
    minutes = forms.IntegerField(
        label=_("Length (minutes)"),
        initial=45,
        min_value=GUIDANCE_MINUTES_MIN,
        max_value=GUIDANCE_MINUTES_MAX,
        error_messages={
            "required": MINUTES_ERROR,
            "invalid": MINUTES_ERROR,
            "min_value": MINUTES_ERROR,
            "max_value": MINUTES_ERROR,
        },
    )
    mode = forms.ChoiceField(
        label=_("How you meet"),
        choices=GuidanceMode.choices,
        initial=GuidanceMode.IN_PERSON,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose in person or online.")},
    )
    place = forms.CharField(
        label=_("Place"),
        help_text=_("Where you meet in person; for an online conversation, leave empty or add a note."),
        max_length=200,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("mode") == GuidanceMode.IN_PERSON and not (data.get("place") or "").strip():
            self.add_error("place", _("Write where you meet."))
        return data


class GuidanceBookingForm(forms.Form):
    topic = forms.CharField(
        label=_("What would you like to talk about?"),
        help_text=_("For example a course you are thinking of, or finishing upper secondary school."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class GuidanceOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=GuidanceOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an outcome.")},
    )
    note = forms.CharField(
        label=_("Short note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
