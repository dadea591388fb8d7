"""Participation time in courses in the programme's figures: the reads, the downloads and the dashboard."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from mentoring.applications.workflow import Status
from mentoring.core.choices import Gender
from mentoring.figures.selectors import course_time_rows, participant_rows
from mentoring.models import ApplicantProfile, Application, Attendance, Enrolment, EnrolmentStatus
from tests import factories
from tests.training_factories import TrainingOccasionFactory, training_index, training_offer

pytestmark = pytest.mark.django_db

DAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
CONFIRMED = DAY + dt.timedelta(days=60)


@pytest.fixture(autouse=True)
def _language_restored():
    with translation.override("en"):
        yield
    translation.deactivate()


@pytest.fixture
def intake(site_tree):
    """The intake on the site tree's programme (made first: the site tree replaces the pages)."""
    return factories.IntakeFactory()


@pytest.fixture
def offer(site_tree):
    return training_offer(training_index(site_tree.home), title="Robotprogrammering")


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def accepted(intake, **profile) -> Application:
    application = factories.ApplicationFactory(
        intake=intake, status=Status.ACCEPTED, **{f"applicant__profile__{k}": v for k, v in profile.items()}
    )
    Application.objects.filter(pk=application.pk).update(decided_at=DAY)
    return application


def attended(person, offer, *hours, confirmed_at=None, marked_at=DAY, first_day=dt.date(2026, 4, 1)):
    """`person` enrolled on a new occasion of `offer`, with a day of attendance for each of `hours`."""
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
            day=first_day + dt.timedelta(days=n),
            hours=Decimal(h),
            marked_at=marked_at,
        )
        for n, h in enumerate(hours)
    )
    return enrolment


def _queries(run) -> int:
    with CaptureQueriesContext(connection) as queries:
        run()
    return len(queries)


# --- participant_rows ------------------------------------------------------------------------------


def test_participant_rows_add_up_course_hours_over_every_enrolment(intake, offer):
    application = accepted(intake)
    attended(application.applicant, offer, "7.5", "6.0", confirmed_at=CONFIRMED)
    attended(application.applicant, offer, "3.5", "0.0")

    (row,) = participant_rows()

    assert row.course_hours == Decimal("17.0")
    assert row.course_hours_confirmed == Decimal("13.5")


def test_participant_rows_have_zero_course_hours_without_attendance(intake, offer):
    application = accepted(intake)
    Enrolment.objects.create(
        occasion=TrainingOccasionFactory(page=offer),
        person=application.applicant,
        status=EnrolmentStatus.ENROLLED,
        created_at=DAY,
    )

    (row,) = participant_rows()

    assert row.course_hours == 0 and row.course_hours_confirmed == 0


def test_participant_rows_do_not_count_someone_elses_hours(intake, offer):
    accepted(intake)
    attended(factories.ApplicantFactory(), offer, "8.0", confirmed_at=CONFIRMED)

    (row,) = participant_rows()

    assert row.course_hours == 0


def test_participant_rows_with_course_hours_still_take_two_queries(
    intake, offer, django_assert_max_num_queries
):
    first = accepted(intake)
    attended(first.applicant, offer, "2.0", confirmed_at=CONFIRMED)
    few = _queries(participant_rows)
    applications = factories.bulk_applications(factories.IntakeFactory(), 12, status=Status.ACCEPTED)
    Application.objects.filter(pk__in=[a.pk for a in applications]).update(decided_at=DAY)
    occasion = TrainingOccasionFactory(page=offer, places=20)
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            occasion=occasion,
            person=a.applicant,
            status="enrolled",
            created_at=DAY,
            hours_confirmed_at=CONFIRMED,
        )
        for a in applications
    )
    Attendance.objects.bulk_create(
        Attendance(enrolment=e, day=dt.date(2026, 4, d), hours=Decimal("3.5"), marked_at=DAY)
        for e in enrolments
        for d in (1, 2, 3)
    )

    with django_assert_max_num_queries(2):
        rows = participant_rows()

    assert few == 2 and len(rows) == 13
    assert sum(row.course_hours_confirmed for row in rows) == Decimal("128.0")


# --- course_time_rows ----------------------------------------------------------------------------


def test_course_time_rows_give_everyone_on_the_courses_with_their_gender(intake, offer):
    participant = accepted(intake, gender=Gender.WOMAN)
    attended(participant.applicant, offer, "6.0", confirmed_at=CONFIRMED)
    outsider = factories.ApplicantFactory(profile__gender=Gender.MAN)
    attended(outsider, offer, "2.5", "3.0")
    attended(outsider, offer, "1.0", confirmed_at=CONFIRMED)
    factories.ApplicantFactory()  # enrolled nowhere

    rows = sorted(course_time_rows(), key=lambda row: row.gender)

    assert [(row.gender, row.course_hours, row.course_hours_confirmed) for row in rows] == [
        ("man", Decimal("6.5"), Decimal("1.0")),
        ("woman", Decimal("6.0"), Decimal("6.0")),
    ]


def test_course_time_rows_filter_by_the_day_attended(offer):
    attended(factories.ApplicantFactory(), offer, "1.0", "2.0", "4.0", first_day=dt.date(2026, 4, 1))

    (row,) = course_time_rows(since=dt.date(2026, 4, 2), until=dt.date(2026, 4, 2))

    assert row.course_hours == Decimal("2.0")


def test_course_time_rows_count_an_erased_profile_as_undisclosed(offer):
    person = factories.ApplicantFactory()
    attended(person, offer, "3.0")
    ApplicantProfile.objects.filter(user=person).delete()

    assert [row.gender for row in course_time_rows()] == ["undisclosed"]


def test_course_time_rows_take_one_query_whatever_the_number(offer, django_assert_max_num_queries):
    for _ in range(6):
        attended(factories.ApplicantFactory(), offer, "1.0", "2.0")

    with django_assert_max_num_queries(1):
        rows = course_time_rows()

    assert len(rows) == 6 and all(row.course_hours == Decimal("3.0") for row in rows)


# --- The dashboard and the downloads ---------------------------------------------------------------


def figure_rows(response, figure_id: str) -> dict[str, list[str]]:
    section = re.search(rf'<section class="figure" id="{figure_id}".*?</section>', response.text, re.S)
    assert section, f"no figure {figure_id}"
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", section.group(0), re.S):
        header = re.search(r'<th scope="row">(.*?)</th>', row, re.S)
        if header:
            rows[header.group(1).strip()] = [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    return rows


@pytest.fixture
def on_courses(intake, offer):
    woman = accepted(intake, gender=Gender.WOMAN)
    attended(woman.applicant, offer, "7.5", "4.0", confirmed_at=CONFIRMED)
    attended(factories.ApplicantFactory(profile__gender=Gender.MAN), offer, "5.0")
    return woman


def test_figures_dashboard_shows_participation_time_in_courses(coordinator_client, on_courses):
    response = coordinator_client.get(reverse("mentoring:figures_dashboard"))

    participants = figure_rows(response, "course-time")
    everyone = figure_rows(response, "course-time-everyone")
    assert participants["People with course hours"] == ["1", "0", "0", "0", "1"]
    assert participants["Hours marked"] == ["11.5", "0.0", "0.0", "0.0", "11.5"]
    assert participants["Hours confirmed by the participant"][-1] == "11.5"
    assert everyone["People with course hours"] == ["1", "1", "0", "0", "2"]
    assert everyone["Hours confirmed by the participant"][-1] == "11.5"
    assert everyone["Hours marked"][-1] == "16.5"
    # Each table has its chart: hours marked, gender by gender.
    assert 'id="course-time-chart-title"' in response.text
    assert 'id="course-time-everyone-chart-title"' in response.text


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_figures_csv_download_holds_both_participation_time_tables(coordinator_client, on_courses):
    response = coordinator_client.get(
        reverse("mentoring:figures_download", kwargs={"what": "figures", "fmt": "csv"})
    )

    lines = read_csv(response.content)
    first = lines.index(["Participation time in courses: programme participants"])
    second = lines.index(["Participation time in courses: everyone on the courses"])
    assert lines[first + 3] == ["Hours marked", "11.5", "0.0", "0.0", "0.0", "11.5"]
    assert lines[second + 2] == ["People with course hours", "1", "1", "0", "0", "2"]


def test_figures_xlsx_download_keeps_hours_as_numbers(coordinator_client, on_courses):
    response = coordinator_client.get(
        reverse("mentoring:figures_download", kwargs={"what": "figures", "fmt": "xlsx"})
    )

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["Course time, everyone"]
    values = {row[0]: row[1:] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert values["Hours marked"] == (11.5, 5, 0, 0, 16.5)
    assert values["Hours confirmed by the participant"][-1] == 11.5


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_participant_list_download_has_course_hours_columns(coordinator_client, on_courses, fmt):
    response = coordinator_client.get(
        reverse("mentoring:figures_download", kwargs={"what": "participants", "fmt": fmt})
    )

    if fmt == "csv":
        header, line = read_csv(response.content)
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        header, line = (list(row) for row in sheet.iter_rows(values_only=True))
    row = dict(zip(header, line, strict=True))
    assert str(row["Course hours marked"]) == "11.5"
    assert str(row["Course hours confirmed"]) == "11.5"
