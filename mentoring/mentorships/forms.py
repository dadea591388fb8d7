"""Forms of a mentorship: declining a proposal, a goal, a meeting (with a private note), completing
or ending it, and returning its participant to matching.

They validate and say how to fix what is wrong; they never save. The views hand
`cleaned_data` to `mentoring.mentorships.services.lifecycle` and `.meetings`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from mentoring.core.choices import MeetingFormat, SupportNeed
from mentoring.models.mentoring import MEETING_MINUTES_MAX, MEETING_MINUTES_MIN

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


MINUTES_ERROR = _("Write a length between 15 and 180 minutes.")


class GoalForm(forms.Form):
    title = forms.CharField(
        label=_("Goal"),
        max_length=200,
        error_messages={"required": _("Write the goal.")},
    )
    target_date = forms.DateField(
        label=_("Target date"),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": _("Write the date as YYYY-MM-DD.")},
    )


class PrivateNoteForm(forms.Form):
    private_note = forms.CharField(
        label=_("Private notes"),
        help_text=_("Only you ever see these: not the other party, not the coordinators."),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MeetingForm(PrivateNoteForm):
    held_on = forms.DateField(
        label=_("Date"),
        widget=DATE_WIDGET,
        error_messages={
            "required": _("Write the date of the meeting."),
            "invalid": _("Write the date as YYYY-MM-DD."),
        },
    )
    minutes = forms.IntegerField(
        label=_("Length in minutes"),
        min_value=MEETING_MINUTES_MIN,
        max_value=MEETING_MINUTES_MAX,
        help_text=_("Between 15 and 180 minutes."),
        error_messages={
            "required": MINUTES_ERROR,
            "invalid": MINUTES_ERROR,
            "min_value": MINUTES_ERROR,
            "max_value": MINUTES_ERROR,
        },
    )
    format = forms.ChoiceField(
        label=_("How you met"),
        choices=MeetingFormat.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you met.")},
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=SupportNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    shared_notes = forms.CharField(
        label=_("Notes for both of you"),
        help_text=_("The mentor and the participant both read these."),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    field_order = ["held_on", "minutes", "format", "topics", "shared_notes", "private_note"]


class CompletionForm(forms.Form):
    """Saying a mentorship is completed: a note may go with it."""

    note = forms.CharField(
        label=_("A note for the coordinators"),
        help_text=_("For example what the two of you achieved. The participant does not see it."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EndEarlyForm(forms.Form):
    """Ending a mentorship early: the reason is required."""

    reason = forms.CharField(
        label=_("Why does the mentorship end early?"),
        help_text=_(
            "The coordinators read this; the participant is told that the mentorship ended, not the reason."
        ),
        max_length=2000,
        error_messages={"required": _("Write why the mentorship ends early.")},
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReturnToMatchingForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should the participant have another mentor?"),
        help_text=_("Kept in the mentorship's history. The participant does not see it."),
        max_length=2000,
        error_messages={"required": _("Write why the participant should have another mentor.")},
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you decline?"),
        help_text=_("The coordinator reads this to find a better match. The participant does not see it."),
        max_length=2000,
        error_messages={"required": _("Write why you decline, so the coordinator can find a better match.")},
        widget=forms.Textarea(attrs={"rows": 4}),
    )
