"""E-mails about a planned meeting, to both parties, each in their own language, written to the outbox.

The invitation, the update and the cancellation each carry an .ics (REQUEST or
CANCEL) with the same UID for the planned meeting and its current SEQUENCE, so
a calendar program replaces its entry rather than adding a second one. The
mentor is the organizer (it does not change when the other party moves the
meeting), and both are attendees. Called inside the service's transaction: the
messages are stored with the change and delivered only if it commits.
"""

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from mentoring.core.calendar import CalendarEvent, calendar_part, invitation
from mentoring.core.choices import MeetingFormat
from mentoring.core.display import label_of, participant_name, person_name
from mentoring.core.language import language_of
from mentoring.core.mail import absolute_url
from mentoring.models import PlannedMeeting, PlannedMeetingStatus


def calendar_uid(planned: PlannedMeeting) -> str:
    """Stable for the planned meeting: every update and the cancellation replace the same entry."""
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"planned-meeting-{planned.uid}@{host}"


def _where(planned: PlannedMeeting) -> str:
    if planned.format == MeetingFormat.IN_PERSON:
        return planned.place
    if planned.format == MeetingFormat.ONLINE:
        return planned.link
    return label_of(MeetingFormat, planned.format)


def planned_meeting_calendar(*, planned: PlannedMeeting, now: datetime) -> str:
    """The planned meeting's .ics text in the active language: CANCEL once cancelled, else REQUEST."""
    mentorship = planned.mentorship
    mentor, participant = mentorship.mentor.user, mentorship.participant.applicant
    names = {"mentor": person_name(mentor), "participant": participant_name(mentorship.participant)}
    description = "\n\n".join(
        part
        for part in (
            planned.agenda,
            planned.link,
            planned.cancel_reason
            if planned.status == PlannedMeetingStatus.CANCELLED
            else planned.move_reason,
            absolute_url("mentoring:mentorship_detail", pk=mentorship.pk),
        )
        if part
    )
    return invitation(
        CalendarEvent(
            uid=calendar_uid(planned),
            starts_at=planned.starts_at,
            ends_at=planned.ends_at,
            summary=_("Mentoring meeting: %(mentor)s and %(participant)s") % names,
            location=_where(planned),
            description=description,
            organizer_email=mentor.email,
            organizer_name=names["mentor"],
            attendees=((mentor.email, names["mentor"]), (participant.email, names["participant"])),
            stamp=now,
            sequence=planned.sequence,
            cancelled=planned.status == PlannedMeetingStatus.CANCELLED,
        )
    )


def _send(*, planned: PlannedMeeting, event: str, actor, now: datetime, with_calendar: bool) -> None:
    mentorship = planned.mentorship
    mentor, participant = mentorship.mentor.user, mentorship.participant.applicant
    for person, other in ((mentor, participant), (participant, mentor)):
        language = language_of(person)
        with translation.override(language):
            context = {
                "event": event,
                "planned": planned,
                "name": participant_name(mentorship.participant)
                if person == participant
                else person_name(mentor),
                "other_name": person_name(mentor)
                if person == participant
                else participant_name(mentorship.participant),
                "by_other": actor is not None and actor.pk == other.pk,
                "format": label_of(MeetingFormat, planned.format),
                "mentorship_url": absolute_url("mentoring:mentorship_detail", pk=mentorship.pk),
            }
            subject = render_to_string("mentoring/email/planned_meeting_subject.txt", context).strip()
            body = render_to_string("mentoring/email/planned_meeting.txt", context)
            ics = planned_meeting_calendar(planned=planned, now=now) if with_calendar else ""
        message = EmailMessage(
            subject=" ".join(subject.split()),
            body=body,
            to=[person.email],
            headers={
                "X-Portal-Mentorship": str(mentorship.pk),
                "X-Portal-Planned-Meeting": str(planned.pk),
                "X-Portal-Event": f"planned_meeting_{event}",
            },
        )
        if ics:
            cancelled = planned.status == PlannedMeetingStatus.CANCELLED
            message.attach(
                calendar_part(ics, method="CANCEL" if cancelled else "REQUEST", filename="meeting.ics")
            )
        message.send()


def planned_meeting_invited(*, planned: PlannedMeeting, actor, now: datetime) -> None:
    """Invite both parties to the newly planned meeting (REQUEST, SEQUENCE 0)."""
    _send(planned=planned, event="invited", actor=actor, now=now, with_calendar=True)


def planned_meeting_moved(*, planned: PlannedMeeting, actor, now: datetime) -> None:
    """Send both parties the update (REQUEST, same UID, higher SEQUENCE), with the reason."""
    _send(planned=planned, event="moved", actor=actor, now=now, with_calendar=True)


def planned_meeting_cancelled(*, planned: PlannedMeeting, actor, now: datetime) -> None:
    """Send both parties the cancellation (CANCEL, same UID, higher SEQUENCE), with the reason."""
    _send(planned=planned, event="cancelled", actor=actor, now=now, with_calendar=True)


def planned_meeting_reminded(*, planned: PlannedMeeting, now: datetime) -> None:
    """Remind both parties the day before; no calendar file, the entry is already theirs."""
    _send(planned=planned, event="reminder", actor=None, now=now, with_calendar=False)
