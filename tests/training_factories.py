"""Factories for competence development: the training pages and their occasions."""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from content.models import TrainingIndexPage, TrainingOccasion, TrainingOfferPage, TrainingTopic
from mentoring.models import Certificate, Enrolment, EnrolmentStatus
from tests.factories import _LivePageFactory


class TrainingIndexPageFactory(_LivePageFactory):
    class Meta:
        model = TrainingIndexPage

    title = "Kompetensutveckling"
    slug = "kurser"


class TrainingOfferPageFactory(_LivePageFactory):
    class Meta:
        model = TrainingOfferPage

    title = factory.Sequence(lambda n: f"Kurs {n}")
    summary = "En kurs för dig som vill lära dig mer."
    topic = TrainingTopic.TECHNOLOGY
    length_days = 2
    audience = "Anställda och arbetssökande i Västra Götaland."
    language = "sv"


class TrainingOccasionFactory(DjangoModelFactory):
    """Eight places in Mölndal, starting in three weeks, two days long."""

    class Meta:
        model = TrainingOccasion

    page = factory.SubFactory(TrainingOfferPageFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=21))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + dt.timedelta(days=1))
    place = "Mölndals bibliotek, Mölndal"
    online = False
    places = 8


def training_index(home) -> TrainingIndexPage:
    return TrainingIndexPageFactory(parent=home)


def training_offer(index, **kwargs) -> TrainingOfferPage:
    return TrainingOfferPageFactory(parent=index, **kwargs)


def certificate_stated(offer, *, person, now, code="ABCDEFGHJKMNPQRSTVWX"):
    """`person`'s valid Swedish certificate of 14 hours on an occasion of `offer` that ended a month
    ago, written as issued, without the service's checks (mentoring.certificates.services has those)."""
    occasion = TrainingOccasionFactory(
        page=offer,
        starts_on=timezone.localdate() - dt.timedelta(days=30),
        ends_on=timezone.localdate() - dt.timedelta(days=29),
    )
    enrolment = Enrolment.objects.create(
        occasion=occasion, person=person, status=EnrolmentStatus.ENROLLED, created_at=now
    )
    return Certificate.objects.create(
        enrolment=enrolment,
        occasion=occasion,
        holder_name=person.get_full_name(),
        hours=14,
        language="sv",
        issued_at=now,
        code=code,
    )
