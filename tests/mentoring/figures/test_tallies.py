"""The figures counted in the database equal the figures computed from scratch, participant by participant.

The page and the figures' downloads read `tallies.participant_tallies` (a few grouped queries); the
reference reads every participant (`participant_rows`) and counts them in Python. A table of changes,
each of a kind the portal makes (a decision, a mentorship started or ended, meetings, outcomes, a
follow-up survey expiring, course hours marked and confirmed, a withdrawal, a profile erased), is
applied one after the other, and after each the two must agree under every filter.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentoring.applications.workflow import Status
from mentoring.figures import arithmetic as figures
from mentoring.figures import tallies
from mentoring.figures.export import breakdown_keys
from mentoring.figures.selectors import course_time_rows, figures_tables, participant_rows
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import (
    ApplicantProfile,
    Application,
    Attendance,
    Enrolment,
    EnrolmentStatus,
    Meeting,
    Outcome,
)
from mentoring.privacy.services.erasure import erasure_perform, erasure_request
from tests import factories
from tests.training_factories import TrainingOccasionFactory, training_index, training_offer

pytestmark = pytest.mark.django_db

DAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
# Half past midnight on New Year's Day in Stockholm, still the old year in UTC.
NEW_YEAR = dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.UTC)


@pytest.fixture
def world(site_tree):
    return make_world(site_tree)


def make_world(site_tree) -> dict:
    """Two intakes of one programme and one of another, and a course to attend."""
    intake = factories.IntakeFactory(programme=site_tree.programme)
    return {
        "intake": intake,
        "sibling": factories.IntakeFactory(programme=intake.programme),
        "other": factories.IntakeFactory(
            programme=factories.ProgrammePageFactory(parent=site_tree.programme_index)
        ),
        "offer": training_offer(training_index(site_tree.home), title="Robotprogrammering"),
        "people": {},
    }


def accepted(world, name, *, intake="intake", decided_at=DAY, **profile) -> Application:
    application = factories.ApplicationFactory(
        intake=world[intake],
        status=Status.ACCEPTED,
        internal_note="Antagen trots målgruppen: en prövning.",
        **{f"applicant__profile__{k}": v for k, v in profile.items()},
    )
    Application.objects.filter(pk=application.pk).update(decided_at=decided_at)
    world["people"][name] = application
    return application


def mentorship(world, name, status, *, meetings=0):
    started = factories.MentorshipFactory(
        participant=world["people"][name], status=status, mentor=factories.MentorProfileFactory()
    )
    Meeting.objects.bulk_create(
        Meeting(
            mentorship=started,
            held_on=dt.date(2026, 4, 1) + dt.timedelta(days=n),
            minutes=60,
            format="online",
            logged_at=DAY,
            updated_at=DAY,
        )
        for n in range(meetings)
    )


def outcome(world, name, point, result, **fields):
    Outcome.objects.create(
        participant=world["people"][name],
        point=point,
        result=result,
        source="expired" if result == "unknown" else "web",
        recorded_at=DAY,
        **fields,
    )


def attended(world, person, *hours, confirmed=False):
    enrolment = Enrolment.objects.create(
        occasion=TrainingOccasionFactory(page=world["offer"]),
        person=person,
        status=EnrolmentStatus.ENROLLED,
        created_at=DAY,
        hours_confirmed_at=DAY if confirmed else None,
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


def step_applications_decided(world):
    accepted(
        world, "anna", gender="woman", birth_year=2003, employment_status="unemployed", months_unemployed=7
    )
    accepted(world, "bo", gender="man", birth_year=1960, employment_status="unemployed", months_unemployed=13)
    accepted(world, "chris", gender="non_binary", birth_year=1990, employment_status="under_notice")
    accepted(world, "dana", intake="sibling", gender="undisclosed", employment_status="in_education")
    accepted(world, "eli", intake="other", gender="woman", birth_year=2001, decided_at=NEW_YEAR)
    factories.ApplicationFactory(intake=world["intake"], status=Status.WAITLISTED)
    factories.ApplicationFactory(intake=world["intake"], status=Status.REJECTED)


def step_waitlisted_accepted(world):
    accepted(
        world, "frej", gender="man", birth_year=1980, employment_status="self_employed", decided_at=NEW_YEAR
    )


def step_mentorships_started_and_ended(world):
    mentorship(world, "anna", MentorshipStatus.ACTIVE, meetings=4)
    mentorship(world, "bo", MentorshipStatus.COMPLETED, meetings=2)
    mentorship(world, "chris", MentorshipStatus.ENDED_EARLY, meetings=1)
    mentorship(world, "dana", MentorshipStatus.PROPOSED)


def step_outcomes_recorded(world):
    outcome(
        world, "bo", "exit", "own_business", business_registered=True, business_started_on=dt.date(2026, 5, 1)
    )
    outcome(world, "chris", "exit", "looking")
    outcome(world, "chris", "six_months", "new_job", improvements=["better_terms"])
    outcome(world, "bo", "six_months", "kept_job")


def step_follow_up_expired(world):
    outcome(world, "anna", "exit", "unknown")
    outcome(world, "eli", "six_months", "own_business", business_registered=True)


def step_course_hours_marked_and_confirmed(world):
    attended(world, world["people"]["anna"].applicant, "7.5", "0.0", confirmed=True)
    attended(world, world["people"]["bo"].applicant, "3.5", "4.0")
    attended(world, world["people"]["eli"].applicant, "0.0")
    attended(world, factories.ApplicantFactory(profile__gender="man"), "6.0", confirmed=True)


def step_accepted_a_second_time(world):
    again = factories.ApplicationFactory(
        intake=world["sibling"],
        applicant=world["people"]["bo"].applicant,
        status=Status.ACCEPTED,
        internal_note="Antagen igen.",
    )
    Application.objects.filter(pk=again.pk).update(decided_at=DAY)


def step_withdrawn(world):
    Application.objects.filter(pk=world["people"]["frej"].pk).update(status=Status.WITHDRAWN)


def step_profile_blanked_and_deleted(world):
    ApplicantProfile.objects.filter(user=world["people"]["chris"].applicant).update(
        gender="", municipality="", education_level="", former_sector=""
    )
    ApplicantProfile.objects.filter(user=world["people"]["dana"].applicant).delete()


def step_erased(world, now):
    person = world["people"]["anna"].applicant
    request = erasure_request(user=person, now=now)
    erasure_perform(request_id=request.pk, now=now)


CHANGES = [
    step_applications_decided,
    step_waitlisted_accepted,
    step_mentorships_started_and_ended,
    step_outcomes_recorded,
    step_follow_up_expired,
    step_course_hours_marked_and_confirmed,
    step_accepted_a_second_time,
    step_withdrawn,
    step_profile_blanked_and_deleted,
]


def filter_sets(world) -> list[dict]:
    none = {"intake": None, "programme": None, "since": None, "until": None}
    return [
        none,
        none | {"intake": world["intake"]},
        none | {"programme": world["intake"].programme},
        none | {"programme": world["other"].programme},
        none | {"since": dt.date(2026, 1, 1)},
        none | {"until": dt.date(2025, 12, 31)},
        none | {"since": dt.date(2026, 3, 2), "until": dt.date(2026, 3, 2)},
    ]


def assert_counted_alike(world) -> None:
    for filters in filter_sets(world):
        rows = participant_rows(**filters)
        counted = tallies.participant_tallies(**filters)
        assert counted.counts == figures.tallies_of(rows).counts, filters
        assert counted.course_time == figures.tallies_of(rows).course_time, filters
        everyone = course_time_rows(since=filters["since"], until=filters["until"])
        expected = figures.all_tables(rows, keys=breakdown_keys(), everyone_on_courses=everyone)
        assert figures_tables(filters=filters) == expected, filters


def test_tallies_equal_the_figures_from_scratch_after_every_kind_of_change(
    world, now, django_capture_on_commit_callbacks
):
    assert_counted_alike(world)
    for change in CHANGES:
        change(world)
        assert_counted_alike(world)
    with django_capture_on_commit_callbacks(execute=True):
        step_erased(world, now)
    assert_counted_alike(world)
    # The changes reached the figures: not a comparison of two empty counts.
    counted = tallies.participant_tallies()
    assert counted.participants() == 6
    assert counted.per_gender("business_registered", lambda code: code is True)[-1] == 2
    assert counted.counts["age_band"][("under_25", "woman")] == 1  # eli: 2026 - 2001, in Stockholm's year


def test_tallies_read_the_year_of_acceptance_in_the_sites_time_zone(world):
    accepted(world, "eli", gender="woman", birth_year=2001, decided_at=NEW_YEAR)

    (row,) = participant_rows()
    counted = tallies.participant_tallies()

    assert row.age_at_entry == 25
    assert counted.counts["age_band"] == {("25_54", "woman"): 1}


def test_tallies_take_the_same_queries_whatever_the_number(world):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            tallies.participant_tallies()
            tallies.everyone_course_tally()
        return len(captured)

    step_applications_decided(world)
    step_mentorships_started_and_ended(world)
    few = queries()
    for n in range(30):
        accepted(world, f"more{n}", gender="woman", birth_year=1970 + n)
        mentorship(world, f"more{n}", MentorshipStatus.COMPLETED, meetings=n % 4)
        outcome(world, f"more{n}", "exit", "new_job")
        attended(world, world["people"][f"more{n}"].applicant, "2.0", confirmed=n % 2 == 0)

    assert queries() == few == 5
    assert tallies.participant_tallies().participants() == 35


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the query plans of SQLite")
def test_tallies_group_the_profiles_and_each_persons_hours_without_sorting_them(world):
    step_applications_decided(world)
    step_course_hours_marked_and_confirmed(world)
    with CaptureQueriesContext(connection) as captured:
        tallies.participant_tallies()

    def plan(sql: str) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            return [line[-1] for line in cursor.fetchall()]

    profiles = next(
        query["sql"] for query in captured if 'FROM "mentoring_applicantprofile" profile' in query["sql"]
    )
    hours = next(query["sql"] for query in captured if "per_person" in query["sql"])
    assert "SCAN profile USING COVERING INDEX profile_figures_codes_idx" in plan(profiles)
    assert not [line for line in plan(profiles) if "TEMP B-TREE" in line]
    # Each profile joined to its participations, not counted in a subquery of its own.
    assert not [line for line in plan(profiles) if "SUBQUERY" in line]
    # Sorted once: the people per gender, not every day of attendance per person first.
    assert [line for line in plan(hours) if "TEMP B-TREE" in line] == ["USE TEMP B-TREE FOR GROUP BY"]
