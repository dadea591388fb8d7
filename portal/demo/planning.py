"""The demo mentee's next meeting, planned by her mentor, so the pages show a plan and its invitation."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from mentoring.core.choices import MeetingFormat
from mentoring.mentorships.services.planning import planned_meeting_plan
from mentoring.models import Mentorship

# What a mentor would type: the demo's users and their texts are Swedish.
PLACE = "Lindholmen Science Park, Lindholmspiren 3, Göteborg"
AGENDA = "Gå igenom budgeten och förbered de första kundsamtalen."


def demo_plan_meeting(*, mentorship: Mentorship, actor, today: date, now: datetime) -> None:
    """At `now`, plan the pair's first meeting for four days from today at 15:00, an hour in person.

    Called while the caller's e-mail backend is the dummy one (the demo's addresses are invented).
    """
    starts_at = timezone.make_aware(datetime.combine(today + timedelta(days=4), time(15)))
    planned_meeting_plan(
        mentorship=mentorship,
        actor=actor,
        starts_at=starts_at,
        duration_minutes=60,
        format=MeetingFormat.IN_PERSON,
        place=PLACE,
        link="",
        agenda=AGENDA,
        now=now,
    )
