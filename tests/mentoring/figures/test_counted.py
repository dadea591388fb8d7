"""The figures' counts kept between requests (`mentoring.figures.counted`) are never older than the data.

These tests commit (a count made inside a transaction is never kept), so each change is seen as a
request after it would see it: the database triggers replace the version token at each commit.
"""

import pytest
from django.db import transaction
from django.db.models import F
from django.test import override_settings
from django.urls import reverse

from mentoring.figures import counted as figures_counted
from mentoring.figures.selectors.page import figures_page
from mentoring.models import (
    ApplicantProfile,
    Application,
    Attendance,
    Enrolment,
    FiguresVersion,
    Intake,
    Meeting,
    Mentorship,
    Outcome,
    Review,
)
from tests import factories
from tests.mentoring.figures import test_tallies as changes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Every write to these renews the token; of applications and profiles, what the figures read does
# (test_what_the_figures_never_read_renews_nothing).
EVERY_WRITE_COUNTS = [Attendance, Enrolment, Intake, Meeting, Mentorship, Outcome, Review]
NO_FILTERS = {"intake": None, "programme": None, "since": None, "until": None}


def token() -> str:
    return FiguresVersion.objects.get().token


def page_figures(filters: dict) -> dict:
    """What the figures page counts for `filters`: every figure, not the version it was counted under
    nor the targets (a default `ProgrammeTargets` is a new unsaved instance each time)."""
    shown = vars(figures_page(filters=filters)).copy()
    shown.pop("version")
    targets = shown.pop("targets")
    shown["targets_pk"] = targets.pk
    return shown


def from_scratch(filters: dict) -> dict:
    with override_settings(FIGURES_CACHE_SECONDS=0):
        return page_figures(filters)


@pytest.fixture
def world(site_tree):
    return changes.make_world(site_tree)


def test_every_write_to_a_counted_table_replaces_the_token(world, now):
    changes.step_applications_decided(world)
    changes.step_mentorships_started_and_ended(world)
    changes.step_outcomes_recorded(world)
    changes.step_course_hours_marked_and_confirmed(world)
    factories.ReviewFactory(application=world["people"]["anna"])
    for model in EVERY_WRITE_COUNTS:
        before = token()
        key = model._meta.pk.attname
        model.objects.filter(pk=model.objects.order_by("pk").first().pk).update(**{key: F(key)})
        assert token() != before, f"an update of {model.__name__} left the token"
    before = token()
    Attendance.objects.order_by("pk").first().delete()
    assert token() != before


def test_what_the_figures_never_read_renews_nothing(world):
    changes.step_applications_decided(world)
    anna = world["people"]["anna"]
    before = token()
    draft = factories.ApplicationFactory(intake=world["other"], applicant=anna.applicant)
    Application.objects.filter(pk=draft.pk).update(idea_title="Ett nytt namn")
    Application.objects.filter(pk=anna.pk).update(idea_title="Cykelkök", stage="started")
    ApplicantProfile.objects.filter(user=anna.applicant).update(phone="0701234567", first_name="Anna")
    draft.delete()
    assert token() == before

    for column, value in [("gender", "man"), ("birth_year", 1970), ("months_unemployed", 30)]:
        ApplicantProfile.objects.filter(user=anna.applicant).update(**{column: value})
        assert token() != before, column
        before = token()
    Application.objects.filter(pk=anna.pk).update(status="withdrawn")
    assert token() != before


def test_the_page_counts_equal_the_counts_from_scratch_after_every_kind_of_change(
    world, now, django_assert_max_num_queries
):
    for change in [*changes.CHANGES, lambda world: changes.step_erased(world, now)]:
        change(world)
        for filters in changes.filter_sets(world):
            assert page_figures(filters) == from_scratch(filters), (change, filters)
    # The last comparison read what the first one kept: the version, the programme's targets and no count.
    with django_assert_max_num_queries(2):
        figures_page(filters=NO_FILTERS)
    assert page_figures(NO_FILTERS)["participant_count"] == 6


def test_a_count_inside_a_transaction_is_neither_kept_nor_read(world):
    changes.step_applications_decided(world)
    kept = page_figures(NO_FILTERS)
    with transaction.atomic():
        Application.objects.filter(status="accepted").update(status="withdrawn")
        assert figures_counted.version_token() is None
        assert page_figures(NO_FILTERS)["participant_count"] == 0
        transaction.set_rollback(True)
    assert page_figures(NO_FILTERS) == kept
    assert kept["participant_count"] == 5


def test_without_the_version_row_nothing_is_kept_and_the_next_request_makes_one(world):
    changes.step_applications_decided(world)
    FiguresVersion.objects.all().delete()
    assert figures_counted.version_token() is None
    assert page_figures(NO_FILTERS) == from_scratch(NO_FILTERS)
    made = figures_counted.version_token()
    assert made is not None
    changes.step_waitlisted_accepted(world)
    assert figures_counted.version_token() != made
    assert page_figures(NO_FILTERS) == from_scratch(NO_FILTERS)


def test_the_figures_page_counts_once_and_shows_a_change_on_the_next_request(
    world, client, coordinator, django_assert_max_num_queries
):
    changes.step_applications_decided(world)
    client.force_login(coordinator)
    url = reverse("mentoring:figures_dashboard")
    first = client.get(url)
    with django_assert_max_num_queries(7):  # session, user, groups, version, the filters' choices; no count
        again = client.get(url)
    assert again.context["participant_count"] == first.context["participant_count"] == 5

    changes.step_waitlisted_accepted(world)
    assert client.get(url).context["participant_count"] == 6
    Outcome.objects.create(
        participant=world["people"]["bo"],
        point="exit",
        result="own_business",
        business_registered=True,
        source="web",
        recorded_at=changes.DAY,
    )
    assert client.get(url).context["businesses_total"] == 1
