"""Study guidance: counsellors publish times, a person books one (an .ics for both), cancelling, outcomes."""

import base64
import email
from datetime import UTC, timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from mentoring.guidance.services import (
    GuidanceError,
    SlotTaken,
    guidance_book,
    guidance_booking_cancel,
    guidance_outcome_record,
    guidance_slot_cancel,
    guidance_slot_publish,
)
from mentoring.models import GuidanceBooking, GuidanceMode, GuidanceOutcome
from portal import roles
from portal.models import OutboxMessage
from portal.outbox import outbox_deliver
from tests import factories

# E-mail goes into the outbox, as outside tests: the .ics must survive being stored there.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_via_outbox")]


def in_swedish(msgid: str) -> str:
    """What the pages, at the site's default language, say for `msgid`."""
    with translation.override("sv"):
        return gettext(msgid)


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


@pytest.fixture
def counsellor(db):
    return factories.user_with_role(roles.COUNSELLORS, email="counsellor@example.org", first_name="Cecilia")


@pytest.fixture
def person(db):
    return factories.verified_user(email="person@example.org")


@pytest.fixture
def other_person(db):
    return factories.verified_user(email="other@example.org")


def publish(
    counsellor, now, *, in_hours=24, minutes=45, mode=GuidanceMode.IN_PERSON, place="Library, room 2"
):
    return guidance_slot_publish(
        counsellor=counsellor,
        starts_at=now + timedelta(hours=in_hours),
        minutes=minutes,
        mode=mode,
        place=place,
        now=now,
    )


@pytest.fixture
def slot(counsellor, now):
    return publish(counsellor, now)


def calendars_of(message: OutboxMessage) -> list[str]:
    """The text/calendar parts of an outbox message, decoded (stored as whole MIME parts)."""
    texts = []
    for attachment in message.attachments:
        part = email.message_from_bytes(base64.b64decode(attachment["mime"]))
        if part.get_content_type() == "text/calendar":
            assert part.get_param("method") == "REQUEST" or part.get_param("method") == "CANCEL"
            texts.append(part.get_payload(decode=True).decode().replace("\r\n ", ""))
    return texts


# --- Publishing ---------------------------------------------------------------------------------


def test_guidance_slot_publish_by_a_counsellor(counsellor, now):
    slot = publish(counsellor, now, mode=GuidanceMode.ONLINE, place="")
    assert slot.counsellor == counsellor and slot.mode == GuidanceMode.ONLINE


def test_guidance_slot_publish_refuses_someone_without_the_role(person, now):
    with pytest.raises(GuidanceError):
        publish(person, now)


def test_guidance_slot_publish_refuses_the_past(counsellor, now):
    with pytest.raises(GuidanceError) as error:
        publish(counsellor, now, in_hours=-1)
    assert error.value.field == "starts_at"


def test_guidance_slot_publish_refuses_an_overlap_with_own_slots(counsellor, now):
    publish(counsellor, now, in_hours=24, minutes=60)
    with pytest.raises(GuidanceError) as error:
        guidance_slot_publish(
            counsellor=counsellor,
            starts_at=now + timedelta(hours=24, minutes=30),
            minutes=30,
            mode=GuidanceMode.ONLINE,
            place="",
            now=now,
        )
    assert error.value.field == "starts_at"


def test_guidance_slot_publish_allows_back_to_back_and_others_at_the_same_time(counsellor, now):
    publish(counsellor, now, in_hours=24, minutes=60)
    publish(counsellor, now, in_hours=25, minutes=60)
    other = factories.user_with_role(roles.COUNSELLORS, email="other.counsellor@example.org")
    publish(other, now, in_hours=24, minutes=60)


def test_guidance_slot_publish_in_person_needs_a_place(counsellor, now):
    with pytest.raises(GuidanceError) as error:
        publish(counsellor, now, place=" ")
    assert error.value.field == "place"


@pytest.mark.parametrize("minutes", [10, 121])
def test_guidance_slot_publish_refuses_lengths_outside_15_to_120(counsellor, now, minutes):
    with pytest.raises(GuidanceError):
        publish(counsellor, now, minutes=minutes)


# --- Booking ------------------------------------------------------------------------------------


def test_guidance_book_emails_both_a_confirmation_with_the_ics(slot, person, counsellor, now):
    booking = guidance_book(slot=slot, person=person, topic="Adult education, maths", now=now)

    messages = [
        message
        for message in OutboxMessage.objects.all()
        if message.headers.get("X-Portal-Guidance-Booking") == str(booking.pk)
    ]
    assert sorted(address for message in messages for address in message.to) == [
        "counsellor@example.org",
        "person@example.org",
    ]
    for message in messages:
        (ics,) = calendars_of(message)
        assert ics.startswith("BEGIN:VCALENDAR\r\n") and "METHOD:REQUEST" in ics
        assert f"UID:guidance-booking-{booking.pk}@" in ics
        assert "LOCATION:Library\\, room 2" in ics
        assert "ORGANIZER;CN=" in ics and "mailto:counsellor@example.org" in ics
        assert "mailto:person@example.org" in ics
        assert "DTSTART:" + slot.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") in ics


def test_guidance_book_ics_survives_delivery_from_the_outbox(slot, person, now):
    guidance_book(slot=slot, person=person, topic="", now=now)
    row = OutboxMessage.objects.get(to=["person@example.org"])

    assert outbox_deliver(message_id=row.pk, now=now)

    sent = email.message_from_bytes(mail.outbox[-1].message().as_bytes())
    (part,) = [part for part in sent.walk() if part.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "REQUEST"
    assert part.get_payload(decode=True).decode().startswith("BEGIN:VCALENDAR")


def test_guidance_book_online_says_so_in_the_ics(counsellor, person, now):
    slot = publish(counsellor, now, mode=GuidanceMode.ONLINE, place="")
    guidance_book(slot=slot, person=person, topic="", now=now)
    (message,) = OutboxMessage.objects.filter(to=["person@example.org"])
    (ics,) = calendars_of(message)
    # In the person's language (the programme's, Swedish, as they have no profile).
    with translation.override("sv"):
        assert f"LOCATION:{gettext('Online')}" in ics


def test_guidance_book_once_per_slot(slot, person, other_person, now):
    guidance_book(slot=slot, person=person, topic="", now=now)
    with pytest.raises(SlotTaken):
        guidance_book(slot=slot, person=other_person, topic="", now=now)
    assert GuidanceBooking.objects.filter(slot=slot).count() == 1


def test_guidance_book_racing_second_gets_a_clear_error(slot, person, other_person, now):
    # Both loaded the free slot before either booked: the second sees it taken once it holds the lock.
    first_view, second_view = type(slot).objects.get(pk=slot.pk), type(slot).objects.get(pk=slot.pk)
    guidance_book(slot=first_view, person=person, topic="", now=now)
    with pytest.raises(SlotTaken) as error:
        guidance_book(slot=second_view, person=other_person, topic="", now=now)
    with translation.override("en"):
        assert "someone else booked this time" in str(error.value.message)


def test_guidance_booking_the_database_refuses_a_second_active_booking_of_a_slot(
    slot, person, other_person, now
):
    GuidanceBooking.objects.create(slot=slot, person=person, booked_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        GuidanceBooking.objects.create(slot=slot, person=other_person, booked_at=now)
    # A cancelled booking does not hold the slot.
    GuidanceBooking.objects.filter(person=person).update(cancelled_at=now)
    GuidanceBooking.objects.create(slot=slot, person=other_person, booked_at=now)


def test_guidance_book_one_upcoming_booking_per_person(counsellor, person, now):
    guidance_book(slot=publish(counsellor, now, in_hours=24), person=person, topic="", now=now)
    with pytest.raises(GuidanceError):
        guidance_book(slot=publish(counsellor, now, in_hours=48), person=person, topic="", now=now)


def test_guidance_book_refuses_a_slot_that_has_started(slot, person, now):
    with pytest.raises(GuidanceError):
        guidance_book(slot=slot, person=person, topic="", now=slot.starts_at)


def test_guidance_book_refuses_a_withdrawn_slot(slot, counsellor, person, now):
    guidance_slot_cancel(slot=slot, actor=counsellor, now=now)
    with pytest.raises(GuidanceError):
        guidance_book(slot=slot, person=person, topic="", now=now)


# --- Cancelling ---------------------------------------------------------------------------------


def test_guidance_booking_cancel_frees_the_slot_and_tells_the_counsellor(slot, person, other_person, now):
    booking = guidance_book(slot=slot, person=person, topic="", now=now)
    OutboxMessage.objects.all().delete()

    guidance_booking_cancel(booking=booking, actor=person, now=now)

    (message,) = OutboxMessage.objects.all()
    assert message.to == ["counsellor@example.org"]
    assert "METHOD:CANCEL" in calendars_of(message)[0]
    assert guidance_book(slot=slot, person=other_person, topic="", now=now).slot == slot


def test_guidance_booking_cancel_by_the_counsellor_tells_the_person(slot, person, counsellor, now):
    booking = guidance_book(slot=slot, person=person, topic="", now=now)
    OutboxMessage.objects.all().delete()
    guidance_booking_cancel(booking=booking, actor=counsellor, now=now)
    assert OutboxMessage.objects.get().to == ["person@example.org"]


def test_guidance_booking_cancel_refuses_anyone_else(slot, person, other_person, now):
    booking = guidance_book(slot=slot, person=person, topic="", now=now)
    with pytest.raises(GuidanceError):
        guidance_booking_cancel(booking=booking, actor=other_person, now=now)


def test_guidance_slot_cancel_cancels_its_booking_and_tells_the_person(slot, person, counsellor, now):
    booking = guidance_book(slot=slot, person=person, topic="", now=now)
    OutboxMessage.objects.all().delete()
    guidance_slot_cancel(slot=slot, actor=counsellor, now=now)
    booking.refresh_from_db()
    assert booking.cancelled_at == now and OutboxMessage.objects.get().to == ["person@example.org"]


# --- Outcomes -----------------------------------------------------------------------------------


def test_guidance_outcome_record_by_the_counsellor_after_the_start(slot, person, counsellor, now):
    booking = guidance_book(slot=slot, person=person, topic="", now=now)
    later = slot.starts_at + timedelta(minutes=50)
    guidance_outcome_record(
        booking=booking, actor=counsellor, outcome=GuidanceOutcome.ADULT_EDUCATION, note="Maths 2", now=later
    )
    booking.refresh_from_db()
    assert booking.outcome == GuidanceOutcome.ADULT_EDUCATION and booking.outcome_recorded_at == later


def test_guidance_outcome_record_refused_before_the_start(slot, person, counsellor, now):
    booking = guidance_book(slot=slot, person=person, topic="", now=now)
    with pytest.raises(GuidanceError):
        guidance_outcome_record(
            booking=booking, actor=counsellor, outcome=GuidanceOutcome.OTHER, note="", now=now
        )


@pytest.mark.parametrize("who", ["person", "other_counsellor"])
def test_guidance_outcome_record_by_the_counsellor_only(slot, person, now, who):
    booking = guidance_book(slot=slot, person=person, topic="", now=now)
    actor = person if who == "person" else factories.user_with_role(roles.COUNSELLORS, email="c2@example.org")
    with pytest.raises(GuidanceError):
        guidance_outcome_record(
            booking=booking, actor=actor, outcome=GuidanceOutcome.OTHER, note="", now=slot.starts_at
        )


# --- Views --------------------------------------------------------------------------------------


def test_guidance_list_shows_free_times_only(client, slot, counsellor, person, now):
    taken = publish(counsellor, now, in_hours=30)
    guidance_book(slot=taken, person=person, topic="", now=now)
    body = client.get(reverse("mentoring:guidance")).content.decode()
    assert reverse("mentoring:guidance_book", args=[slot.pk]) in body
    assert reverse("mentoring:guidance_book", args=[taken.pk]) not in body


def test_guidance_book_view_needs_sign_in(client, slot):
    response = client.get(reverse("mentoring:guidance_book", args=[slot.pk]))
    assert response.status_code == 302 and "next=" in response["Location"]


def test_guidance_book_view_books_and_a_taken_slot_says_so(client, slot, person, other_person):
    url = reverse("mentoring:guidance_book", args=[slot.pk])
    client.force_login(person)
    assert client.get(url).status_code == 200
    client.force_login(other_person)
    client.post(url, {"topic": ""})
    client.force_login(person)
    response = client.post(url, {"topic": "Courses"}, follow=True)
    assert (
        in_swedish("Sorry, someone else booked this time just before you. Please choose another time.")
        in response.content.decode()
    )
    assert GuidanceBooking.objects.get(slot=slot).person == other_person


@pytest.mark.parametrize(("who", "status"), [("person", 200), ("counsellor", 200), ("other_person", 404)])
def test_guidance_calendar_view_per_role(client, request, slot, person, now, who, status):
    booking = guidance_book(slot=slot, person=person, topic="", now=now)
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("mentoring:guidance_calendar", args=[booking.pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"].startswith("text/calendar")
        assert response.content.decode().startswith("BEGIN:VCALENDAR")


@pytest.mark.parametrize(("who", "status"), [("person", 302), ("counsellor", 302), ("other_person", 404)])
def test_guidance_cancel_view_per_role(client, request, slot, person, now, who, status):
    booking = guidance_book(slot=slot, person=person, topic="", now=now)
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("mentoring:guidance_cancel", args=[booking.pk]))
    assert response.status_code == status
    booking.refresh_from_db()
    assert (booking.cancelled_at is not None) == (status == 302)


@pytest.mark.parametrize(("who", "status"), [("counsellor", 200), ("person", 403), ("coordinator", 403)])
def test_counsellor_home_per_role(client, counsellor, person, who, status):
    users = {
        "counsellor": counsellor,
        "person": person,
        "coordinator": factories.user_with_role(roles.COORDINATORS, email="coord@example.org"),
    }
    client.force_login(users[who])
    assert client.get(reverse("mentoring:counsellor_home")).status_code == status


def test_counsellor_home_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("mentoring:counsellor_home"))
    assert response.status_code == 302 and "next=" in response["Location"]


def test_counsellor_home_publish_errors_keep_the_input(client, counsellor, now):
    client.force_login(counsellor)
    past = timezone.localtime(now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("mentoring:counsellor_home"),
        {"starts_at": past, "minutes": "45", "mode": "in_person", "place": "Room 9"},
    )
    body = response.content.decode()
    assert (
        response.status_code == 200
        and in_swedish("Choose a time in the future.") in body
        and "Room 9" in body
    )


def test_counsellor_home_publishes(client, counsellor, now):
    client.force_login(counsellor)
    soon = timezone.localtime(now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("mentoring:counsellor_home"),
        {"starts_at": soon, "minutes": "30", "mode": "online", "place": ""},
    )
    assert response.status_code == 302 and counsellor.guidance_slots.count() == 1


def test_counsellor_outcome_view_other_counsellor_gets_404(client, slot, person, now):
    booking = guidance_book(slot=slot, person=person, topic="", now=now)
    client.force_login(factories.user_with_role(roles.COUNSELLORS, email="c3@example.org"))
    assert client.get(reverse("mentoring:counsellor_outcome", args=[booking.pk])).status_code == 404


def test_counsellor_slot_cancel_other_counsellor_gets_404(client, slot):
    client.force_login(factories.user_with_role(roles.COUNSELLORS, email="c4@example.org"))
    assert client.post(reverse("mentoring:counsellor_slot_cancel", args=[slot.pk])).status_code == 404
    slot.refresh_from_db()
    assert slot.cancelled_at is None


def test_dashboard_shows_the_upcoming_booking(client, slot, person, now):
    guidance_book(slot=slot, person=person, topic="", now=now)
    client.force_login(person)
    body = client.get(reverse("mentoring:dashboard")).content.decode()
    assert reverse("mentoring:guidance_calendar", args=[GuidanceBooking.objects.get().pk]) in body
