"""An occasion that has ended, with Åsa enrolled, her days marked and her hours confirmed."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from mentoring.training import services as training_services
from portal import roles
from tests import factories
from tests.training_factories import TrainingOccasionFactory, training_index, training_offer

MONDAY = dt.date(2026, 3, 2)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


AFTER = at(MONDAY + dt.timedelta(days=10))


@pytest.fixture
def course(site_tree):
    """Robotprogrammering, Monday and Tuesday 2–3 March 2026; Åsa attended 7 + 5.5 hours and confirmed."""
    offer = training_offer(
        training_index(site_tree.home),
        title="Robotprogrammering",
        summary="Grunderna i att programmera industrirobotar: koordinatsystem, banor och säkerhet.",
    )
    occasion = TrainingOccasionFactory(page=offer, starts_on=MONDAY, ends_on=MONDAY + dt.timedelta(days=1))
    person = factories.ApplicantFactory(
        email="asa@example.org", first_name="Åsa", last_name="Öberg", profile__first_name="Åsa"
    )
    enrolment = training_services.enrolment_create(
        occasion=occasion, person=person, now=at(MONDAY - dt.timedelta(days=20))
    ).enrolment
    leader = factories.user_with_role(roles.COURSE_LEADERS, email="lena@example.org", first_name="Lena")
    for day, hours in ((MONDAY, "7"), (MONDAY + dt.timedelta(days=1), "5.5")):
        training_services.attendance_mark(
            occasion=occasion,
            day=day,
            hours_by_enrolment={enrolment.pk: Decimal(hours)},
            actor=leader,
            now=at(day, 17),
        )
    enrolment = training_services.enrolment_hours_confirm(
        enrolment=enrolment, actor=person, now=at(MONDAY + dt.timedelta(days=2))
    )
    return SimpleNamespace(
        offer=offer, occasion=occasion, person=person, enrolment=enrolment, leader=leader, site=site_tree
    )
