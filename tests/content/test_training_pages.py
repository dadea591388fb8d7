"""Training offer pages: where they go, what editors must fill in, the listing's filters, free places."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from content.models import HomePage, TrainingIndexPage, TrainingOccasion, TrainingOfferPage, TrainingTopic
from mentoring.training.services import enrolment_create
from tests import factories
from tests.training_factories import TrainingOccasionFactory, training_index, training_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(site_tree):
    return training_index(site_tree.home)


def test_training_pages_parent_rules():
    assert TrainingIndexPage in HomePage.allowed_subpage_models()
    assert TrainingOfferPage.allowed_parent_page_models() == [TrainingIndexPage]
    assert TrainingIndexPage.allowed_subpage_models() == [TrainingOfferPage]


@pytest.mark.parametrize("days", [0, 11])
def test_training_offer_length_outside_1_to_10_is_invalid(index, days):
    offer = TrainingOfferPage(
        title="Kurs", slug="kurs", summary="x", topic=TrainingTopic.BUSINESS, length_days=days
    )

    with pytest.raises(ValidationError) as error:
        offer.full_clean()

    assert "length_days" in error.value.message_dict


def test_training_occasion_ending_before_it_starts_is_invalid(index):
    today = timezone.localdate()
    occasion = TrainingOccasion(
        page=training_offer(index),
        starts_on=today,
        ends_on=today - dt.timedelta(days=1),
        place="Borås",
        places=8,
    )

    with pytest.raises(ValidationError) as error:
        occasion.full_clean(exclude=["locale", "translation_key"])

    assert "ends_on" in error.value.message_dict


def test_training_occasion_needs_a_place_or_online(index):
    today = timezone.localdate()
    occasion = TrainingOccasion(page=training_offer(index), starts_on=today, ends_on=today, places=8)

    with pytest.raises(ValidationError) as error:
        occasion.full_clean(exclude=["locale", "translation_key"])

    assert "place" in error.value.message_dict
    occasion.online = True
    occasion.full_clean(exclude=["locale", "translation_key"])


def test_training_occasion_needs_at_least_one_place(index):
    today = timezone.localdate()
    occasion = TrainingOccasion(
        page=training_offer(index), starts_on=today, ends_on=today, online=True, places=0
    )

    with pytest.raises(ValidationError):
        occasion.full_clean(exclude=["locale", "translation_key"])


def offers_for(client, index, **params):
    response = client.get(index.url, params)
    assert response.status_code == 200
    return [offer.title for offer in response.context["offers"]]


def test_training_index_filters_by_topic(client, index):
    training_offer(index, title="Excel", topic=TrainingTopic.DIGITAL)
    training_offer(index, title="Svetsning", topic=TrainingTopic.TECHNOLOGY)

    assert offers_for(client, index, topic="digital") == ["Excel"]
    assert offers_for(client, index) == ["Excel", "Svetsning"]


def test_training_index_filters_by_length(client, index):
    training_offer(index, title="Kort", length_days=1)
    training_offer(index, title="Lång", length_days=5)

    assert offers_for(client, index, length_days="5") == ["Lång"]


def test_training_index_filters_by_date(client, index):
    today = timezone.localdate()
    TrainingOccasionFactory(page=training_offer(index, title="Snart"), starts_on=today + dt.timedelta(days=5))
    TrainingOccasionFactory(
        page=training_offer(index, title="Senare"), starts_on=today + dt.timedelta(days=60)
    )

    starts_from = (today + dt.timedelta(days=30)).isoformat()
    assert offers_for(client, index, starts_from=starts_from) == ["Senare"]


def test_training_index_shows_an_invalid_filter_value_beside_its_field(client, index):
    training_offer(index, title="Excel", topic=TrainingTopic.DIGITAL, length_days=1)
    training_offer(index, title="Svetsning", topic=TrainingTopic.TECHNOLOGY, length_days=2)

    response = client.get(index.url, {"topic": "nonsense", "length_days": "2"})

    assert response.status_code == 400
    assert [offer.title for offer in response.context["offers"]] == ["Svetsning"]
    form = response.context["filter_form"]
    assert "nonsense" in form.errors["topic"][0] and "length_days" not in form.errors
    html = response.content.decode()
    assert 'id="id_topic_error"' in html
    assert '<option value="2" selected>' in html


def test_training_index_is_paginated(client, index):
    for n in range(13):
        training_offer(index, title=f"Kurs {n:02d}")

    assert len(offers_for(client, index)) == 12
    assert len(offers_for(client, index, page="2")) == 1
    assert client.get(index.url, {"page": "3"}).status_code == 404


def test_training_index_leaves_out_unpublished_offers(client, index):
    training_offer(index, title="Utkast").unpublish()

    assert offers_for(client, index) == []


def test_training_offer_page_shows_free_places_and_enrol(client, index):
    occasion = TrainingOccasionFactory(page=training_offer(index, title="Excel"), places=8)
    enrolment_create(occasion=occasion, person=factories.ApplicantFactory(), now=timezone.now())

    body = client.get(occasion.page.url).content.decode()

    assert "7" in body and f"/training/occasions/{occasion.pk}/enrol/" in body


def test_training_index_shows_free_places(client, index):
    TrainingOccasionFactory(page=training_offer(index, title="Excel"), places=16)

    response = client.get(index.url)

    assert "16" in response.content.decode()


def test_training_offer_opens_in_the_page_editor(client, index):
    occasion = TrainingOccasionFactory(page=training_offer(index, title="Excel"))
    client.force_login(factories.superuser())

    response = client.get(reverse("wagtailadmin_pages:edit", args=[occasion.page.pk]))

    assert response.status_code == 200
    assert "occasions-0-starts_on" in response.content.decode()
