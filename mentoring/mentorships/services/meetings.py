"""Inside an active mentorship: goals, logged meetings with private notes, and reminders to meet.

Either party (the mentor or the participant) writes goals and logs meetings.
A meeting is edited only by the person who logged it, and only within
EDIT_WINDOW of logging it; the other party may write their own private note on
it within the same window, through `meeting_private_note_save` (the meeting's
facts and shared notes stay as the logger wrote them). After the window the
meeting and its private notes are locked: they are the record of what happened.
A private note is read by its writer only, never by the other party or the
coordinators (`selectors.meetings_visible_to`).

Every service is keyword-only, takes the actor and `now`, locks the mentorship
(or the meeting) it changes, and raises MeetingError (a MentorshipError, with
`.message` and the form `.field` it concerns) when a rule says no.
"""

import logging
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from mentoring.core import mail
from mentoring.core.choices import MeetingFormat, SupportNeed
from mentoring.core.display import participant_name, person_name
from mentoring.mentorships.services.lifecycle import MentorshipError
from mentoring.mentorships.workflow import MEET_WITHIN, REMIND_EVERY, RUNNING, MentorshipStatus
from mentoring.models import Goal, Meeting, Mentorship, PlannedMeeting, PlannedMeetingStatus, PrivateNote
from mentoring.models.mentoring import MEETING_MINUTES_MAX, MEETING_MINUTES_MIN

logger = logging.getLogger(__name__)

MAX_OPEN_GOALS = 5
EDIT_WINDOW = timedelta(days=7)


class MeetingError(MentorshipError):
    """A rule about goals or meetings said no; `field` names the form field it concerns, if any."""


def is_party(mentorship: Mentorship, user) -> bool:
    """Whether `user` is this mentorship's mentor or its participant."""
    return user is not None and user.pk in (mentorship.mentor.user_id, mentorship.participant.applicant_id)


def _check_party(mentorship: Mentorship, actor) -> None:
    if not is_party(mentorship, actor):
        raise MeetingError(_("Only the mentor and the participant of this mentorship can do this."))


def _check_active(mentorship: Mentorship) -> None:
    if mentorship.status not in RUNNING:
        raise MeetingError(_("This mentorship is not active, so nothing can be added to it."))


def _locked_active(mentorship: Mentorship, actor) -> Mentorship:
    mentorship = (
        Mentorship.objects.select_for_update().select_related("mentor", "participant").get(pk=mentorship.pk)
    )
    _check_party(mentorship, actor)
    _check_active(mentorship)
    return mentorship


# --- Goals ---------------------------------------------------------------------------------------


@transaction.atomic
def goal_add(*, mentorship: Mentorship, actor, title: str, target_date: date | None, now: datetime) -> Goal:
    """Either party adds a goal to an active mentorship.

    Raises MeetingError for anyone else, for a mentorship that is not active, for an
    empty title, or when MAX_OPEN_GOALS goals are already open (the mentorship row's
    lock makes two goals added at once count each other).
    """
    mentorship = _locked_active(mentorship, actor)
    title = title.strip()
    if not title:
        raise MeetingError(_("Write the goal."), field="title")
    if mentorship.goals.filter(done_at__isnull=True).count() >= MAX_OPEN_GOALS:
        raise MeetingError(
            _("You already have %(count)s open goals. Mark one as done before adding another.")
            % {"count": MAX_OPEN_GOALS},
            field="title",
        )
    goal = Goal.objects.create(
        mentorship=mentorship, title=title, target_date=target_date, created_by=actor, created_at=now
    )
    logger.info("goal %s added to mentorship %s by user %s", goal.pk, mentorship.pk, actor.pk)
    return goal


@transaction.atomic
def goal_set_done(*, goal: Goal, actor, done: bool, now: datetime) -> Goal:
    """Either party marks a goal of an active mentorship as done, or as open again.

    Marking a done goal done again keeps its first date. Raises MeetingError for anyone
    else, for a mentorship that is not active, and when reopening would exceed MAX_OPEN_GOALS.
    """
    mentorship = _locked_active(goal.mentorship, actor)
    goal = Goal.objects.select_for_update().get(pk=goal.pk, mentorship=mentorship)
    if done and goal.done_at is None:
        goal.done_at = now
    elif not done and goal.done_at is not None:
        if mentorship.goals.filter(done_at__isnull=True).count() >= MAX_OPEN_GOALS:
            raise MeetingError(
                _("You already have %(count)s open goals. Mark one as done before reopening another.")
                % {"count": MAX_OPEN_GOALS}
            )
        goal.done_at = None
    else:
        return goal
    goal.save(update_fields=["done_at"])
    logger.info("goal %s of mentorship %s done=%s by user %s", goal.pk, mentorship.pk, done, actor.pk)
    return goal


# --- Meetings ------------------------------------------------------------------------------------


def _check_meeting(
    *, mentorship: Mentorship, held_on: date, minutes: int, format: str, topics: list[str], now: datetime
) -> None:
    if held_on > timezone.localdate(now):
        raise MeetingError(_("The meeting cannot be in the future."), field="held_on")
    if mentorship.answered_at and held_on < timezone.localdate(mentorship.answered_at):
        raise MeetingError(_("The meeting cannot be before the mentorship started."), field="held_on")
    if not MEETING_MINUTES_MIN <= minutes <= MEETING_MINUTES_MAX:
        raise MeetingError(
            _("Write a length between %(min)s and %(max)s minutes.")
            % {"min": MEETING_MINUTES_MIN, "max": MEETING_MINUTES_MAX},
            field="minutes",
        )
    if format not in MeetingFormat.values:
        raise MeetingError(_("Choose how you met."), field="format")
    if not set(topics) <= set(SupportNeed.values):
        raise MeetingError(_("Choose topics from the list."), field="topics")


def _save_private_note(*, meeting: Meeting, author, text: str, now: datetime) -> None:
    """Write `author`'s own note on `meeting`; an empty text removes it."""
    text = text.strip()
    if not text:
        PrivateNote.objects.filter(meeting=meeting, author=author).delete()
        return
    PrivateNote.objects.update_or_create(
        meeting=meeting, author=author, defaults={"text": text, "updated_at": now}
    )


@transaction.atomic
def meeting_log(
    *,
    mentorship: Mentorship,
    actor,
    held_on: date,
    minutes: int,
    format: str,
    topics: list[str],
    shared_notes: str,
    private_note: str,
    now: datetime,
) -> Meeting:
    """Either party logs a meeting of an active mentorship; `private_note` is kept for the actor alone.

    Raises MeetingError for anyone else, for a mentorship that is not active, for a date
    in the future or before the mentorship started, a length outside 15–180 minutes, an
    unknown format or topic.
    """
    mentorship = _locked_active(mentorship, actor)
    _check_meeting(
        mentorship=mentorship, held_on=held_on, minutes=minutes, format=format, topics=topics, now=now
    )
    meeting = Meeting.objects.create(
        mentorship=mentorship,
        held_on=held_on,
        minutes=minutes,
        format=format,
        topics=list(topics),
        shared_notes=shared_notes.strip(),
        logged_by=actor,
        logged_at=now,
        updated_at=now,
    )
    _save_private_note(meeting=meeting, author=actor, text=private_note, now=now)
    mentorship_meetings_recount(mentorships=Mentorship.objects.filter(pk=mentorship.pk))
    logger.info("meeting %s of mentorship %s logged by user %s", meeting.pk, mentorship.pk, actor.pk)
    return meeting


def mentorship_meetings_recount(*, mentorships: QuerySet[Mentorship]) -> None:
    """Set each of `mentorships`' `last_meeting_on` and `meeting_count` from its meetings, in one
    statement: after every change to a mentorship's meetings, under the lock on its row (the
    services that log and edit a meeting hold it), so two changes at once count each other."""
    meetings = Meeting.objects.filter(mentorship=OuterRef("pk")).order_by().values("mentorship")
    mentorships.update(
        last_meeting_on=Subquery(meetings.annotate(last=Max("held_on")).values("last")),
        meeting_count=Coalesce(Subquery(meetings.annotate(n=Count("pk")).values("n")), 0),
    )


def is_editable(meeting: Meeting, *, now: datetime) -> bool:
    """A meeting can be changed for EDIT_WINDOW after it was logged, then it is locked."""
    return now - meeting.logged_at <= EDIT_WINDOW


def _locked_meeting(meeting: Meeting, actor, now: datetime) -> Meeting:
    # Without `of`, the lock takes the joined rows too: the mentorship's, which its recount needs.
    meeting = (
        Meeting.objects.select_for_update()
        .select_related("mentorship__mentor", "mentorship__participant")
        .get(pk=meeting.pk)
    )
    _check_party(meeting.mentorship, actor)
    if not is_editable(meeting, now=now):
        raise MeetingError(_("This meeting was logged more than 7 days ago and can no longer be changed."))
    return meeting


@transaction.atomic
def meeting_edit(
    *,
    meeting: Meeting,
    actor,
    held_on: date,
    minutes: int,
    format: str,
    topics: list[str],
    shared_notes: str,
    private_note: str,
    now: datetime,
) -> Meeting:
    """The person who logged a meeting corrects it (and their private note) within EDIT_WINDOW.

    Raises MeetingError for anyone else (the other party writes only their private
    note, with `meeting_private_note_save`), after the window, and for the same
    wrong values as `meeting_log`.
    """
    meeting = _locked_meeting(meeting, actor, now)
    if meeting.logged_by_id != actor.pk:
        raise MeetingError(_("Only the person who logged this meeting can change it."))
    _check_meeting(
        mentorship=meeting.mentorship, held_on=held_on, minutes=minutes, format=format, topics=topics, now=now
    )
    meeting.held_on, meeting.minutes, meeting.format = held_on, minutes, format
    meeting.topics, meeting.shared_notes, meeting.updated_at = list(topics), shared_notes.strip(), now
    meeting.save(update_fields=["held_on", "minutes", "format", "topics", "shared_notes", "updated_at"])
    mentorship_meetings_recount(mentorships=Mentorship.objects.filter(pk=meeting.mentorship_id))
    _save_private_note(meeting=meeting, author=actor, text=private_note, now=now)
    logger.info("meeting %s edited by user %s", meeting.pk, actor.pk)
    return meeting


@transaction.atomic
def meeting_private_note_save(*, meeting: Meeting, actor, text: str, now: datetime) -> Meeting:
    """Either party writes (or, with an empty text, removes) their own private note within EDIT_WINDOW.

    Raises MeetingError for anyone else and after the window.
    """
    meeting = _locked_meeting(meeting, actor, now)
    _save_private_note(meeting=meeting, author=actor, text=text, now=now)
    logger.info("private note on meeting %s saved by user %s", meeting.pk, actor.pk)
    return meeting


# --- Reminders to meet ---------------------------------------------------------------------------


def _last_met(mentorship: Mentorship) -> date | None:
    """The day of the last meeting, else the day the mentorship started."""
    last = mentorship.meetings.aggregate(last=Max("held_on"))["last"]
    if last is None and mentorship.answered_at is not None:
        last = timezone.localdate(mentorship.answered_at)
    return last


def planned_contact(now: datetime):
    """Planned meetings that count as contact: still planned, and not more than MEET_WITHIN in the past
    (a prompt left unanswered for longer no longer shields the mentorship)."""
    return PlannedMeeting.objects.filter(
        status=PlannedMeetingStatus.PLANNED, starts_at__gte=now - MEET_WITHIN
    )


def _due_for_reminder(
    *, last_met: date | None, reminded_at: datetime | None, planned: bool, now: datetime
) -> bool:
    if planned or last_met is None or last_met > timezone.localdate(now) - MEET_WITHIN:
        return False
    return reminded_at is None or reminded_at <= now - REMIND_EVERY


def meetings_remind_mentors(*, now: datetime) -> list[int]:
    """E-mail each mentor of an active mentorship without a meeting for 30 days; return the mentorships' ids.

    The 30 days count from the last meeting's date, or from the start when none is
    logged; a planned meeting counts as contact (`planned_contact`). A mentorship is
    reminded at most once in 14 days, so a mentor who still
    has not met after a reminder hears again two weeks later. Each mentorship is
    handled in its own transaction and checked again under its lock: running the
    job twice, or on two workers, sends nothing twice.
    """
    candidates = (
        Mentorship.objects.filter(status=MentorshipStatus.ACTIVE)
        .annotate(
            last_held=Max("meetings__held_on"),
            planned=Exists(planned_contact(now).filter(mentorship=OuterRef("pk"))),
        )
        .values_list("pk", "answered_at", "last_held", "meeting_reminded_at", "planned")
    )
    reminded = []
    for pk, answered_at, last_held, reminded_at, planned in candidates:
        last_met = last_held or (timezone.localdate(answered_at) if answered_at else None)
        if _due_for_reminder(
            last_met=last_met, reminded_at=reminded_at, planned=planned, now=now
        ) and _remind_to_meet(pk=pk, now=now):
            reminded.append(pk)
    if reminded:
        logger.info("mentors reminded to meet: mentorships %s", reminded)
    return reminded


@transaction.atomic
def _remind_to_meet(*, pk: int, now: datetime) -> bool:
    mentorship = (
        Mentorship.objects.select_for_update(of=("self",))
        .select_related("mentor__user", "participant__applicant__applicant_profile")
        .get(pk=pk)
    )
    last_met = _last_met(mentorship)
    planned = planned_contact(now).filter(mentorship=mentorship).exists()
    if mentorship.status != MentorshipStatus.ACTIVE or not _due_for_reminder(
        last_met=last_met, reminded_at=mentorship.meeting_reminded_at, planned=planned, now=now
    ):
        return False
    mentorship.meeting_reminded_at = now
    mentorship.save(update_fields=["meeting_reminded_at"])
    with translation.override(settings.LANGUAGE_CODE):
        mentorship_url = mail.absolute_url("mentoring:mentorship_detail", pk=mentorship.pk)
    mail.send_from_templates(
        template="meeting_reminder",
        context={
            "mentor_name": person_name(mentorship.mentor.user),
            "participant_name": participant_name(mentorship.participant),
            "last_met": last_met,
            "days": (timezone.localdate(now) - last_met).days,
            "mentorship_url": mentorship_url,
        },
        to=mentorship.mentor.user.email,
        language=settings.LANGUAGE_CODE,
        headers={"X-Portal-Mentorship": str(mentorship.pk), "X-Portal-Event": "meeting_reminder"},
    )
    return True
