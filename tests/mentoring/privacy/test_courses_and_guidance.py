"""Export and erasure of guidance bookings, course enrolments with their hours, and company requests.

The person here never applied to the programme: she took a course, saw a study
counsellor and sent a company request. Her export holds all of it; her erasure cancels
what is still to come through the booking and enrolment services, blanks what she said
and what was noted about her, and keeps the hours she attended for the funder's figures.
"""

import base64
import datetime as dt
import email
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from mentoring.figures.selectors import course_time_rows
from mentoring.guidance.selectors import guidance_slots_free
from mentoring.guidance.services import guidance_book, guidance_outcome_record, guidance_slot_publish
from mentoring.models import (
    Attendance,
    CompanyRequest,
    Enrolment,
    EnrolmentStatus,
    GuidanceBooking,
    GuidanceMode,
    GuidanceOutcome,
    GuidanceSlot,
)
from mentoring.privacy.services.export import personal_data_export
from mentoring.training.services import enrolment_create
from portal import roles
from portal.models import OutboxMessage, User
from tests import factories
from tests.mentoring.privacy.test_services import erase, read_export, text_values_everywhere
from tests.training_factories import TrainingOccasionFactory, training_index, training_offer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_via_outbox")]

NAME, SURNAME, EMAIL = "Zelmira", "Quistorp", "zelmira.quistorp@example.org"
PAST_TOPIC, PAST_NOTE = "QX7 health problems and debt", "QX7 referred on, worried about rent"
COMING_TOPIC = "QX7 debt counselling first?"
SECRETS = (NAME, SURNAME, EMAIL, PAST_TOPIC, PAST_NOTE, COMING_TOPIC)


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


@pytest.fixture
def person(db):
    return factories.ApplicantFactory(email=EMAIL, first_name=NAME, last_name=SURNAME)


@pytest.fixture
def counsellor(db):
    return factories.user_with_role(roles.COUNSELLORS, email="counsellor@example.org", first_name="Cecilia")


@pytest.fixture
def past_booking(person, counsellor, now):
    """A conversation held last week, with her topic and the counsellor's outcome and note."""
    slot = GuidanceSlot.objects.create(
        counsellor=counsellor,
        starts_at=now - dt.timedelta(days=7),
        minutes=45,
        mode=GuidanceMode.ONLINE,
        created_at=now - dt.timedelta(days=14),
    )
    booking = GuidanceBooking.objects.create(
        slot=slot, person=person, topic=PAST_TOPIC, booked_at=now - dt.timedelta(days=10)
    )
    return guidance_outcome_record(
        booking=booking, actor=counsellor, outcome=GuidanceOutcome.COURSE, note=PAST_NOTE, now=now
    )


@pytest.fixture
def coming_booking(person, counsellor, now):
    slot = guidance_slot_publish(
        counsellor=counsellor,
        starts_at=now + dt.timedelta(days=2),
        minutes=45,
        mode=GuidanceMode.IN_PERSON,
        place="Library, room 2",
        now=now,
    )
    return guidance_book(slot=slot, person=person, topic=COMING_TOPIC, now=now)


@pytest.fixture
def offer(site_tree):
    return training_offer(training_index(site_tree.home), title="Robotprogrammering")


@pytest.fixture
def attended(person, offer, now):
    """Her place on a course held ten days ago: 7 hours and 5.5 hours, confirmed by her."""
    today = timezone.localdate(now)
    occasion = TrainingOccasionFactory(
        page=offer, starts_on=today - dt.timedelta(days=10), ends_on=today - dt.timedelta(days=9)
    )
    enrolment = Enrolment.objects.create(
        occasion=occasion,
        person=person,
        status=EnrolmentStatus.ENROLLED,
        created_at=now - dt.timedelta(days=30),
        hours_confirmed_at=now - dt.timedelta(days=8),
    )
    for day, hours in ((occasion.starts_on, "7.0"), (occasion.ends_on, "5.5")):
        Attendance.objects.create(enrolment=enrolment, day=day, hours=Decimal(hours), marked_at=now)
    return enrolment


@pytest.fixture
def coming_course(person, offer, now):
    """Her place on a full course that starts tomorrow, with someone waiting for a place."""
    occasion = TrainingOccasionFactory(
        page=offer, places=1, starts_on=timezone.localdate(now) + dt.timedelta(days=1)
    )
    mine = enrolment_create(occasion=occasion, person=person, now=now - dt.timedelta(days=5)).enrolment
    waiting = enrolment_create(
        occasion=occasion, person=factories.ApplicantFactory(), now=now - dt.timedelta(days=4)
    ).enrolment
    assert waiting.status == EnrolmentStatus.WAITLISTED
    return mine, waiting


def company_request(contact_email: str, now) -> CompanyRequest:
    return CompanyRequest.objects.create(
        company_name="Varvet AB",
        org_number="556677-8899",
        contact_name=f"{NAME} {SURNAME}",
        contact_email=contact_email,
        employees_concerned=12,
        needs=["technology"],
        needs_text="QX7 welding robots",
        created_at=now,
    )


def calendar_texts(message: OutboxMessage) -> str:
    parts = [email.message_from_bytes(base64.b64decode(a["mime"])) for a in message.attachments]
    return "".join(part.get_payload(decode=True).decode().replace("\r\n ", "") for part in parts)


# --- Export ---------------------------------------------------------------------------------------


def test_export_gives_guidance_bookings_with_time_topic_and_outcome(
    person, past_booking, coming_booking, now
):
    data, _files = read_export(personal_data_export(user=person, now=now))

    past, coming = data["guidance_bookings"]
    assert past["topic"] == PAST_TOPIC and past["outcome_note"] == PAST_NOTE
    assert past["outcome"] == GuidanceOutcome.COURSE
    assert past["starts_at"] == past_booking.slot.starts_at.isoformat() and past["minutes"] == 45
    assert coming["topic"] == COMING_TOPIC and coming["place"] == "Library, room 2"


def test_export_gives_enrolments_with_the_hours_of_each_day(person, attended, now):
    data, _files = read_export(personal_data_export(user=person, now=now))

    (enrolment,) = data["course_enrolments"]
    assert enrolment["course"] == "Robotprogrammering"
    assert enrolment["starts_on"] == attended.occasion.starts_on.isoformat()
    assert enrolment["hours_confirmed_at"] == attended.hours_confirmed_at.isoformat()
    assert [(day["day"], Decimal(day["hours"])) for day in enrolment["attendance"]] == [
        (attended.occasion.starts_on.isoformat(), Decimal("7.0")),
        (attended.occasion.ends_on.isoformat(), Decimal("5.5")),
    ]


def test_export_gives_the_company_requests_sent_from_her_verified_addresses_only(person, now):
    sent = company_request(EMAIL.upper(), now)
    company_request("someone.else@example.org", now)
    # An address added to her account but never verified opens nothing.
    factories.EmailAddressFactory(user=person, email="unverified@example.org", verified=False, primary=False)
    company_request("unverified@example.org", now)

    data, _files = read_export(personal_data_export(user=person, now=now))

    assert [request["contact_email"] for request in data["company_requests"]] == [sent.contact_email]
    assert data["company_requests"][0]["needs_text"] == "QX7 welding robots"


# --- Erasure --------------------------------------------------------------------------------------


def test_erasure_cancels_a_coming_booking_and_frees_the_counsellors_time(
    person, counsellor, coming_booking, attended, now, django_capture_on_commit_callbacks
):
    # The hours attended keep her account, as a placeholder, so the cancelled booking can be read.
    OutboxMessage.objects.all().delete()

    erase(person, now, django_capture_on_commit_callbacks)

    coming_booking.refresh_from_db()
    assert coming_booking.cancelled_at == now and coming_booking.topic == ""
    assert coming_booking.slot in guidance_slots_free(now=now)
    (notice,) = OutboxMessage.objects.filter(to=[counsellor.email])
    assert "METHOD:CANCEL" in calendar_texts(notice)
    assert person.pk not in GuidanceBooking.objects.filter(cancelled_at__isnull=True).values_list(
        "person", flat=True
    )
    told = notice.subject + notice.body + calendar_texts(notice)
    assert not [secret for secret in SECRETS if secret in told]


def test_erasure_blanks_guidance_topics_and_the_counsellors_notes(
    person, past_booking, attended, now, django_capture_on_commit_callbacks
):
    erase(person, now, django_capture_on_commit_callbacks)

    past_booking.refresh_from_db()
    assert (past_booking.topic, past_booking.outcome_note) == ("", "")
    # The outcome is a code the counsellor chose from a list: it stays, like the time.
    assert past_booking.outcome == GuidanceOutcome.COURSE


def test_erasure_keeps_the_hours_attended_for_the_figures(
    person, attended, coming_course, now, django_capture_on_commit_callbacks
):
    before = course_time_rows()
    assert [row.course_hours for row in before] == [Decimal("12.5")]

    request = erase(person, now, django_capture_on_commit_callbacks)

    assert course_time_rows() == before
    account = User.objects.get(pk=person.pk)
    assert account.email == f"erased-{request.reference}@invalid" and not account.is_active
    assert list(Enrolment.objects.filter(person=account)) == [attended]


def test_erasure_gives_her_place_on_a_coming_course_to_the_next_in_line(
    person, coming_course, now, django_capture_on_commit_callbacks
):
    mine, waiting = coming_course

    request = erase(person, now, django_capture_on_commit_callbacks)

    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.ENROLLED and waiting.promoted_at == now
    assert not Enrolment.objects.filter(pk=mine.pk).exists()
    steps = {step["step"]: step["count"] for step in request.steps}
    assert steps["enrolments_cancelled"] == 1 and steps["enrolments_deleted"] == 1


def test_erasure_leaves_nothing_she_said_or_was_noted_about_her_in_guidance_or_courses(
    person, past_booking, coming_booking, attended, coming_course, now, django_capture_on_commit_callbacks
):
    erase(person, now, django_capture_on_commit_callbacks)

    leaks = [
        (model, column)
        for model, column, value in text_values_everywhere()
        for secret in SECRETS
        if secret.lower() in value.lower()
    ]
    assert leaks == []
    # Blanked, not deleted: her hours keep the account, and the bookings stay in the counsellor's history.
    assert GuidanceBooking.objects.filter(person=person.pk).count() == 2


def test_erasure_of_someone_with_nothing_to_keep_still_tells_the_counsellor(
    person, counsellor, coming_booking, now, django_capture_on_commit_callbacks
):
    OutboxMessage.objects.all().delete()

    erase(person, now, django_capture_on_commit_callbacks)

    assert not User.objects.filter(pk=person.pk).exists()
    assert coming_booking.slot in guidance_slots_free(now=now)
    (notice,) = OutboxMessage.objects.filter(to=[counsellor.email])
    assert "METHOD:CANCEL" in calendar_texts(notice)


# --- What the counsellor and the person read ---------------------------------------------------


def erase_page_in_english(client) -> str:
    """The erasure page as she reads it once she has proved again that it is her."""
    with translation.override("en"):
        erase = reverse("mentoring:personal_data_erase")
        client.post(reverse("account_reauthenticate"), {"password": factories.PASSWORD, "next": erase})
        return client.get(erase).content.decode()


@pytest.mark.usefixtures("attended")
def test_counsellor_reads_no_topic_or_note_of_an_erased_person(
    client, person, counsellor, past_booking, coming_booking, now, django_capture_on_commit_callbacks
):
    client.force_login(counsellor)
    outcome_page = reverse("mentoring:counsellor_outcome", args=[past_booking.pk])
    before = client.get(reverse("mentoring:counsellor_home")).content.decode()
    assert COMING_TOPIC in before and PAST_TOPIC in client.get(outcome_page).content.decode()

    erase(person, now, django_capture_on_commit_callbacks)

    for page in (reverse("mentoring:counsellor_home"), outcome_page):
        body = client.get(page).content.decode()
        assert not [secret for secret in SECRETS if secret in body]


def test_erase_page_says_the_hours_attended_are_kept(client, person, attended):
    client.force_login(person)

    body = erase_page_in_english(client)

    assert "the hours you attended on each course day" in body
    assert "Nothing: you have not taken part" not in body


def test_erase_page_keeps_nothing_for_someone_without_hours(client, person, coming_booking):
    client.force_login(person)

    body = erase_page_in_english(client)

    assert "the hours you attended" not in body
    assert "Nothing: you have not taken part" in body
    assert "Guidance conversations and course places still to come" in body
