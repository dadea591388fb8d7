"""Forms of a mentorship: declining a proposal, a goal, a meeting (with a private note), completing
or ending it, returning its participant to matching, and planning the next meeting.

A planned meeting's time is typed in Swedish time (Europe/Stockholm) and handed to
the services as an aware datetime; a time the clocks skip when summer time starts
is refused.

They validate and say how to fix what is wrong; they never save. The views hand
`cleaned_data` to `mentoring.mentorships.services.lifecycle` and `.meetings`.
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mentoring.core.choices import MeetingFormat, SupportNeed
from mentoring.models.mentoring import MEETING_MINUTES_MAX, MEETING_MINUTES_MIN
from mentoring.models.planned_meeting import PLANNED_MINUTES_MAX, PLANNED_MINUTES_MIN
from portal.validators import validate_https_url, validate_plain_text, validate_single_line

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


# --- Planning the next meeting ------------------------------------------------------------------

LENGTH_ERROR = _("Write a length between 15 and 180 minutes.")


def _reason_field(label, required_message) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=_("A short reason; the other person reads it."),
        max_length=300,
        validators=[validate_single_line],
        error_messages={"required": required_message},
    )


class PlannedMeetingForm(forms.Form):
    starts_on = forms.DateField(
        label=_("Date"),
        widget=DATE_WIDGET,
        error_messages={
            "required": _("Write the date of the meeting."),
            "invalid": _("Write the date as YYYY-MM-DD."),
        },
    )
    starts_time = forms.TimeField(
        label=_("Time"),
        help_text=_("Swedish time, for example 14:30."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Write the time the meeting starts."),
            "invalid": _("Write the time as HH:MM, for example 14:30."),
        },
    )
    duration_minutes = forms.IntegerField(
        label=_("Length in minutes"),
        min_value=PLANNED_MINUTES_MIN,
        max_value=PLANNED_MINUTES_MAX,
        help_text=_("Between 15 and 180 minutes."),
        error_messages={
            "required": LENGTH_ERROR,
            "invalid": LENGTH_ERROR,
            "min_value": LENGTH_ERROR,
            "max_value": LENGTH_ERROR,
        },
    )
    format = forms.ChoiceField(
        label=_("How you meet"),
        choices=MeetingFormat.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how you meet."),
            "invalid_choice": _("Choose how you meet."),
        },
    )
    place = forms.CharField(
        label=_("Place"),
        help_text=_("Where you meet in person, for example an address or a café."),
        max_length=200,
        required=False,
        validators=[validate_single_line],
    )
    link = forms.URLField(
        label=_("Link to the online meeting"),
        help_text=_("For example a Teams, Zoom or Jitsi link, starting with https://."),
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[validate_https_url],
        error_messages={"invalid": _("Give a link that starts with https://.")},
    )
    # Not "optional": each is needed with one answer to "how you meet" (checked in clean()).
    place.required_when = _("when you meet in person")
    link.required_when = _("when you meet online")
    agenda = forms.CharField(
        label=_("Agenda"),
        help_text=_("Optional: what you want to talk about. It is also the topics when you log the meeting."),
        max_length=2000,
        required=False,
        validators=[validate_plain_text],
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        day, time = data.get("starts_on"), data.get("starts_time")
        if day is not None and time is not None:
            zone = ZoneInfo(settings.TIME_ZONE)
            naive = datetime.combine(day, time.replace(second=0, microsecond=0))
            starts_at = naive.replace(tzinfo=zone)
            if starts_at.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
                self.add_error(
                    "starts_time", _("This time does not exist: the clocks move forward that night.")
                )
            else:
                data["starts_at"] = starts_at
        meeting_format = data.get("format")
        # A field with its own error already says what to fix; only an empty one is asked for.
        if meeting_format == MeetingFormat.IN_PERSON and "place" in data and not data["place"].strip():
            self.add_error("place", _("Write where you meet."))
        if meeting_format == MeetingFormat.ONLINE and "link" in data and not data["link"]:
            self.add_error("link", _("Give the link to the online meeting, starting with https://."))
        return data

    def plan_data(self) -> dict:
        data = self.cleaned_data
        return {
            "starts_at": data["starts_at"],
            "duration_minutes": data["duration_minutes"],
            "format": data["format"],
            "place": data["place"],
            "link": data["link"],
            "agenda": data["agenda"],
        }


class MoveForm(PlannedMeetingForm):
    reason = _reason_field(_("Why does the meeting move?"), _("Write why the meeting moves."))


class CancelForm(forms.Form):
    reason = _reason_field(_("Why is the meeting cancelled?"), _("Write why the meeting is cancelled."))


class DidNotHappenForm(forms.Form):
    reason = _reason_field(
        _("Why did the meeting not take place?"), _("Write why the meeting did not take place.")
    )
