"""Journey 6: a coordinator opens the programme's figures, filters them by intake, downloads the XLSX.

The figures change with the filter, the downloaded workbook holds the filtered
figures, the funder's indicators are shares of all participants (their own bar
100 %), a programme with a Swedish and an English page is one entry in the filter,
the intake's programme, whose targets have a period, shows where it is heading in charts and in
words, and axe finds nothing serious on the dashboard with its charts.
Locators accept the Swedish or the English text (`ui`), like the other journeys.
"""

import datetime as dt
import re

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentoring.applications.workflow import Status
from mentoring.core.choices import Gender
from mentoring.models import Application, ProgrammeTargets
from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_journey_apply import ui

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DASHBOARD = "/en/coordinator/figures/"


def accepted(intake, gender: str) -> Application:
    application = factories.ApplicationFactory(
        intake=intake, status=Status.ACCEPTED, applicant__profile__gender=gender
    )
    Application.objects.filter(pk=application.pk).update(
        decided_at=dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
    )
    return application


@pytest.fixture
def cohorts(site_tree):
    """Spring: two women accepted; autumn: one man."""
    spring = factories.IntakeFactory(programme=site_tree.programme, title="Våren 2026")
    autumn = factories.IntakeFactory(programme=site_tree.programme, title="Hösten 2026")
    accepted(spring, Gender.WOMAN)
    accepted(spring, Gender.WOMAN)
    accepted(autumn, Gender.MAN)
    # The programme started counting at the new year and ends in a little over a year.
    ProgrammeTargets.objects.create(
        programme=site_tree.programme,
        starts_on=dt.date(2026, 1, 1),
        ends_on=timezone.localdate() + dt.timedelta(days=400),
    )
    return {"spring": spring, "autumn": autumn}


@pytest.fixture
def english_programme(english, site_tree):
    """The programme's English page: a localized copy of the Swedish one."""
    programme = site_tree.programme.copy_for_translation(english.locale, copy_parents=True)
    programme.title = "Women's entrepreneurship"
    programme.save_revision().publish()
    return programme


def gender_cell(page, gender_label: re.Pattern):
    """The total column of the participants-by-gender table in the row of `gender_label`."""
    row = (
        page.locator("#by-gender table")
        .get_by_role("row")
        .filter(has=page.get_by_role("rowheader", name=gender_label))
    )
    return row.locator("td").last


def test_coordinator_filters_the_figures_by_intake_and_downloads_the_xlsx(
    page, live_server, cohorts, english_programme, axe_check, tmp_path
):
    coordinator = factories.coordinator_user(first_name="Karin", last_name="Sjö")
    sign_in(page, live_server, DASHBOARD, coordinator)

    # Every participant of the programme is counted, and the charts come with their tables.
    expect(page.get_by_role("heading", level=1)).to_have_text(ui("Programme figures"))
    expect(page.locator("#figures-count")).to_contain_text("3")
    expect(gender_cell(page, ui("Woman"))).to_have_text("2")
    expect(gender_cell(page, ui("Man"))).to_have_text("1")
    expect(page.locator("#by-gender svg[role=img]")).to_have_count(1)
    # The funder's indicators are shares of all participants: the participants' own bar is 100 %.
    expect(page.locator("#indicators .figure__base")).to_have_text(
        re.compile(r"^(?:Share of all|Andel av alla) 3 (?:participants|deltagare)$")
    )
    expect(page.locator("#indicators svg .bar-chart__value").first).to_have_text("3 (100.0 %)")
    # The programme is one entry, under its English title, though it has a Swedish page too.
    programmes = page.get_by_label(ui("Programme", exact=False)).locator("option")
    expect(programmes).to_have_count(2)
    expect(programmes.nth(1)).to_have_text("Women's entrepreneurship")
    axe_check(page)

    # Filtered by the spring intake, the autumn's man is no longer counted.
    page.get_by_label(ui("Intake", exact=False)).select_option(str(cohorts["spring"].pk))
    page.get_by_role("button", name=ui("Show the figures")).click()
    expect(page).to_have_url(re.compile(rf"intake={cohorts['spring'].pk}"))
    expect(page.locator("#figures-count")).to_contain_text("2")
    expect(gender_cell(page, ui("Woman"))).to_have_text("2")
    expect(gender_cell(page, ui("Man"))).to_have_text("0")
    # Where the programme is heading, for the spring intake's two: a chart and words for each target.
    forecast = page.locator("#forecast-participants")
    expect(forecast.locator("svg[role=img]")).to_have_count(1)
    expect(forecast.locator(".forecast__sentence").first).to_have_text(
        re.compile(
            r"^(?:At the pace of the last three months the programme reaches about 2 of 3,500 participants by"
            r"|I takten från de senaste tre månaderna når programmet ungefär 2 av 3\s500 deltagare till den) "
        )
    )
    expect(page.locator(".forecast__sentence")).to_have_count(10)
    expect(page.locator(".forecast__scope").first).to_contain_text("Våren 2026")
    axe_check(page)

    # The workbook holds the same, filtered, figures.
    with page.expect_download() as info:
        page.get_by_role("link", name=ui("Figures as XLSX")).click()
    download = info.value
    assert re.fullmatch(r"figures-\d{4}-\d{2}-\d{2}\.xlsx", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    book = openpyxl.load_workbook(saved, read_only=True)
    rows = [list(row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
    participants = [row for row in rows if row and row[0] == "Participants"]
    assert participants, rows[:10]
    assert participants[0][1:6] == [2, 0, 0, 0, 2]
    assert "Forecast, participants" in book.sheetnames
