"""The coordinators' figures dashboard and its downloads; the programme targets in the admin."""

import csv
import datetime as dt
import io
import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from mentoring.applications.workflow import Status
from mentoring.core.choices import EmploymentStatus, Gender
from mentoring.models import Application, Outcome, ProgrammeTargets, Review
from portal import roles
from tests import factories

pytestmark = pytest.mark.django_db

DAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _language_restored():
    """Pages are asked for in English (/en/); LocaleMiddleware would leave English on after."""
    with translation.override("en"):
        yield
    translation.deactivate()


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def accepted(intake, *, decided_at=DAY, **profile) -> Application:
    application = factories.ApplicationFactory(
        intake=intake, status=Status.ACCEPTED, **{f"applicant__profile__{k}": v for k, v in profile.items()}
    )
    Application.objects.filter(pk=application.pk).update(decided_at=decided_at)
    return application


def dashboard(client, **params):
    return client.get(reverse("mentoring:figures_dashboard"), params)


def download(client, what, fmt, **params):
    return client.get(reverse("mentoring:figures_download", kwargs={"what": what, "fmt": fmt}), params)


def figure_rows(response, figure_id: str) -> dict[str, list[str]]:
    """The table of figure `figure_id` as row header → cells, read from the page."""
    section = re.search(rf'<section class="figure" id="{figure_id}".*?</section>', response.text, re.S)
    assert section, f"no figure {figure_id}"
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", section.group(0), re.S):
        header = re.search(r'<th scope="row">(.*?)</th>', row, re.S)
        if header:
            rows[header.group(1).strip()] = [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    return rows


def xlsx_cells(content: bytes) -> list[list]:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return [list(row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]


# --- Who may ------------------------------------------------------------------------------------


def test_figures_send_anonymous_visitors_to_sign_in(client):
    response = dashboard(client)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


@pytest.mark.parametrize("role", [roles.EDITORS, roles.MENTORS])
def test_figures_are_forbidden_without_the_coordinators_role(client, role):
    client.force_login(factories.user_with_role(role))
    assert dashboard(client).status_code == 403
    assert download(client, "figures", "xlsx").status_code == 403
    assert download(client, "participants", "csv").status_code == 403


def test_figures_are_forbidden_to_an_applicant(client, applicant):
    client.force_login(applicant)
    assert dashboard(client).status_code == 403
    assert download(client, "participants", "xlsx").status_code == 403


# --- The dashboard ------------------------------------------------------------------------------


def test_figures_dashboard_shows_progress_against_default_targets(site_tree, coordinator_client, intake):
    accepted(intake, gender=Gender.WOMAN, employment_status=EmploymentStatus.EMPLOYED)
    accepted(intake, gender=Gender.MAN, employment_status=EmploymentStatus.UNEMPLOYED)
    response = dashboard(coordinator_client)
    assert response.status_code == 200
    assert "2 participants counted" in response.text
    progress = figure_rows(response, "progress")
    assert progress["Participants"][:2] == ["3,500", "2"]
    assert progress["Employed at entry"][:2] == ["2,500", "1"]
    assert progress["Job seekers at entry"][:2] == ["1,000", "1"]
    assert progress["Women"][:2] == ["1,000", "1"]
    assert not ProgrammeTargets.objects.exists(), "reading the figures writes no targets"


def test_figures_dashboard_uses_the_programmes_own_targets(site_tree, coordinator_client, intake):
    ProgrammeTargets.objects.create(programme=intake.programme, participants=10, women=4, women_share_aim=60)
    accepted(intake, gender=Gender.WOMAN)
    response = dashboard(coordinator_client, intake=intake.pk)
    progress = figure_rows(response, "progress")
    assert progress["Participants"] == ["10", "1", "10.0 %"]
    assert progress["Women"] == ["4", "1", "25.0 %"]


def test_figures_dashboard_filters_by_intake(site_tree, coordinator_client, intake):
    other = factories.IntakeFactory(programme=intake.programme)
    accepted(intake, gender=Gender.WOMAN)
    accepted(other, gender=Gender.MAN)
    accepted(other, gender=Gender.MAN)

    everyone = figure_rows(dashboard(coordinator_client), "by-gender")
    assert everyone["Woman"][-1] == "1" and everyone["Man"][-1] == "2"
    response = dashboard(coordinator_client, intake=other.pk)
    assert "2 participants counted" in response.text
    only_other = figure_rows(response, "by-gender")
    assert only_other["Woman"][-1] == "0" and only_other["Man"][-1] == "2"


def test_figures_dashboard_filters_by_programme(site_tree, coordinator_client, intake):
    elsewhere = factories.ProgrammePageFactory(parent=site_tree.programme_index, title="Unga företagare")
    accepted(intake, gender=Gender.WOMAN)
    accepted(factories.IntakeFactory(programme=elsewhere), gender=Gender.MAN)
    response = dashboard(coordinator_client, programme=elsewhere.pk)
    assert "1 participant counted" in response.text
    assert figure_rows(response, "by-gender")["Man"][-1] == "1"
    assert "Unga företagare has no targets of its own yet" in response.text


def test_figures_dashboard_filters_by_period(site_tree, coordinator_client, intake):
    accepted(intake, decided_at=DAY)
    accepted(intake, decided_at=DAY + dt.timedelta(days=40))
    response = dashboard(coordinator_client, since="2026-03-01", until="2026-03-31")
    assert "1 participant counted" in response.text


def test_figures_dashboard_gives_field_errors_for_bad_dates(site_tree, coordinator_client):
    response = dashboard(coordinator_client, since="2026-13-45", until="yesterday")
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"since", "until"}
    assert 'id="id_since_error"' in response.text and 'aria-invalid="true"' in response.text
    assert "participants counted" not in response.text


def test_figures_dashboard_refuses_a_period_that_ends_before_it_starts(site_tree, coordinator_client):
    response = dashboard(coordinator_client, since="2026-03-31", until="2026-03-01")
    assert list(response.context["form"].errors) == ["until"]


def test_figures_dashboard_warns_where_womens_share_falls_below_the_aim(
    site_tree, coordinator_client, intake
):
    accepted(intake, gender=Gender.WOMAN)
    accepted(intake, gender=Gender.MAN)
    accepted(intake, gender=Gender.MAN)  # a third of those accepted are women: below the default 40 %
    response = dashboard(coordinator_client)
    pipeline = figure_rows(response, "pipeline")
    assert pipeline["Accepted"][:3] == ["1", "3", "33.3 %"]
    assert "Below the aim of 40.0 %" in pipeline["Accepted"][3]
    assert "below the aim of 40 % at these steps" in response.text


def test_figures_dashboard_gives_no_warning_where_women_reach_the_aim(site_tree, coordinator_client, intake):
    accepted(intake, gender=Gender.WOMAN)
    accepted(intake, gender=Gender.MAN)
    response = dashboard(coordinator_client)
    assert "At or above the aim" in figure_rows(response, "pipeline")["Accepted"][3]
    assert "at these steps" not in response.text


def test_figures_dashboard_shows_the_reviewers_score_gap(site_tree, coordinator_client, intake, coordinator):
    woman = factories.ApplicationFactory(intake=intake, status=Status.IN_REVIEW)
    man = factories.ApplicationFactory(
        intake=intake, status=Status.IN_REVIEW, applicant__profile__gender=Gender.MAN
    )
    Review.objects.create(application=woman, reviewer=coordinator, scores={}, score=3)
    Review.objects.create(application=man, reviewer=coordinator, scores={}, score=4)
    response = dashboard(coordinator_client)
    gap = figure_rows(response, "score-gap")
    assert gap["Woman"] == ["3.00", "1"] and gap["Man"] == ["4.00", "1"]
    assert "Women&#x27;s mean score minus men&#x27;s: -1.00 points." in response.text


def test_figures_dashboard_draws_each_chart_next_to_its_table(site_tree, coordinator_client, intake):
    accepted(intake)
    text = dashboard(coordinator_client).text
    charts = re.findall(r'<svg class="bar-chart" role="img" aria-labelledby="([\w-]+)-title"', text)
    tables = text.count('<table class="table figure__table">')
    assert len(charts) == tables >= 12
    assert "<script" not in text.split("<main", 1)[1].split("</main>", 1)[0]


def test_figures_dashboard_charts_keep_svg_numbers_unlocalised_in_swedish(
    site_tree, coordinator_client, intake
):
    accepted(intake)
    translation.activate("sv")

    text = coordinator_client.get(reverse("mentoring:figures_dashboard"), HTTP_ACCEPT_LANGUAGE="sv").text

    assert 'lang="sv"' in text
    # A decimal comma would turn y="37,0" into two numbers: a position for each of the first glyphs.
    coordinates = re.findall(r'\b(?:x|y|width|height|x1|x2|y1|y2)="([^"]*)"', text.split("<main", 1)[1])
    assert coordinates and not [value for value in coordinates if "," in value]


def test_figures_dashboard_queries_do_not_grow_with_participants(
    site_tree, coordinator_client, intake, django_assert_max_num_queries
):
    factories.bulk_applications(intake, 3, status=Status.ACCEPTED)
    dashboard(coordinator_client)  # warms the site frame's caches, as any earlier page would
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        dashboard(coordinator_client)
    factories.bulk_applications(factories.IntakeFactory(), 27, status=Status.ACCEPTED)
    with django_assert_max_num_queries(len(few)):
        response = dashboard(coordinator_client)
    assert "30 participants counted" in response.text


def _grow(intake, n: int) -> None:
    """`n` more participants, each half with an ended mentorship and an outcome at exit."""
    applications = factories.bulk_applications(intake, n, status=Status.ACCEPTED)
    Application.objects.filter(pk__in=[a.pk for a in applications]).update(decided_at=DAY)
    for application in applications[::2]:
        factories.MentorshipFactory(
            participant=application, mentor=factories.MentorProfileFactory(), status="completed"
        )
    Outcome.objects.bulk_create(
        Outcome(participant=a, point="exit", result="new_job", source="web", recorded_at=DAY)
        for a in applications[::2]
    )


def test_figures_page_and_downloads_take_the_same_queries_at_two_sizes(
    site_tree, coordinator_client, intake, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pages = {
        "page": lambda: dashboard(coordinator_client),
        "figures.xlsx": lambda: download(coordinator_client, "figures", "xlsx"),
        "figures.csv": lambda: download(coordinator_client, "figures", "csv"),
        "participants.xlsx": lambda: download(coordinator_client, "participants", "xlsx"),
    }

    def queries() -> dict[str, int]:
        counted = {}
        for name, get in pages.items():
            with CaptureQueriesContext(connection) as captured:
                assert get().status_code == 200
            counted[name] = len(captured)
        return counted

    _grow(intake, 4)
    dashboard(coordinator_client)  # warms the site frame's caches, as any earlier page would
    few = queries()
    _grow(factories.IntakeFactory(), 60)
    with django_assert_max_num_queries(few["page"]):
        response = dashboard(coordinator_client)

    assert "64 participants counted" in response.text
    assert queries() == few


# --- Downloads ----------------------------------------------------------------------------------


def test_figures_download_xlsx_holds_the_filtered_figures(site_tree, coordinator_client, intake):
    other = factories.IntakeFactory(programme=intake.programme)
    accepted(intake, gender=Gender.WOMAN)
    accepted(other, gender=Gender.MAN)
    response = download(coordinator_client, "figures", "xlsx", intake=intake.pk)
    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="figures-{today}.xlsx"'
    cells = xlsx_cells(response.content)
    assert any(row[:1] == ["Participants"] and row[1:6] == [1, 0, 0, 0, 1] for row in cells), cells[:5]


def test_figures_download_csv_holds_the_figures(site_tree, coordinator_client, intake):
    accepted(intake, gender=Gender.WOMAN)
    accepted(intake, gender=Gender.MAN)
    response = download(coordinator_client, "figures", "csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["Participants", "1", "1", "0", "0", "2", "100.0"] in rows


def test_participant_list_names_nobody_and_honours_the_filters(site_tree, coordinator_client, intake):
    accepted(intake, gender=Gender.WOMAN)
    accepted(factories.IntakeFactory(programme=intake.programme), gender=Gender.MAN)
    response = download(coordinator_client, "participants", "csv", intake=intake.pk)
    assert 'filename="participants-' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2  # the header and one participant
    assert rows[1][0].startswith("P-")
    assert "@example.org" not in text
    cells = xlsx_cells(download(coordinator_client, "participants", "xlsx", intake=intake.pk).content)
    assert len(cells) == 2


@pytest.mark.parametrize(("what", "fmt"), [("secrets", "csv"), ("figures", "pdf"), ("participants", "json")])
def test_figures_download_of_an_unknown_kind_is_404(coordinator_client, what, fmt):
    assert download(coordinator_client, what, fmt).status_code == 404


def test_figures_download_with_bad_filters_goes_back_to_the_dashboard(coordinator_client):
    response = download(coordinator_client, "figures", "xlsx", since="not-a-day")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mentoring:figures_dashboard"))


# --- Targets in the Wagtail admin ---------------------------------------------------------------


def test_coordinators_edit_programme_targets_in_the_admin(site_tree, coordinator_client):
    add_url = reverse("programme_targets:add")
    assert coordinator_client.get(reverse("programme_targets:index")).status_code == 200
    response = coordinator_client.post(
        add_url,
        {
            "programme": site_tree.programme.pk,
            "participants": 100,
            "women": 50,
            "employed": 60,
            "job_seekers": 40,
            "women_share_aim": 50,
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert ProgrammeTargets.objects.get(programme=site_tree.programme).participants == 100


def test_programme_targets_are_not_for_editors(site_tree, client):
    client.force_login(factories.user_with_role(roles.EDITORS))
    response = client.get(reverse("programme_targets:index"))
    assert response.status_code in (302, 403)
    assert ProgrammeTargets.objects.count() == 0


@pytest.mark.parametrize("page", ["mentoring:intake_list", "account_home"])
def test_coordinators_find_the_figures_from_their_pages(site_tree, coordinator_client, page):
    assert reverse("mentoring:figures_dashboard") in coordinator_client.get(reverse(page)).text


# --- A programme in two languages ---------------------------------------------------------------


@pytest.fixture
def english_programme(site_tree):
    """The site's programme in English too: a localized copy of the Swedish page (one translation key)."""
    from wagtail.models import Locale

    locale = Locale.objects.create(language_code="en")
    translation_ = site_tree.programme.copy_for_translation(locale, copy_parents=True)
    translation_.title = "Women's entrepreneurship"
    translation_.save_revision().publish()
    translation_.refresh_from_db()
    return translation_


def programme_options(response, name: str = "programme") -> list[tuple[str, str, bool]]:
    """The options of the filter `name` as (value, text, selected)."""
    select = re.search(rf'<select name="{name}".*?</select>', response.text, re.S)
    assert select, f"no {name} filter"
    return [
        (value, text.strip(), "selected" in attributes)
        for value, attributes, text in re.findall(
            r'<option value="([^"]*)"([^>]*)>(.*?)</option>', select.group(0), re.S
        )
    ]


def test_figures_programme_filter_lists_a_programme_once_in_the_readers_language(
    site_tree, coordinator_client, intake, english_programme
):
    response = dashboard(coordinator_client)
    programmes = programme_options(response)[1:]
    assert programmes == [(str(english_programme.pk), "Women&#x27;s entrepreneurship", False)]
    assert programme_options(response, "intake")[1:] == [
        (str(intake.pk), f"{intake.title} (Women&#x27;s entrepreneurship)", False)
    ]

    with translation.override("sv"):
        response = coordinator_client.get(reverse("mentoring:figures_dashboard"), HTTP_ACCEPT_LANGUAGE="sv")
    assert programme_options(response)[1:] == [
        (str(site_tree.programme.pk), site_tree.programme.title, False)
    ]


@pytest.mark.parametrize("language", ["swedish", "english"])
def test_figures_programme_filter_counts_the_same_participants_by_either_languages_page(
    site_tree, coordinator_client, intake, english_programme, coordinator, language
):
    assert intake.programme == site_tree.programme
    accepted(intake, gender=Gender.WOMAN)
    accepted(intake, gender=Gender.MAN)
    scored = factories.ApplicationFactory(intake=intake, status=Status.IN_REVIEW)
    Review.objects.create(application=scored, reviewer=coordinator, scores={}, score=4)
    ProgrammeTargets.objects.create(programme=site_tree.programme, participants=8)
    page = site_tree.programme if language == "swedish" else english_programme

    response = dashboard(coordinator_client, programme=page.pk)

    assert "2 participants counted" in response.text
    assert figure_rows(response, "by-gender")["Man"][-1] == "1"
    assert figure_rows(response, "score-gap")["Woman"] == ["4.00", "1"]
    assert figure_rows(response, "progress")["Participants"] == ["8", "2", "25.0 %"]
    assert "The targets of Women&#x27;s entrepreneurship." in response.text
    # The list shows the programme chosen, under the reader's language's page, whichever page the link named.
    assert [option for option in programme_options(response) if option[2]] == [
        (str(english_programme.pk), "Women&#x27;s entrepreneurship", True)
    ]


def test_figures_download_by_the_other_languages_programme_page_holds_the_same_figures(
    site_tree, coordinator_client, intake, english_programme
):
    accepted(intake, gender=Gender.WOMAN)
    response = download(coordinator_client, "figures", "csv", programme=english_programme.pk)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["Participants", "1", "0", "0", "0", "1", "100.0"] in rows
