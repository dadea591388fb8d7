"""Reads of planned meetings: a mentorship's next one, a person's for the calendar feed,
and each as the pages show it."""

from dataclasses import dataclass

from django.urls import reverse

from mentoring.core.choices import MeetingFormat
from mentoring.core.display import (
    label_of,
    person_name,
)
from mentoring.models import (
    Mentorship,
    PlannedMeeting,
    PlannedMeetingStatus,
)


def planned_meeting_of(mentorship: Mentorship) -> PlannedMeeting | None:
    """The mentorship's planned meeting (upcoming, or a prompt once its time has passed), or None."""
    return (
        PlannedMeeting.objects.filter(mentorship=mentorship, status=PlannedMeetingStatus.PLANNED)
        .select_related("moved_by")
        .first()
    )


def last_cancelled_of(mentorship: Mentorship, *, now) -> PlannedMeeting | None:
    """The last planned meeting cancelled whose time is still ahead: its reason is shown to both."""
    return (
        PlannedMeeting.objects.filter(
            mentorship=mentorship, status=PlannedMeetingStatus.CANCELLED, starts_at__gt=now
        )
        .select_related("closed_by")
        .order_by("-closed_at", "-pk")
        .first()
    )


@dataclass(frozen=True)
class PlannedView:
    """A planned meeting as the mentorship page and the dashboards show it."""

    planned: PlannedMeeting
    format: str
    upcoming: bool
    prompt: bool
    moved_by: str
    log_url: str
    missed_url: str
    move_url: str
    cancel_url: str


def planned_view(planned: PlannedMeeting | None, *, now) -> PlannedView | None:
    if planned is None:
        return None
    args = [planned.mentorship_id, planned.pk]
    return PlannedView(
        planned=planned,
        format=label_of(MeetingFormat, planned.format),
        upcoming=planned.is_upcoming(now=now),
        prompt=planned.is_prompt(now=now),
        moved_by=person_name(planned.moved_by) if planned.move_reason else "",
        log_url=reverse("mentoring:planned_meeting_log", args=args),
        missed_url=reverse("mentoring:planned_meeting_missed", args=args),
        move_url=reverse("mentoring:planned_meeting_move", args=args),
        cancel_url=reverse("mentoring:planned_meeting_cancel", args=args),
    )


def planned_meetings_of_mentorships(mentorships: list[Mentorship]) -> list[PlannedMeeting]:
    """The planned meetings (upcoming or prompts) of `mentorships`, soonest first, each with its
    mentorship from the list (and what was loaded with it): one query, none without a mentorship.

    For the participant's dashboard, given her running mentorships (see `mentors_of_participant`).
    """
    by_pk = {mentorship.pk: mentorship for mentorship in mentorships}
    if not by_pk:
        return []
    planned = list(
        PlannedMeeting.objects.filter(mentorship__in=list(by_pk), status=PlannedMeetingStatus.PLANNED)
        .select_related("moved_by")
        .order_by("starts_at")
    )
    for meeting in planned:
        meeting.mentorship = by_pk[meeting.mentorship_id]
    return planned
