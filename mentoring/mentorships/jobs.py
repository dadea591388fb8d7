"""Recurring jobs of mentorships: thin wrappers that read the clock and call a service.

The services take `now`, so their tests state the day; these only supply it.
"""

from django.utils import timezone

from mentoring.mentorships.services import meetings, planning
from mentoring.mentorships.services.lifecycle import (
    mentorships_chase_unanswered,
    mentorships_complete_proposed,
)


def chase_unanswered_proposals() -> dict[str, int]:
    result = mentorships_chase_unanswered(now=timezone.now())
    return {"reminded": len(result.reminded), "returned": len(result.returned)}


def remind_mentors_to_meet() -> int:
    return len(meetings.meetings_remind_mentors(now=timezone.now()))


def complete_proposed_mentorships() -> int:
    return len(mentorships_complete_proposed(now=timezone.now()))


def remind_planned_meetings() -> int:
    return len(planning.planned_meetings_remind(now=timezone.now()))
