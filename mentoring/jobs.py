"""Recurring jobs of the mentoring workflow: thin wrappers that read the clock and call a service.

The services take `now`, so their tests state the day; these only supply it.
"""

from django.utils import timezone

from mentoring.services import followup, meetings, privacy, training
from mentoring.services.mentorships import mentorships_chase_unanswered


def chase_unanswered_proposals() -> dict[str, int]:
    result = mentorships_chase_unanswered(now=timezone.now())
    return {"reminded": len(result.reminded), "returned": len(result.returned)}


def remind_mentors_to_meet() -> int:
    return len(meetings.meetings_remind_mentors(now=timezone.now()))


def send_due_surveys() -> int:
    return len(followup.surveys_send_due(now=timezone.now()))


def chase_surveys() -> dict[str, int]:
    return followup.surveys_chase(now=timezone.now()).counts()


def purge_expired_personal_data() -> dict[str, int]:
    return privacy.retention_purge(now=timezone.now()).counts()


def remind_course_participants() -> int:
    return len(training.enrolments_remind(now=timezone.now()))
