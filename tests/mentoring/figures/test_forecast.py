"""The forecast on the figures page: the monthly counts in one query, the filters it honours and names,
the sentences and charts, the downloads' series, and the targets' dates in the admin."""

import csv
import datetime as dt
import html
import io
import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from mentoring.applications.workflow import Status
from mentoring.core.choices import EmploymentStatus, Gender
from mentoring.figures.arithmetic.forecast import add_months, month_end, month_of
from mentoring.figures.forecast import monthly_counts, programme_forecast
from mentoring.models import Application, ProgrammeTargets
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_restored():
    with translation.override("en"):
        yield
    translation.deactivate()


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def months_ago(months: int, *, day: int = 10) -> dt.datetime:
    """Noon on `day` of the month `months` before this one, in the site's time zone."""
    month = add_months(month_of(timezone.localdate()), -months)
    return timezone.make_aware(dt.datetime(month.year, month.month, day, 12, 0))


def accepted(intake, *, decided_at, **profile) -> Application:
    application = factories.ApplicationFactory(
        intake=intake, status=Status.ACCEPTED, **{f"applicant__profile__{k}": v for k, v in profile.items()}
    )
    Application.objects.filter(pk=application.pk).update(decided_at=decided_at)
    return application


def dated_targets(programme, **fields) -> ProgrammeTargets:
    """Targets for `programme` that started six months ago and end in six months."""
    today = timezone.localdate()
    values = {
        "participants": 20,
        "employed": 10,
        "job_seekers": 5,
        "women": 8,
        "women_share_aim": 40,
        "starts_on": add_months(month_of(today), -6),
        "ends_on": month_end(add_months(month_of(today), 6)),
    } | fields
    return ProgrammeTargets.objects.create(programme=programme, **values)


def dashboard(client, **params):
    return client.get(reverse("mentoring:figures_dashboard"), params)


def sentences(response) -> list[str]:
    return [
        html.unescape(re.sub(r"\s+", " ", text)).replace("\xa0", " ")
        for text in re.findall(r'<p class="forecast__sentence">(.*?)</p>', response.text, re.S)
    ]


# --- The counts -----------------------------------------------------------------------------------


def test_monthly_counts_count_each_target_by_month_of_acceptance_in_one_query(
    intake, django_assert_max_num_queries
):
    accepted(
        intake, decided_at=months_ago(2), gender=Gender.WOMAN, employment_status=EmploymentStatus.EMPLOYED
    )
    accepted(
        intake, decided_at=months_ago(2), gender=Gender.MAN, employment_status=EmploymentStatus.UNEMPLOYED
    )
    accepted(
        intake, decided_at=months_ago(1), gender=Gender.WOMAN, employment_status=EmploymentStatus.UNDER_NOTICE
    )
    factories.ApplicationFactory(intake=intake, status=Status.IN_REVIEW)
    start = month_of(months_ago(5).date())
    with django_assert_max_num_queries(1):
        counts = monthly_counts(starts_on=start, until=timezone.localdate(), intake=intake)
    two, one = month_of(months_ago(2).date()), month_of(months_ago(1).date())
    assert counts["participants"] == {two: 2, one: 1}
    assert counts["employed"] == {two: 1, one: 1}
    assert counts["job_seekers"] == {two: 1}
    assert counts["women"] == {two: 1, one: 1}


def test_monthly_counts_leave_out_acceptances_before_the_start_and_other_programmes(site_tree):
    intake = factories.IntakeFactory(programme=site_tree.programme)
    elsewhere = factories.ProgrammePageFactory(parent=site_tree.programme_index, title="Starta eget")
    accepted(intake, decided_at=months_ago(8))
    accepted(intake, decided_at=months_ago(3))
    accepted(factories.IntakeFactory(programme=elsewhere), decided_at=months_ago(3))
    counts = monthly_counts(
        starts_on=month_of(months_ago(6).date()), until=timezone.localdate(), programme=intake.programme
    )
    assert counts["participants"] == {month_of(months_ago(3).date()): 1}


def test_programme_forecast_needs_the_targets_dates(intake):
    targets = ProgrammeTargets.objects.create(programme=intake.programme)
    assert programme_forecast(targets=targets, today=timezone.localdate(), programme=intake.programme) is None


def test_programme_forecast_projects_every_target(intake):
    for months in (1, 2, 3):
        accepted(intake, decided_at=months_ago(months), gender=Gender.WOMAN)
    targets = dated_targets(intake.programme)
    forecast = programme_forecast(targets=targets, today=timezone.localdate(), programme=intake.programme)
    participants = forecast.counts[0]
    assert [item.key for item in forecast.counts] == ["participants", "employed", "job_seekers", "women"]
    assert participants.current == 3 and participants.pace.per_month == 1
    assert forecast.share.current == 100


# --- The page ---------------------------------------------------------------------------------------


def test_figures_page_forecasts_the_chosen_programme_in_words_and_charts(
    site_tree, coordinator_client, intake, django_assert_max_num_queries
):
    for months in (1, 2, 3):
        accepted(intake, decided_at=months_ago(months), gender=Gender.WOMAN)
        accepted(intake, decided_at=months_ago(months), gender=Gender.MAN)
    dated_targets(intake.programme)
    with django_assert_max_num_queries(40):
        response = dashboard(coordinator_client, programme=intake.programme.pk)
    assert response.status_code == 200
    end = timezone.localdate().replace(day=1)
    end_text = f"{month_end(add_months(end, 6)).day} {month_end(add_months(end, 6)):%B %Y}"
    said = sentences(response)
    assert len(said) == 10
    assert (
        said[0].startswith("At the pace of the last three months the programme reaches about")
        and f"of 20 participants by {end_text}" in said[0]
    )
    assert "women's share is about 50 % by" in said[8] and "at or above the aim of 40 %" in said[8]
    assert f"Counted: every participant of {intake.programme.title}." in response.text
    assert response.text.count('class="forecast-chart" role="img"') == 5
    assert 'id="forecast-participants-chart-title"' in response.text


def test_figures_page_names_the_intake_the_forecast_counts_and_the_period_it_ignores(
    site_tree, coordinator_client, intake
):
    other = factories.IntakeFactory(programme=intake.programme)
    accepted(intake, decided_at=months_ago(2))
    accepted(other, decided_at=months_ago(2))
    accepted(other, decided_at=months_ago(2))
    dated_targets(intake.programme)
    response = dashboard(coordinator_client, intake=intake.pk, since="2020-01-01")
    assert f"Counted: the participants of the intake {intake.name} only" in response.text
    assert "The period chosen above does not apply to the forecast" in response.text
    table = re.search(r'id="forecast-participants".*?</table>', response.text, re.S).group(0)
    assert re.search(r"<td[^>]*>1</td>\s*<td[^>]*>1</td>", table), "one participant of the intake, not three"


def test_figures_page_asks_for_a_programme_or_for_dates_before_forecasting(
    site_tree, coordinator_client, intake
):
    assert "Choose a programme or an intake above" in dashboard(coordinator_client).text
    ProgrammeTargets.objects.create(programme=intake.programme)
    response = dashboard(coordinator_client, programme=intake.programme.pk)
    assert "have no start and end date yet" in response.text
    assert sentences(response) == []


def test_figures_page_forecast_in_swedish_formats_dates_and_numbers_the_swedish_way(
    site_tree, coordinator_client, intake
):
    accepted(intake, decided_at=months_ago(1))
    dated_targets(intake.programme, participants=2500)
    with translation.override("sv"):
        response = coordinator_client.get(
            reverse("mentoring:figures_dashboard"),
            {"programme": intake.programme.pk},
            HTTP_ACCEPT_LANGUAGE="sv",
        )
    said = sentences(response)
    assert said[0].startswith("I takten från de senaste tre månaderna når programmet ungefär")
    assert "av 2 500 deltagare till den" in said[0]


def test_downloads_hold_the_forecast_series(site_tree, coordinator_client, intake):
    accepted(intake, decided_at=months_ago(2))
    accepted(intake, decided_at=months_ago(1))
    dated_targets(intake.programme)
    url = reverse("mentoring:figures_download", kwargs={"what": "figures", "fmt": "csv"})
    lines = list(
        csv.reader(
            io.StringIO(
                coordinator_client.get(url, {"programme": intake.programme.pk}).content.decode("utf-8-sig")
            )
        )
    )
    start = lines.index(["Participants: where the programme is heading"])
    assert lines[start + 1][:3] == ["Month", "Accepted in the month", "In all"]
    months = lines[start + 2 : start + 2 + 7]
    assert [line[2] for line in months] == ["0", "0", "0", "0", "1", "2", "2"]
    url = reverse("mentoring:figures_download", kwargs={"what": "figures", "fmt": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(coordinator_client.get(url, {"intake": intake.pk}).content))
    sheet = book["Forecast, participants"]
    assert sheet["A1"].value == "Participants: where the programme is heading"
    assert sheet["C9"].value == 2 and isinstance(sheet["A3"].value, dt.datetime)
    assert "Forecast, women's share" in book.sheetnames


def test_downloads_without_a_forecast_hold_only_the_tables(site_tree, coordinator_client, intake):
    url = reverse("mentoring:figures_download", kwargs={"what": "figures", "fmt": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(coordinator_client.get(url).content))
    assert not [name for name in book.sheetnames if name.startswith("Forecast")]


# --- The targets' dates in the admin ------------------------------------------------------------------


def targets_form(programme, **dates):
    return {
        "programme": programme.pk,
        "participants": 100,
        "women": 50,
        "employed": 60,
        "job_seekers": 40,
        "women_share_aim": 50,
    } | dates


def test_coordinators_give_the_targets_a_period_in_the_admin(site_tree, coordinator_client):
    response = coordinator_client.post(
        reverse("programme_targets:add"),
        targets_form(site_tree.programme, starts_on="2026-01-01", ends_on="2027-12-31"),
    )
    assert response.status_code == 302
    targets = ProgrammeTargets.objects.get(programme=site_tree.programme)
    assert (targets.starts_on, targets.ends_on) == (dt.date(2026, 1, 1), dt.date(2027, 12, 31))


@pytest.mark.parametrize(
    ("dates", "field", "message"),
    [
        # The admin speaks the coordinator's admin language: Swedish unless she chose English.
        (
            {"starts_on": "2026-01-01"},
            "ends_on",
            "Give both the start and the end date|Ange både start- och slut",
        ),
        (
            {"ends_on": "2026-01-01"},
            "starts_on",
            "Give both the start and the end date|Ange både start- och slut",
        ),
        (
            {"starts_on": "2027-01-01", "ends_on": "2026-01-01"},
            "ends_on",
            "must end after it starts|måste sluta efter",
        ),
    ],
)
def test_targets_period_must_be_whole_and_in_order(site_tree, coordinator_client, dates, field, message):
    response = coordinator_client.post(
        reverse("programme_targets:add"), targets_form(site_tree.programme, **dates)
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert re.search(message, " ".join(form.errors[field]))
    assert form["participants"].value() in (100, "100"), "what was typed is kept"
    assert not ProgrammeTargets.objects.exists()


def test_the_forecast_adds_a_single_query_to_the_page(site_tree, coordinator_client, intake):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for months in (1, 2, 3):
        accepted(intake, decided_at=months_ago(months), gender=Gender.WOMAN)
    targets = ProgrammeTargets.objects.create(programme=intake.programme)
    dashboard(coordinator_client, programme=intake.programme.pk)
    with CaptureQueriesContext(connection) as without_dates:
        dashboard(coordinator_client, programme=intake.programme.pk)
    targets.delete()
    dated_targets(intake.programme)
    with CaptureQueriesContext(connection) as with_dates:
        response = dashboard(coordinator_client, programme=intake.programme.pk)
    assert len(sentences(response)) == 10
    assert len(with_dates) - len(without_dates) == 1
