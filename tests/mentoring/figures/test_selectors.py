"""Loading the figures: accepted participants as rows (two queries), the pipeline and review scores."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mentoring.applications.workflow import Status
from mentoring.core.choices import EducationLevel, EmploymentStatus, FormerSector, Gender
from mentoring.figures import arithmetic as figures
from mentoring.figures.selectors import participant_rows, pipeline_counts, pseudonym, reviewer_scores
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import Application, Meeting, Mentorship, Outcome
from tests import factories

pytestmark = pytest.mark.django_db

DAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def accepted(intake, *, decided_at=DAY, **profile) -> Application:
    application = factories.ApplicationFactory(
        intake=intake, status=Status.ACCEPTED, **{f"applicant__profile__{k}": v for k, v in profile.items()}
    )
    Application.objects.filter(pk=application.pk).update(decided_at=decided_at)
    application.refresh_from_db()
    return application


def mentorship(application, *, status=MentorshipStatus.ACTIVE, meetings=0, mentor=None) -> Mentorship:
    mentorship = factories.MentorshipFactory(
        participant=application, status=status, mentor=mentor or factories.MentorProfileFactory()
    )
    Meeting.objects.bulk_create(
        Meeting(
            mentorship=mentorship,
            held_on=dt.date(2026, 4, 1) + dt.timedelta(days=n),
            minutes=60,
            format="online",
            logged_at=DAY,
            updated_at=DAY,
        )
        for n in range(meetings)
    )
    return mentorship


def outcome(application, point, result, **fields) -> Outcome:
    return Outcome.objects.create(
        participant=application, point=point, result=result, source="web", recorded_at=DAY, **fields
    )


def test_participant_rows_carry_entry_characteristics_mentoring_and_outcomes(intake):
    woman = accepted(
        intake,
        gender=Gender.WOMAN,
        birth_year=2003,
        employment_status=EmploymentStatus.UNEMPLOYED,
        months_unemployed=8,
        education_level=EducationLevel.HIGHER,
        former_sector=FormerSector.AUTOMOTIVE_SUPPLIER,
    )
    mentorship(woman, meetings=3)
    outcome(
        woman,
        "exit",
        "own_business",
        organisation_number="556677-8899",
        business_registered=True,
        business_started_on=dt.date(2026, 5, 1),
        improvements=["more_hours"],
    )
    outcome(woman, "six_months", "unknown")
    man = accepted(intake, gender=Gender.MAN, birth_year=1970)
    mentorship(man, status=MentorshipStatus.PROPOSED)
    factories.ApplicationFactory(intake=intake, status=Status.SUBMITTED)

    rows = {row.pseudonym: row for row in participant_rows()}

    assert set(rows) == {pseudonym(woman.pk), pseudonym(man.pk)}
    row = rows[pseudonym(woman.pk)]
    assert row == figures.ParticipantRow(
        pseudonym=pseudonym(woman.pk),
        intake_id=intake.pk,
        programme_id=intake.programme_id,
        accepted_on=dt.date(2026, 3, 2),
        gender="woman",
        age_at_entry=23,
        employment_status="unemployed",
        months_unemployed=8,
        municipality="molndal",
        education_level="higher",
        former_sector="automotive_supplier",
        matched=True,
        meetings=3,
        exit_result="own_business",
        exit_improved=True,
        six_month_result="unknown",
        six_month_improved=False,
        business_registered=True,
        business_started_on=dt.date(2026, 5, 1),
    )
    other = rows[pseudonym(man.pk)]
    # Proposed but never active: not matched; no outcomes yet.
    assert (other.gender, other.age_at_entry, other.matched, other.meetings) == ("man", 56, False, 0)
    assert (other.exit_result, other.exit_improved, other.six_month_result) == (None, None, None)
    assert other.business_registered is False and other.business_started_on is None


def test_participant_rows_count_a_mentorship_that_ended_early_as_matched(intake):
    application = accepted(intake)
    mentorship(application, status=MentorshipStatus.ENDED_EARLY, meetings=1)
    [row] = participant_rows()
    assert row.matched and row.meetings == 1


def test_participant_rows_filter_by_day_of_acceptance_and_intake(intake):
    early = accepted(intake, decided_at=dt.datetime(2026, 1, 10, 12, tzinfo=dt.UTC))
    late = accepted(intake, decided_at=dt.datetime(2026, 6, 10, 12, tzinfo=dt.UTC))
    elsewhere = accepted(factories.IntakeFactory(), decided_at=dt.datetime(2026, 6, 10, 12, tzinfo=dt.UTC))

    assert [r.pseudonym for r in participant_rows(since=dt.date(2026, 6, 1))] == [
        pseudonym(late.pk),
        pseudonym(elsewhere.pk),
    ]
    assert [r.pseudonym for r in participant_rows(until=dt.date(2026, 1, 10))] == [pseudonym(early.pk)]
    assert {r.pseudonym for r in participant_rows(intake=intake)} == {pseudonym(early.pk), pseudonym(late.pk)}
    assert len(participant_rows(programme=intake.programme)) == 3


def test_pseudonym_is_stable_and_says_nothing_of_the_id(settings):
    assert pseudonym(7) == pseudonym(7)
    assert pseudonym(7) != pseudonym(8)
    assert pseudonym(7).startswith("P-") and len(pseudonym(7)) == 12
    before = pseudonym(7)
    settings.SECRET_KEY = "another key"
    assert pseudonym(7) != before


def _many(intake, n: int) -> None:
    """`n` accepted participants, each with an active mentorship, two meetings and both outcomes."""
    applications = factories.bulk_applications(intake, n, status=Status.ACCEPTED)
    Application.objects.filter(pk__in=[a.pk for a in applications]).update(decided_at=DAY)
    mentor = factories.MentorProfileFactory(capacity=10)
    mentorships = Mentorship.objects.bulk_create(
        factories.MentorshipFactory.build(participant=a, mentor=mentor, status=MentorshipStatus.ACTIVE)
        for a in applications
    )
    Meeting.objects.bulk_create(
        Meeting(
            mentorship=m,
            held_on=dt.date(2026, 4, d),
            minutes=60,
            format="online",
            logged_at=DAY,
            updated_at=DAY,
        )
        for m in mentorships
        for d in (1, 2)
    )
    Outcome.objects.bulk_create(
        Outcome(participant=a, point=point, result="new_job", source="web", recorded_at=DAY)
        for a in applications
        for point in ("exit", "six_months")
    )


def _queries(run) -> int:
    with CaptureQueriesContext(connection) as queries:
        run()
    return len(queries)


def test_participant_rows_take_two_queries_whatever_the_number(intake, django_assert_max_num_queries):
    _many(intake, 3)
    few = _queries(participant_rows)
    _many(factories.IntakeFactory(), 27)
    with django_assert_max_num_queries(2):
        rows = participant_rows()
    assert len(rows) == 30 and all(row.meetings == 2 and row.matched for row in rows)
    assert _queries(participant_rows) == few == 2


def test_pipeline_counts_women_and_everyone_at_each_stage(intake):
    woman = accepted(intake, gender=Gender.WOMAN)
    mentorship(woman, meetings=3)
    outcome(woman, "exit", "own_business", organisation_number="556677-8899", business_registered=True)
    man = accepted(intake, gender=Gender.MAN)
    mentorship(man, meetings=2)
    outcome(man, "exit", "own_business")  # not registered: not started
    factories.ApplicationFactory(intake=intake, status=Status.IN_REVIEW)  # a woman, by the factory
    factories.ApplicationFactory(intake=intake, status=Status.REJECTED, applicant__profile__gender=Gender.MAN)
    factories.ApplicationFactory(intake=intake, status=Status.WITHDRAWN)  # never submitted
    factories.ApplicationFactory(intake=intake)  # a draft

    assert pipeline_counts(intake=intake) == [
        ("applied", 2, 4),
        ("eligible", 2, 3),
        ("accepted", 1, 2),
        ("matched", 1, 2),
        ("three_meetings", 1, 1),
        ("business_started", 1, 1),
    ]
    assert [key for key, _w, _t in pipeline_counts()] == list(figures.PIPELINE_STAGES)


def test_pipeline_counts_the_later_stages_of_accepted_applications_only(intake):
    matched_then_withdrawn = accepted(intake, gender=Gender.WOMAN)
    mentorship(matched_then_withdrawn, status=MentorshipStatus.COMPLETED, meetings=3)
    outcome(
        matched_then_withdrawn,
        "exit",
        "own_business",
        organisation_number="556677-8899",
        business_registered=True,
    )
    Application.objects.filter(pk=matched_then_withdrawn.pk).update(status=Status.WITHDRAWN)
    still_in = accepted(intake, gender=Gender.WOMAN)
    mentorship(still_in, meetings=3)

    assert pipeline_counts(intake=intake) == [
        ("applied", 2, 2),
        ("eligible", 1, 1),
        ("accepted", 1, 1),
        ("matched", 1, 1),
        ("three_meetings", 1, 1),
        ("business_started", 0, 0),
    ]


def test_pipeline_counts_filter_by_day_of_submission(intake):
    accepted(intake)
    assert pipeline_counts(since=timezone.localdate() + dt.timedelta(days=1))[0] == ("applied", 0, 0)
    assert pipeline_counts(until=timezone.localdate())[0] == ("applied", 1, 1)


def test_reviewer_scores_give_the_applicants_gender_and_leave_out_conflicts(intake):
    woman = factories.ApplicationFactory(intake=intake, status=Status.SUBMITTED)
    man = factories.ApplicationFactory(
        intake=intake, status=Status.SUBMITTED, applicant__profile__gender=Gender.MAN
    )
    factories.ReviewFactory(application=woman, score=Decimal("3.50"))
    factories.ReviewFactory(application=man, score=Decimal("4.25"))
    factories.ReviewFactory(application=man, conflict=True)

    assert sorted(reviewer_scores(intake=intake)) == [("man", 4.25), ("woman", 3.5)]
    assert reviewer_scores(intake=factories.IntakeFactory()) == []


@pytest.mark.parametrize(
    ("codes", "choices"),
    [
        (figures.GENDERS, Gender),
        (figures.EMPLOYMENT_STATUSES, EmploymentStatus),
        (figures.EDUCATION_LEVELS, EducationLevel),
        (figures.FORMER_SECTORS, FormerSector),
        (figures.RESULTS, Outcome.Result),
    ],
)
def test_figures_codes_are_the_vocabularies(codes, choices):
    assert set(codes) == set(choices.values)
