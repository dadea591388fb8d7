"""Factories for planned meetings (kept apart from factories.py, which holds the rest of the workflow)."""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from mentoring.core.choices import MeetingFormat
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import PlannedMeeting
from tests.factories import MentorshipFactory


class PlannedMeetingFactory(DjangoModelFactory):
    """A meeting planned online for tomorrow in an active mentorship, written directly (no e-mails).

    Use `mentoring.mentorships.services.planning.planned_meeting_plan` where planning itself is under test.
    """

    class Meta:
        model = PlannedMeeting

    mentorship = factory.SubFactory(MentorshipFactory, status=MentorshipStatus.ACTIVE)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=1))
    duration_minutes = 60
    format = MeetingFormat.ONLINE
    link = "https://meet.example.org/vk-123"
    agenda = "Budget for the first year"
    created_by = factory.LazyAttribute(lambda o: o.mentorship.mentor.user)
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyFunction(timezone.now)
