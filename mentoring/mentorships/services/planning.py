"""Planning the next meeting of an active mentorship: plan, move, cancel, and close it afterwards.

Either party plans; at most one meeting is planned at a time (also a database
constraint). Moving and cancelling need a short reason, which the other party
reads in the e-mail and on the mentorship page. Every change sends both an
invitation (.ics) through the outbox in the same transaction: a REQUEST with the
same UID and a higher SEQUENCE when it moves, a CANCEL when it is cancelled.

Once its time has passed a planned meeting is a prompt: logging it creates the
`Meeting` and marks it held; "it did not happen" closes it with a reason, which
the coordinators' list at risk counts.

Every service is keyword-only, takes the actor and `now`, locks the mentorship
and then the planned meeting, and raises PlanningError (a MeetingError, with
`.message` and `.field`) when a rule says no.
"""

import logging
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentoring.core.choices import MeetingFormat
from mentoring.mentorships import invitations
from mentoring.mentorships.services.meetings import MeetingError, _locked_active, meeting_log
from mentoring.mentorships.workflow import RUNNING
from mentoring.models import Meeting, Mentorship, PlannedMeeting, PlannedMeetingStatus
from mentoring.models.planned_meeting import PLANNED_MINUTES_MAX, PLANNED_MINUTES_MIN

logger = logging.getLogger(__name__)

# A meeting is planned at most this far ahead: further than that is a typing mistake.
PLAN_AHEAD = timedelta(days=366)


class PlanningError(MeetingError):
    """A rule about planning a meeting said no; `field` names the form field it concerns, if any."""


def _check_plan(
    *, starts_at: datetime, duration_minutes: int, format: str, place: str, link: str, now: datetime
) -> None:
    if timezone.is_naive(starts_at):
        raise ValueError("starts_at must be timezone-aware.")
    if starts_at <= now:
        raise PlanningError(_("Choose a time in the future."), field="starts_on")
    if starts_at > now + PLAN_AHEAD:
        raise PlanningError(_("Choose a time within the coming year."), field="starts_on")
    if not PLANNED_MINUTES_MIN <= duration_minutes <= PLANNED_MINUTES_MAX:
        raise PlanningError(
            _("Write a length between %(min)s and %(max)s minutes.")
            % {"min": PLANNED_MINUTES_MIN, "max": PLANNED_MINUTES_MAX},
            field="duration_minutes",
        )
    if format not in MeetingFormat.values:
        raise PlanningError(_("Choose how you meet."), field="format")
    if format == MeetingFormat.IN_PERSON and not place.strip():
        raise PlanningError(_("Write where you meet."), field="place")
    if format == MeetingFormat.ONLINE and not link.lower().startswith("https://"):
        raise PlanningError(_("Give the link to the online meeting, starting with https://."), field="link")


def _locked_planned(planned: PlannedMeeting, actor) -> tuple[Mentorship, PlannedMeeting]:
    """Lock the mentorship (checking the actor is a party and it runs), then the planned meeting."""
    mentorship = _locked_active(planned.mentorship, actor)
    planned = PlannedMeeting.objects.select_for_update().get(pk=planned.pk, mentorship=mentorship)
    planned.mentorship = mentorship
    if planned.status != PlannedMeetingStatus.PLANNED:
        raise PlanningError(_("This meeting is no longer planned: it was cancelled or already closed."))
    return mentorship, planned


@transaction.atomic
def planned_meeting_plan(
    *,
    mentorship: Mentorship,
    actor,
    starts_at: datetime,
    duration_minutes: int,
    format: str,
    place: str,
    link: str,
    agenda: str,
    now: datetime,
) -> PlannedMeeting:
    """Either party plans the next meeting of an active mentorship; both get an invitation.

    Raises PlanningError for anyone else, a mentorship that is not active, one that
    already has a planned meeting (the mentorship row's lock makes two plans at once
    see each other), a time not in the future or more than a year ahead, a length
    outside 15–180 minutes, in person without a place, online without an https link.
    """
    mentorship = _locked_active(mentorship, actor)
    if mentorship.planned_meetings.filter(status=PlannedMeetingStatus.PLANNED).exists():
        raise PlanningError(
            _("A meeting is already planned. Move it, cancel it, or log it once it has taken place.")
        )
    _check_plan(
        starts_at=starts_at, duration_minutes=duration_minutes, format=format, place=place, link=link, now=now
    )
    planned = PlannedMeeting.objects.create(
        mentorship=mentorship,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        format=format,
        place=place.strip() if format == MeetingFormat.IN_PERSON else "",
        link=link.strip() if format == MeetingFormat.ONLINE else "",
        agenda=agenda.strip(),
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    invitations.planned_meeting_invited(planned=planned, actor=actor, now=now)
    logger.info("meeting %s planned in mentorship %s by user %s", planned.pk, mentorship.pk, actor.pk)
    return planned


@transaction.atomic
def planned_meeting_move(
    *,
    planned: PlannedMeeting,
    actor,
    starts_at: datetime,
    duration_minutes: int,
    format: str,
    place: str,
    link: str,
    agenda: str,
    reason: str,
    now: datetime,
) -> PlannedMeeting:
    """Either party moves (or otherwise changes) the planned meeting, saying why; both get the update.

    The calendar entry keeps its UID and its SEQUENCE rises; a new reminder is due the
    day before the new time. Raises PlanningError as `planned_meeting_plan` does, for a
    meeting no longer planned, and for an empty reason.
    """
    _mentorship, planned = _locked_planned(planned, actor)
    reason = reason.strip()
    if not reason:
        raise PlanningError(_("Write why the meeting moves."), field="reason")
    _check_plan(
        starts_at=starts_at, duration_minutes=duration_minutes, format=format, place=place, link=link, now=now
    )
    planned.starts_at, planned.duration_minutes, planned.format = starts_at, duration_minutes, format
    planned.place = place.strip() if format == MeetingFormat.IN_PERSON else ""
    planned.link = link.strip() if format == MeetingFormat.ONLINE else ""
    planned.agenda = agenda.strip()
    planned.move_reason, planned.moved_by = reason, actor
    planned.sequence += 1
    planned.reminder_sent_at = None
    planned.updated_at = now
    planned.save()
    invitations.planned_meeting_moved(planned=planned, actor=actor, now=now)
    logger.info("planned meeting %s moved by user %s", planned.pk, actor.pk)
    return planned


@transaction.atomic
def planned_meeting_cancel(*, planned: PlannedMeeting, actor, reason: str, now: datetime) -> PlannedMeeting:
    """Either party cancels the planned meeting, saying why; both get a cancellation (.ics CANCEL).

    Raises PlanningError for anyone else, a mentorship that is not active, a meeting no
    longer planned, and an empty reason.
    """
    _mentorship, planned = _locked_planned(planned, actor)
    reason = reason.strip()
    if not reason:
        raise PlanningError(_("Write why the meeting is cancelled."), field="reason")
    planned.status = PlannedMeetingStatus.CANCELLED
    planned.cancel_reason, planned.closed_by, planned.closed_at = reason, actor, now
    planned.sequence += 1
    planned.updated_at = now
    planned.save()
    invitations.planned_meeting_cancelled(planned=planned, actor=actor, now=now)
    logger.info("planned meeting %s cancelled by user %s", planned.pk, actor.pk)
    return planned


def planned_meetings_cancel_on_end(*, mentorship: Mentorship, actor, now: datetime) -> None:
    """Close the planned meeting of a mentorship that has just ended (called under its lock by the
    ending service): an upcoming one is cancelled in both calendars (CANCEL), one whose time has
    passed is closed without a message, as nobody can log it any more."""
    for planned in mentorship.planned_meetings.select_for_update().filter(
        status=PlannedMeetingStatus.PLANNED
    ):
        planned.mentorship = mentorship
        upcoming = planned.is_upcoming(now=now)
        planned.status, planned.closed_by, planned.closed_at = PlannedMeetingStatus.CANCELLED, actor, now
        planned.sequence += 1
        planned.updated_at = now
        planned.save()
        if upcoming:
            invitations.planned_meeting_cancelled(planned=planned, actor=None, now=now)
        logger.info("planned meeting %s closed as mentorship %s ended", planned.pk, mentorship.pk)


def _check_passed(planned: PlannedMeeting, now: datetime) -> None:
    if planned.starts_at > now:
        raise PlanningError(_("The meeting has not started yet. Move or cancel it instead."))


@transaction.atomic
def planned_meeting_did_not_happen(
    *, planned: PlannedMeeting, actor, reason: str, now: datetime
) -> PlannedMeeting:
    """Either party says a planned meeting whose time has come did not take place, and why.

    It closes the prompt; the mentorship shows on the coordinators' list at risk until a
    meeting is logged again. Raises PlanningError for anyone else, a meeting still ahead
    or no longer planned, and an empty reason.
    """
    _mentorship, planned = _locked_planned(planned, actor)
    _check_passed(planned, now)
    reason = reason.strip()
    if not reason:
        raise PlanningError(_("Write why the meeting did not take place."), field="reason")
    planned.status = PlannedMeetingStatus.DID_NOT_HAPPEN
    planned.did_not_happen_reason, planned.closed_by, planned.closed_at = reason, actor, now
    planned.updated_at = now
    planned.save()
    logger.info("planned meeting %s did not happen, said user %s", planned.pk, actor.pk)
    return planned


@transaction.atomic
def planned_meeting_log(
    *,
    planned: PlannedMeeting,
    actor,
    held_on: date,
    minutes: int,
    format: str,
    topics: list[str],
    shared_notes: str,
    private_note: str,
    now: datetime,
) -> Meeting:
    """Either party logs the meeting a prompt asks about: the `Meeting` is created, the plan is held.

    Raises PlanningError for a meeting still ahead or no longer planned (logged by the
    other party meanwhile), and MeetingError as `meeting_log` does.
    """
    _mentorship, planned = _locked_planned(planned, actor)
    _check_passed(planned, now)
    meeting = meeting_log(
        mentorship=planned.mentorship,
        actor=actor,
        held_on=held_on,
        minutes=minutes,
        format=format,
        topics=topics,
        shared_notes=shared_notes,
        private_note=private_note,
        now=now,
    )
    planned.status, planned.meeting = PlannedMeetingStatus.HELD, meeting
    planned.closed_by, planned.closed_at, planned.updated_at = actor, now, now
    planned.save()
    logger.info("planned meeting %s logged as meeting %s by user %s", planned.pk, meeting.pk, actor.pk)
    return meeting


# --- The reminder the day before ---------------------------------------------------------------


def planned_meetings_remind(*, now: datetime) -> list[int]:
    """E-mail both parties of each planned meeting that starts tomorrow (Stockholm time); return the ids.

    Each reminder is claimed with a conditional UPDATE (`reminder_sent_at IS NULL`) in
    the same transaction as its e-mails: two workers running the job at once, or the
    job running twice, send each reminder once. A moved meeting is reminded again for
    its new day.
    """
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    candidates = PlannedMeeting.objects.filter(
        status=PlannedMeetingStatus.PLANNED,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__date=tomorrow,
        mentorship__status__in=sorted(str(s) for s in RUNNING),
    ).values_list("pk", flat=True)
    reminded = [pk for pk in candidates if _remind(pk=pk, now=now)]
    if reminded:
        logger.info("planned meetings reminded: %s", reminded)
    return reminded


@transaction.atomic
def _remind(*, pk: int, now: datetime) -> bool:
    claimed = PlannedMeeting.objects.filter(
        pk=pk, status=PlannedMeetingStatus.PLANNED, reminder_sent_at__isnull=True, starts_at__gt=now
    ).update(reminder_sent_at=now)
    if not claimed:
        return False
    planned = PlannedMeeting.objects.select_related(
        "mentorship__mentor__user", "mentorship__participant__applicant__applicant_profile"
    ).get(pk=pk)
    invitations.planned_meeting_reminded(planned=planned, now=now)
    return True
