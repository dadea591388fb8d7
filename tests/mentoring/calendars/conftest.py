"""People with dates in the portal, and what each must not see of the others'.

Alva booked a guidance conversation with Cecilia (her topic is sensitive) and has a place
on a course; Petra is mentored by Maja and they have planned their next meeting; Bo has
his own booking, course place and mentorship with Mats. Each secret below belongs to one
of them and must never appear in anyone's feed.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core import mail
from django.db import models
from django.utils import timezone

from mentoring.applications.workflow import Status
from mentoring.calendars import services as calendar_services
from mentoring.guidance import services as guidance_services
from mentoring.mentorships.services import meetings as meeting_services
from mentoring.mentorships.services import planning
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import GuidanceMode, PlannedMeeting
from portal import roles
from tests import factories
from tests.conftest import built_once
from tests.training_factories import TrainingOccasionFactory, training_index, training_offer

ALVA_TOPIC = "Skulder och hälsoproblem"
BO_TOPIC = "Bos spelskulder"
PETRA_AGENDA = "Petras budget och lån"
MAJA_PRIVATE_NOTE = "Majas privata anteckning om Petra"
BO_AGENDA = "Bos agenda med Mats"


def plan_meeting(mentorship, *, starts_at, now, **fields) -> PlannedMeeting:
    """A planned meeting written directly, as the planning service stores one."""
    values = {
        "duration_minutes": 60,
        "format": "in_person",
        "place": "Stadsbiblioteket, Göteborg",
        "agenda": "",
        "created_by": mentorship.mentor.user,
        "created_at": now,
        "updated_at": now,
    }
    return PlannedMeeting.objects.create(mentorship=mentorship, starts_at=starts_at, **(values | fields))


def _mentorship(*, mentor, participant, now):
    start = now - dt.timedelta(days=30)
    return factories.MentorshipFactory(
        participant=factories.ApplicationFactory(applicant=participant, status=Status.ACCEPTED, now=now),
        mentor=factories.MentorProfileFactory(user=mentor),
        status=MentorshipStatus.ACTIVE,
        proposed_at=start,
        answered_at=start,
    )


@pytest.fixture(scope="module")
def _people_built(django_db_setup, django_db_blocker):
    """The people below, built once for a module's tests (`built_once`): building them is most of
    what a test here costs."""
    with built_once(django_db_blocker, _people_world) as built:
        yield built


@pytest.fixture
def people(_people_built, db):
    """The people and their dates, each row read afresh for the test (its changes are rolled back)."""
    return SimpleNamespace(**{name: _afresh(value) for name, value in vars(_people_built).items()})


def _afresh(value):
    if isinstance(value, models.Model):
        return type(value)._base_manager.get(pk=value.pk)
    if isinstance(value, list):
        return list(value)
    return value


def _people_world() -> SimpleNamespace:
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page
    # Whole seconds, as a calendar file writes them.
    now = timezone.now().replace(microsecond=0)
    w = SimpleNamespace(now=now)
    w.counsellor = factories.user_with_role(
        roles.COUNSELLORS, email="cecilia@example.org", first_name="Cecilia", last_name="Rådgivare"
    )
    w.alva = factories.ApplicantFactory(email="alva@example.org", first_name="Alva", last_name="Berg")
    w.bo = factories.ApplicantFactory(email="bo@example.org", first_name="Bo", last_name="Ek")
    w.mentor = factories.user_with_role(
        roles.MENTORS, email="maja@example.org", first_name="Maja", last_name="Ås"
    )
    w.petra = factories.ApplicantFactory(email="petra@example.org", first_name="Petra", last_name="Lind")
    w.other_mentor = factories.user_with_role(
        roles.MENTORS, email="mats@example.org", first_name="Mats", last_name="Holm"
    )

    # Guidance: Alva's and Bo's bookings with Cecilia.
    def book(person, *, days, topic):
        slot = guidance_services.guidance_slot_publish(
            counsellor=w.counsellor,
            starts_at=now + dt.timedelta(days=days),
            minutes=45,
            mode=GuidanceMode.ONLINE,
            place="",
            now=now,
        )
        return guidance_services.guidance_book(slot=slot, person=person, topic=topic, now=now)

    w.booking = book(w.alva, days=2, topic=ALVA_TOPIC)
    w.bo_booking = book(w.bo, days=4, topic=BO_TOPIC)

    # Courses: Alva has a place on robot programming, Bo on welding.
    from mentoring.training import services as training_services

    index = training_index(home)
    w.occasion = TrainingOccasionFactory(page=training_offer(index, title="Robotprogrammering"))
    w.enrolment = training_services.enrolment_create(occasion=w.occasion, person=w.alva, now=now).enrolment
    w.bo_occasion = TrainingOccasionFactory(page=training_offer(index, title="Svetscertifiering"))
    training_services.enrolment_create(occasion=w.bo_occasion, person=w.bo, now=now)

    # Mentoring: Maja and Petra, with a logged meeting (and Maja's private note) and the next one planned.
    w.mentorship = _mentorship(mentor=w.mentor, participant=w.petra, now=now)
    meeting_services.meeting_log(
        mentorship=w.mentorship,
        actor=w.mentor,
        held_on=timezone.localdate(now) - dt.timedelta(days=1),
        minutes=45,
        format="in_person",
        topics=["financing"],
        shared_notes="Budgeten.",
        private_note=MAJA_PRIVATE_NOTE,
        now=now,
    )
    w.meeting = planning.planned_meeting_plan(
        mentorship=w.mentorship,
        actor=w.petra,
        starts_at=now + dt.timedelta(days=3),
        duration_minutes=60,
        format="in_person",
        place="Stadsbiblioteket, Göteborg",
        link="",
        agenda=PETRA_AGENDA,
        now=now,
    )
    w.bo_mentorship = _mentorship(mentor=w.other_mentor, participant=w.bo, now=now)
    w.bo_meeting = plan_meeting(
        w.bo_mentorship, starts_at=now + dt.timedelta(days=5), now=now, agenda=BO_AGENDA
    )
    # What was e-mailed while building: each test starts with an empty outbox.
    w.sent = list(mail.outbox)
    return w


@pytest.fixture
def feed_of():
    """`feed_of(user)`: turn the person's feed on (in Swedish) and return its secret."""

    def turn_on(user, language="sv"):
        return calendar_services.calendar_feed_turn_on(user=user, language=language, now=timezone.now())[1]

    return turn_on
