"""One record per person for coordinators: who may open it, what it shows, what it never shows, its cost."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from mentoring.applications.workflow import Status
from mentoring.mentorships.services.meetings import mentorship_meetings_recount
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import (
    AccessLog,
    Attendance,
    Enrolment,
    EnrolmentStatus,
    FollowUpSurvey,
    Goal,
    GuidanceBooking,
    GuidanceSlot,
    Meeting,
    Mentorship,
    Outcome,
    PrivateNote,
)
from mentoring.people.selectors import person_record
from mentoring.privacy.services.erasure import erasure_perform, erasure_request
from portal import roles
from tests import factories
from tests.planning_factories import PlannedMeetingFactory
from tests.training_factories import TrainingOccasionFactory, training_index, training_offer

pytestmark = pytest.mark.django_db

DAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _language_restored():
    with translation.override("en"):
        yield
    translation.deactivate()


def url(pk: int) -> str:
    return reverse("mentoring:person_record", args=[pk])


def participant(**kwargs):
    return factories.ApplicationFactory(status=Status.ACCEPTED, **kwargs)


def mentorship_with(
    application, *, meetings: int = 2, goals: int = 1, private_note: str = "Hemlig anteckning"
):
    mentorship = factories.MentorshipFactory(participant=application, status=MentorshipStatus.ACTIVE)
    for n in range(meetings):
        meeting = Meeting.objects.create(
            mentorship=mentorship,
            held_on=dt.date(2026, 4, 1) + dt.timedelta(days=7 * n),
            minutes=60,
            format="online",
            shared_notes="Budget genomgången.",
            logged_at=DAY,
            updated_at=DAY,
        )
        PrivateNote.objects.create(
            meeting=meeting, author=mentorship.mentor.user, text=private_note, updated_at=DAY
        )
    # Written directly, as the meeting services would, with the mentorship's count and last date.
    mentorship_meetings_recount(mentorships=Mentorship.objects.filter(pk=mentorship.pk))
    for n in range(goals):
        Goal.objects.create(mentorship=mentorship, title=f"Mål {n}: första kunden", created_at=DAY)
    return mentorship


def booking_for(person, *, outcome="plan_made", note="Studieplan klar."):
    slot = GuidanceSlot.objects.create(
        counsellor=factories.user_with_role(roles.COUNSELLORS, first_name="Vera"),
        starts_at=DAY,
        minutes=45,
        mode="online",
        created_at=DAY,
    )
    return GuidanceBooking.objects.create(
        slot=slot, person=person, booked_at=DAY, outcome=outcome, outcome_note=note, outcome_recorded_at=DAY
    )


def follow_up(application):
    survey = FollowUpSurvey.objects.create(
        participant=application, kind="exit", due_at=DAY, answered_at=DAY, source="web", situation="new_job"
    )
    return Outcome.objects.create(
        participant=application, point="exit", result="new_job", source="web", survey=survey, recorded_at=DAY
    )


def enrolled(person, offer, *hours, confirmed_at=None):
    enrolment = Enrolment.objects.create(
        occasion=TrainingOccasionFactory(page=offer),
        person=person,
        status=EnrolmentStatus.ENROLLED,
        created_at=DAY,
        hours_confirmed_at=confirmed_at,
    )
    Attendance.objects.bulk_create(
        Attendance(
            enrolment=enrolment,
            day=dt.date(2026, 4, 1) + dt.timedelta(days=n),
            hours=Decimal(h),
            marked_at=DAY,
        )
        for n, h in enumerate(hours)
    )
    return enrolment


# --- Who may -------------------------------------------------------------------------------------


def test_person_record_sends_anonymous_visitors_to_sign_in(client):
    application = participant()

    response = client.get(url(application.applicant_id))

    assert response.status_code == 302 and "login" in response.url


@pytest.mark.parametrize("who", ["owner", "other_applicant", roles.MENTORS, roles.EDITORS])
def test_person_record_is_forbidden_without_the_coordinators_role(client, who):
    application = participant()
    viewer = {
        "owner": application.applicant,
        "other_applicant": factories.ApplicantFactory(),
    }.get(who) or factories.user_with_role(who)
    client.force_login(viewer)

    assert client.get(url(application.applicant_id)).status_code == 403


def test_person_record_is_404_for_someone_without_a_record(client, coordinator):
    client.force_login(coordinator)
    mentor = factories.MentorProfileFactory()

    assert client.get(url(mentor.user_id)).status_code == 404
    assert client.get(url(987654)).status_code == 404


def test_person_record_opens_for_someone_with_only_a_guidance_booking(client, coordinator):
    person = factories.verified_user(first_name="Gunnel", last_name="Ek")
    booking_for(person)
    client.force_login(coordinator)

    response = client.get(url(person.pk))

    assert response.status_code == 200 and "Gunnel Ek" in response.text


# --- What it shows --------------------------------------------------------------------------------


def test_person_record_shows_profile_applications_history_mentorship_guidance_and_outcomes(
    client, coordinator
):
    application = participant(
        applicant__first_name="Zelmira", applicant__last_name="Berg", idea_title="Cykelverkstad"
    )
    mentorship_with(application, meetings=2, goals=1)
    booking_for(application.applicant)
    follow_up(application)
    client.force_login(coordinator)

    response = client.get(url(application.applicant_id))

    text = response.text
    assert response.status_code == 200
    assert "<h1>Zelmira Berg</h1>" in text
    assert "under notice of redundancy" in text and "Mölndal" in text  # entry characteristics, labelled
    assert reverse("mentoring:application_detail", args=[application.pk]) in text
    assert "Cykelverkstad" in text and "Accepted" in text
    assert "In review → Accepted" in text  # the status history
    assert "Mål 0: första kunden" in text and "Maja" in text  # goal and mentor
    assert "A study plan was made" in text and "Studieplan klar." in text
    assert "Exit survey" in text and "New job" in text


def test_person_record_never_shows_private_notes(client, coordinator):
    application = participant()
    mentorship_with(application, private_note="Tror inte på idén alls")
    client.force_login(coordinator)

    response = client.get(url(application.applicant_id))

    assert response.status_code == 200 and "Tror inte på idén alls" not in response.text


def test_person_record_counts_meetings_and_gives_the_last(coordinator):
    application = participant()
    mentorship_with(application, meetings=3)

    (mentorship,) = person_record(pk=application.applicant_id, viewer=coordinator).mentorships

    assert mentorship.meeting_count == 3 and mentorship.last_meeting_on == dt.date(2026, 4, 15)


def test_person_record_gives_hours_per_enrolment_and_whether_confirmed(site_tree, coordinator):
    offer = training_offer(training_index(site_tree.home), title="Robotprogrammering")
    person = factories.ApplicantFactory()
    enrolled(person, offer, "7.5", "6.0", confirmed_at=DAY + dt.timedelta(days=30))
    enrolled(person, offer, "3.0")
    enrolled(person, offer)

    record = person_record(pk=person.pk, viewer=coordinator)

    assert [(e.hours, e.hours_confirmed, e.confirmed) for e in record.enrolments] == [
        (Decimal("13.5"), Decimal("13.5"), True),
        (Decimal("3.0"), Decimal("0.0"), False),
        (Decimal("0.0"), Decimal("0.0"), False),
    ]
    assert record.hours == Decimal("16.5") and record.hours_confirmed == Decimal("13.5")


def test_person_record_page_shows_courses_with_hours(client, site_tree, coordinator):
    offer = training_offer(training_index(site_tree.home), title="Robotprogrammering")
    person = factories.ApplicantFactory()
    enrolled(person, offer, "7.5", confirmed_at=DAY + dt.timedelta(days=30))
    client.force_login(coordinator)

    response = client.get(url(person.pk))

    assert "Robotprogrammering" in response.text
    assert "7.5 hours marked in all, 7.5 of them confirmed by the person." in response.text


def test_person_record_writes_each_courses_hours_in_tenths_as_its_totals(client, site_tree, coordinator):
    offer = training_offer(training_index(site_tree.home), title="Robotprogrammering")
    person = factories.ApplicantFactory()
    enrolled(person, offer, "7.5", "4.5")
    client.force_login(coordinator)

    response = client.get(url(person.pk))

    assert "12.0 hours marked in all, 0.0 of them confirmed by the person." in response.text
    assert '<td class="table__number">12.0</td>' in response.text
    assert '<td class="table__number">12</td>' not in response.text


def test_person_record_keeps_an_undecided_blind_review_blind(client, coordinator):
    application = factories.ApplicationFactory(
        status=Status.IN_REVIEW, idea_title="Hemlig idé", intake=factories.IntakeFactory(blind_review=True)
    )
    client.force_login(coordinator)

    response = client.get(url(application.applicant_id))

    assert response.status_code == 200
    assert "Hemlig idé" not in response.text
    assert reverse("mentoring:application_detail", args=[application.pk]) not in response.text


def test_person_record_of_an_erased_person_shows_only_what_was_kept(
    client, coordinator, django_capture_on_commit_callbacks
):
    application = participant(applicant__first_name="Zelmira", applicant__last_name="Berg")
    follow_up(application)
    person = application.applicant
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        erasure_perform(request_id=erasure_request(user=person, now=now).pk, now=now)
    client.force_login(coordinator)

    response = client.get(url(person.pk))

    assert response.status_code == 200
    assert "Zelmira" not in response.text and "Berg" not in response.text
    assert "asked for their data to be erased" in response.text
    assert "New job" in response.text  # the outcome the figures keep


# --- Logged, and a fixed cost --------------------------------------------------------------------


def test_person_record_view_is_logged_for_the_person(client, coordinator):
    application = participant()
    client.force_login(coordinator)

    client.get(url(application.applicant_id))

    log = AccessLog.objects.get(subject=application.applicant)
    assert log.viewer == coordinator and log.what == AccessLog.What.PROFILE
    assert log.object_id == application.applicant.applicant_profile.pk


def test_application_detail_links_to_the_applicants_record(client, coordinator):
    application = participant()
    client.force_login(coordinator)

    response = client.get(reverse("mentoring:application_detail", args=[application.pk]))

    assert url(application.applicant_id) in response.text


def _rich(person, offer, *, n: int):
    """`person` with `n` of everything: applications, mentorships, meetings, goals, courses, bookings."""
    for _ in range(n):
        application = participant(applicant=person)
        mentorship = mentorship_with(application, meetings=n, goals=n)
        PlannedMeetingFactory(mentorship=mentorship, status="cancelled", cancel_reason="Ill")
        follow_up(application)
        enrolled(person, offer, *(["2.0"] * n), confirmed_at=DAY + dt.timedelta(days=30))
        booking_for(person)


def test_person_record_takes_the_same_queries_for_a_small_and_a_large_record(
    site_tree, coordinator, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    offer = training_offer(training_index(site_tree.home), title="Robotprogrammering")
    small, large = factories.ApplicantFactory(), factories.ApplicantFactory()
    _rich(small, offer, n=1)
    _rich(large, offer, n=3)

    with CaptureQueriesContext(connection) as queries:
        person_record(pk=small.pk, viewer=coordinator)
    with django_assert_max_num_queries(len(queries)):
        record = person_record(pk=large.pk, viewer=coordinator)
        assert sum(len(m.goals.all()) for m in record.mentorships) == 9
        assert sum(len(m.planned_meetings.all()) for m in record.mentorships) == 3

    assert len(record.applications) == 3 and len(record.enrolments) == 3 and len(record.bookings) == 3
    # 10: the planned meetings of the mentorships are one query more.
    assert len(queries) <= 10
