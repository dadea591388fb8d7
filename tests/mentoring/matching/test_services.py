"""The matching board: runs (at once or queued), locks, exclusions, swaps, confirmation, pages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from mentoring.applications.workflow import Status
from mentoring.matching import services as matching_services
from mentoring.matching.services import (
    MatchingBoardError,
    matching_choice_clear,
    matching_choice_set,
    matching_confirm,
    matching_run_execute,
    matching_run_start,
    matching_swap,
)
from mentoring.mentorships.services.lifecycle import mentorship_decline
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import MatchingChoice, MatchingRun, Mentorship
from portal import roles
from tests import factories

pytestmark = pytest.mark.django_db

LOCK, EXCLUDE = MatchingChoice.Kind.LOCK, MatchingChoice.Kind.EXCLUDE


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def accepted(application_in):
    """`accepted(**fields)`: an accepted participant of `intake`."""
    return lambda **kwargs: application_in(Status.ACCEPTED, **kwargs)


def mentor(**kwargs):
    return factories.MentorProfileFactory(**kwargs)


def pairs_of(run) -> dict[int, int]:
    return {pair["participant"]: pair["mentor"] for pair in run.pairs}


def run_now(intake, coordinator, now) -> MatchingRun:
    return matching_run_start(intake=intake, actor=coordinator, now=now)


# --- Runs --------------------------------------------------------------------


def test_matching_run_start_runs_a_small_cohort_at_once_with_coded_reasons(
    intake, coordinator, accepted, now
):
    anna, bea = accepted(), accepted()
    maja = mentor(capacity=2)

    run = run_now(intake, coordinator, now)

    assert run.state == MatchingRun.State.DONE and run.progress == 100 and run.finished_at == now
    assert pairs_of(run) == {anna.pk: maja.pk, bea.pk: maja.pk}
    assert ["same_sector", {"sector": "S"}] in run.pairs[0]["reasons"]
    assert (run.participants_count, run.mentors_count, run.started_by) == (2, 1, coordinator)
    assert run.total_score == pytest.approx(sum(pair["score"] for pair in run.pairs))


def test_matching_run_start_queues_a_large_cohort_and_the_task_finishes_it(
    intake, coordinator, accepted, now, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(matching_services, "INLINE_PAIRS_LIMIT", 1)
    anna = accepted()
    maja = mentor()

    with django_capture_on_commit_callbacks() as queued:
        run = run_now(intake, coordinator, now)
    assert run.state == MatchingRun.State.QUEUED and run.progress == 0
    assert len(queued) == 1

    queued[0]()  # the commit: django-q runs the task at once in the tests (sync)
    run.refresh_from_db()

    assert run.state == MatchingRun.State.DONE and run.progress == 100
    assert pairs_of(run) == {anna.pk: maja.pk}


def test_matching_run_start_while_a_run_is_going_on_returns_that_run(intake, coordinator, accepted, now):
    accepted()
    going = MatchingRun.objects.create(intake=intake, created_at=now, state=MatchingRun.State.RUNNING)

    assert run_now(intake, coordinator, now + dt.timedelta(minutes=1)) == going
    assert run_now(intake, coordinator, now + dt.timedelta(hours=1)) != going  # lost: a new run starts


def test_matching_run_execute_leaves_a_finished_run_alone(intake, coordinator, accepted, now):
    accepted()
    mentor()
    run = run_now(intake, coordinator, now)

    matching_run_execute(run_id=run.pk, clock=lambda: now + dt.timedelta(hours=1))

    run.refresh_from_db()
    assert run.finished_at == now


def test_matching_run_execute_records_a_failure(intake, coordinator, accepted, now, monkeypatch):
    accepted()
    mentor()

    def broken(**kwargs):
        raise RuntimeError("solver exploded")

    monkeypatch.setattr(matching_services, "match", broken)
    run = run_now(intake, coordinator, now)

    assert run.state == MatchingRun.State.FAILED
    assert "solver exploded" in run.error and run.pairs == []


# --- Locks, exclusions, swaps ------------------------------------------------


def test_matching_lock_is_kept_when_matching_runs_again(intake, coordinator, accepted, now):
    anna = accepted()
    first, second = mentor(capacity=1), mentor(capacity=1, sectors=["C"])
    assert pairs_of(run_now(intake, coordinator, now)) == {anna.pk: first.pk}

    matching_choice_set(intake=intake, participant=anna, mentor=second, kind=LOCK, actor=coordinator, now=now)
    run = run_now(intake, coordinator, now)

    assert pairs_of(run) == {anna.pk: second.pk}
    assert run.pairs[0]["locked"] is True


def test_matching_exclusion_is_respected_when_matching_runs_again(intake, coordinator, accepted, now):
    anna = accepted()
    first, second = mentor(capacity=1), mentor(capacity=1, sectors=["C"])

    matching_choice_set(
        intake=intake, participant=anna, mentor=first, kind=EXCLUDE, actor=coordinator, now=now
    )

    assert pairs_of(run_now(intake, coordinator, now)) == {anna.pk: second.pk}


def test_matching_lock_replaces_the_participants_other_lock_and_exclusion_removes_it(
    intake, coordinator, accepted, now
):
    anna = accepted()
    first, second = mentor(), mentor()
    kwargs = {"intake": intake, "participant": anna, "actor": coordinator, "now": now}

    matching_choice_set(mentor=first, kind=LOCK, **kwargs)
    matching_choice_set(mentor=second, kind=LOCK, **kwargs)
    assert list(MatchingChoice.objects.values_list("mentor", "kind")) == [(second.pk, LOCK)]

    matching_choice_set(mentor=second, kind=EXCLUDE, **kwargs)
    assert list(MatchingChoice.objects.values_list("mentor", "kind")) == [(second.pk, EXCLUDE)]

    assert matching_choice_clear(mentor=second, kind=EXCLUDE, **kwargs) is True
    assert not MatchingChoice.objects.exists()


def test_matching_choice_refuses_a_participant_not_accepted_or_of_another_intake(
    intake, coordinator, application_in, now
):
    submitted = application_in(Status.SUBMITTED)
    elsewhere = factories.ApplicationFactory(status=Status.ACCEPTED, now=now, coordinator=coordinator)
    for participant in (submitted, elsewhere):
        with pytest.raises(MatchingBoardError):
            matching_choice_set(
                intake=intake, participant=participant, mentor=mentor(), kind=LOCK, actor=coordinator, now=now
            )
    with pytest.raises(MatchingBoardError):
        matching_choice_set(
            intake=intake,
            participant=factories.ApplicationFactory(intake=intake, status=Status.ACCEPTED, now=now),
            mentor=mentor(unapproved=True),
            kind=LOCK,
            actor=coordinator,
            now=now,
        )
    assert not MatchingChoice.objects.exists()


def test_matching_swap_locks_the_chosen_mentor_and_refuses_a_full_one(intake, coordinator, accepted, now):
    anna = accepted()
    other = mentor(capacity=1)
    full = mentor(capacity=1)
    factories.MentorshipFactory(mentor=full, status=MentorshipStatus.ACTIVE)

    matching_swap(intake=intake, participant=anna, mentor=other, actor=coordinator, now=now)
    assert MatchingChoice.objects.get(participant=anna).mentor == other

    with pytest.raises(MatchingBoardError, match="no free places"):
        matching_swap(intake=intake, participant=anna, mentor=full, actor=coordinator, now=now)
    assert MatchingChoice.objects.get(participant=anna).mentor == other


# --- Confirmation ------------------------------------------------------------


def test_matching_confirm_proposes_pairs_and_reports_a_full_mentor(intake, coordinator, accepted, now):
    anna, bea = accepted(), accepted()
    maja = mentor(capacity=1)
    stina = mentor(capacity=1, sectors=["C"])
    run = run_now(intake, coordinator, now)
    assert pairs_of(run) == {anna.pk: maja.pk, bea.pk: stina.pk}
    matching_choice_set(intake=intake, participant=anna, mentor=maja, kind=LOCK, actor=coordinator, now=now)
    factories.MentorshipFactory(mentor=stina, status=MentorshipStatus.ACTIVE)  # her place is taken meanwhile

    outcomes = matching_confirm(
        intake=intake, run=run, pairs=[(anna.pk, maja.pk), (bea.pk, stina.pk)], actor=coordinator, now=now
    )

    assert [(o.participant_id, o.proposed) for o in outcomes] == [(anna.pk, True), (bea.pk, False)]
    assert "no free places" in outcomes[1].error
    proposed = Mentorship.objects.get(participant=anna)
    assert (proposed.mentor, proposed.status, proposed.reasons) == (maja, "proposed", run.pairs[0]["reasons"])
    assert not Mentorship.objects.filter(participant=bea).exists()
    assert not MatchingChoice.objects.filter(
        participant=anna
    ).exists()  # confirmed: the lock has done its work


def test_matching_confirm_refuses_pairs_not_in_the_run_and_outdated_runs(intake, coordinator, accepted, now):
    anna = accepted()
    maja, other = mentor(), mentor(sectors=["C"])
    run = run_now(intake, coordinator, now)
    assert pairs_of(run) == {anna.pk: maja.pk}

    (outcome,) = matching_confirm(
        intake=intake, run=run, pairs=[(anna.pk, other.pk)], actor=coordinator, now=now
    )
    assert not outcome.proposed and "not in the run" in outcome.error

    run_now(intake, coordinator, now + dt.timedelta(minutes=1))
    with pytest.raises(MatchingBoardError, match="run again"):
        matching_confirm(intake=intake, run=run, pairs=[(anna.pk, maja.pk)], actor=coordinator, now=now)
    assert not Mentorship.objects.exists()


def test_matching_declined_pair_is_excluded_from_the_next_run(intake, coordinator, accepted, now):
    anna = accepted()
    maja, stina = mentor(capacity=1), mentor(capacity=1, sectors=["C"])
    proposal = factories.MentorshipFactory(participant=anna, mentor=maja)
    mentorship_decline(mentorship=proposal, actor=maja.user, now=now, reason="Vi har arbetat ihop förut.")

    assert pairs_of(run_now(intake, coordinator, now)) == {anna.pk: stina.pk}


# --- Pages -------------------------------------------------------------------


@pytest.fixture
def coordinator_client(client, coordinator, site_tree):
    client.force_login(coordinator)
    return client


def board_url(intake, query=""):
    return reverse("mentoring:matching_board", args=[intake.pk]) + (f"?{query}" if query else "")


def test_board_shows_pairs_with_reasons_in_words_and_runs_again(coordinator_client, intake, accepted):
    anna = accepted(idea_title="Cykelkök")
    mentor(user__first_name="Maja", user__last_name="Mentorsson")

    response = coordinator_client.post(reverse("mentoring:matching_run", args=[intake.pk]))
    assert response.status_code == 302 and response.url == board_url(intake)
    page = coordinator_client.get(board_url(intake)).text

    assert (
        "Cykelkök" in page
        and "Maja Mentorsson" in page
        and anna.applicant.applicant_profile.full_name in page
    )
    assert "same sector: Other services" in page and "covers 2 of 2 needs" in page
    assert "Run again (locks kept)" in page


def test_board_filters_and_sorts_pairs(coordinator_client, intake, coordinator, accepted, now):
    high, low = accepted(idea_title="Hög"), accepted(idea_title="Låg", support_needs=["marketing"])
    maja = mentor(capacity=2)
    run_now(intake, coordinator, now)

    rows = coordinator_client.get(board_url(intake)).context["rows"]
    assert [row.participant_id for row in rows] == [high.pk, low.pk]
    best = rows[0].score

    assert [
        r.participant_id
        for r in coordinator_client.get(board_url(intake, f"min_score={best}")).context["rows"]
    ] == [high.pk]
    assert [r.participant_id for r in coordinator_client.get(board_url(intake, "q=låg")).context["rows"]] == [
        low.pk
    ]
    matching_choice_set(intake=intake, participant=low, mentor=maja, kind=LOCK, actor=coordinator, now=now)
    locked = coordinator_client.get(board_url(intake, f"locked=locked&mentor={maja.pk}")).context["rows"]
    assert [row.participant_id for row in locked] == [low.pk]
    ignored = coordinator_client.get(board_url(intake, "min_score=abc&sort=nonsense"))
    assert ignored.status_code == 200 and len(ignored.context["rows"]) == 2


def test_board_shows_the_progress_of_a_queued_run_and_the_poll_reports_it(coordinator_client, intake, now):
    run = MatchingRun.objects.create(
        intake=intake, created_at=now, state=MatchingRun.State.RUNNING, progress=40
    )

    page = coordinator_client.get(board_url(intake)).text
    progress = coordinator_client.get(reverse("mentoring:matching_progress", args=[run.pk]))

    assert '<progress id="matching-progress-bar" max="100" value="40">' in page
    assert 'aria-live="polite"' in page and "js/matching-progress" in page
    assert progress.json() == {
        "state": "running",
        "progress": 40,
        "finished": False,
        "text": progress.json()["text"],
    }
    assert "40" in progress.json()["text"]


def test_board_choice_locks_a_pair_and_keeps_the_boards_query(
    coordinator_client, intake, coordinator, accepted, now
):
    anna = accepted()
    maja = mentor()
    url = reverse("mentoring:matching_choice", args=[intake.pk]) + "?sort=mentor&page=1"

    response = coordinator_client.post(url, {"participant": anna.pk, "mentor": maja.pk, "action": "lock"})

    assert response.status_code == 302 and response.url == board_url(intake, "sort=mentor&page=1")
    assert MatchingChoice.objects.get(participant=anna, mentor=maja).kind == LOCK


def swap_url(intake, participant, query=""):
    url = reverse("mentoring:matching_swap_mentors", args=[intake.pk, participant.pk])
    return f"{url}?{query}" if query else url


def test_board_links_each_pair_to_choosing_another_mentor_and_lists_no_mentors_itself(
    coordinator_client, intake, coordinator, accepted, now
):
    anna = accepted()
    mentor(capacity=1)
    run_now(intake, coordinator, now)
    others = [mentor(capacity=1, user__first_name=f"Extra{n}") for n in range(3)]

    page = coordinator_client.get(board_url(intake, "sort=mentor")).text

    assert "<select" not in page.split('id="pairs-heading"')[1]
    assert all(other.user.first_name not in page for other in others)
    assert f'href="{swap_url(intake, anna, "board=sort%3Dmentor")}"' in page


def test_swap_mentors_lists_free_mentors_but_the_current_one_searchable_with_nothing_chosen(
    coordinator_client, intake, coordinator, accepted, now
):
    anna = accepted()
    run = run_now(intake, coordinator, now)
    current = pairs_of(run)[anna.pk] if run.pairs else None
    berg = mentor(capacity=1, user__first_name="Britt", user__last_name="Berg")
    holm = mentor(capacity=1, user__first_name="Hans", user__last_name="Holm")
    full = mentor(capacity=1, user__first_name="Fia", user__last_name="Full")
    factories.MentorshipFactory(mentor=full)

    response = coordinator_client.get(swap_url(intake, anna))
    listed = [row["profile"].pk for row in response.context["mentors"]]
    searched = coordinator_client.get(swap_url(intake, anna, "q=berg"))

    assert berg.pk in listed and holm.pk in listed and full.pk not in listed and current not in listed
    assert [row["profile"].pk for row in searched.context["mentors"]] == [berg.pk]
    assert "<select" not in response.text and "selected" not in response.text


def test_swap_mentors_choosing_one_locks_the_pair_and_returns_to_the_board_as_it_was(
    coordinator_client, intake, accepted
):
    anna = accepted()
    berg = mentor(capacity=1, user__first_name="Britt", user__last_name="Berg")

    page = coordinator_client.get(swap_url(intake, anna, "board=sort%3Dmentor%26page%3D1")).text
    action = reverse("mentoring:matching_choice", args=[intake.pk]) + "?sort=mentor&amp;page=1"
    assert f'action="{action}"' in page
    response = coordinator_client.post(
        reverse("mentoring:matching_choice", args=[intake.pk]) + "?sort=mentor&page=1",
        {"participant": anna.pk, "mentor": berg.pk, "action": "swap"},
    )

    assert response.status_code == 302 and response.url == board_url(intake, "sort=mentor&page=1")
    assert MatchingChoice.objects.get(participant=anna).mentor == berg


def test_swap_mentors_is_404_for_a_participant_not_accepted_or_of_another_intake(
    coordinator_client, intake, application_in
):
    waiting = application_in(Status.WAITLISTED)
    elsewhere = factories.ApplicationFactory(status=Status.ACCEPTED)

    assert coordinator_client.get(swap_url(intake, waiting)).status_code == 404
    assert coordinator_client.get(swap_url(intake, elsewhere)).status_code == 404


def test_board_choice_with_invalid_data_is_a_message_not_an_error(coordinator_client, intake, accepted, now):
    anna = accepted()
    maja = mentor()
    for data in (
        {"participant": "x", "mentor": maja.pk, "action": "lock"},
        {"participant": anna.pk, "mentor": 999999, "action": "swap"},
        {"participant": anna.pk, "mentor": maja.pk, "action": "steal"},
        {},
    ):
        response = coordinator_client.post(
            reverse("mentoring:matching_choice", args=[intake.pk]), data, follow=True
        )
        assert response.status_code == 200
        assert any(message.level_tag == "error" for message in response.context["messages"])
    assert not MatchingChoice.objects.exists()


def test_board_confirm_proposes_and_says_what_failed(coordinator_client, intake, coordinator, accepted, now):
    anna, bea = accepted(), accepted()
    maja, stina = mentor(capacity=1), mentor(capacity=1, sectors=["C"])
    run = run_now(intake, coordinator, now)
    factories.MentorshipFactory(mentor=stina, status=MentorshipStatus.ACTIVE)

    response = coordinator_client.post(
        reverse("mentoring:matching_confirm", args=[intake.pk]),
        {"run": run.pk, "pairs": [f"{anna.pk}-{maja.pk}", f"{bea.pk}-{stina.pk}"]},
        follow=True,
    )

    texts = [str(message) for message in response.context["messages"]]
    assert "1 mentorship proposed. The mentor is asked to accept it." in texts
    assert any(
        bea.applicant.applicant_profile.full_name in text and "no free places" in text for text in texts
    )
    assert Mentorship.objects.get(participant=anna).status == "proposed"


def test_board_confirm_with_invalid_data_is_a_message_not_an_error(
    coordinator_client, intake, coordinator, now
):
    other_run = MatchingRun.objects.create(intake=factories.IntakeFactory(), created_at=now)
    for data in ({}, {"run": other_run.pk, "pairs": ["1-2"]}, {"run": "x", "pairs": ["nonsense"]}):
        response = coordinator_client.post(
            reverse("mentoring:matching_confirm", args=[intake.pk]), data, follow=True
        )
        assert response.status_code == 200
        assert any(message.level_tag == "error" for message in response.context["messages"])


def test_board_shows_a_declined_proposal_with_who_declined_and_why(coordinator_client, intake, accepted, now):
    anna = accepted()
    maja = mentor(user__first_name="Maja", user__last_name="Nej")
    proposal = factories.MentorshipFactory(participant=anna, mentor=maja)
    mentorship_decline(mentorship=proposal, actor=maja.user, now=now, reason="Vi har arbetat ihop förut.")

    page = coordinator_client.get(board_url(intake)).text

    assert "Declined by Maja Nej: Vi har arbetat ihop förut." in page


def test_board_is_forbidden_without_the_role_and_404_for_a_guessed_intake_or_run(
    client, site_tree, intake, coordinator
):
    client.force_login(factories.user_with_role(roles.EDITORS))
    assert client.get(board_url(intake)).status_code == 403
    assert client.post(reverse("mentoring:matching_run", args=[intake.pk])).status_code == 403
    assert not MatchingRun.objects.exists()

    client.force_login(coordinator)
    assert client.get(reverse("mentoring:matching_board", args=[999999])).status_code == 404
    assert client.post(reverse("mentoring:matching_run", args=[999999])).status_code == 404
    assert client.get(reverse("mentoring:matching_progress", args=[999999])).status_code == 404


def test_board_query_count_does_not_grow_with_the_pairs(
    coordinator_client, intake, coordinator, now, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    factories.bulk_applications(intake, 5, status=Status.ACCEPTED)
    mentors = [mentor(capacity=1) for _ in range(5)]
    run_now(intake, coordinator, now)
    coordinator_client.get(board_url(intake))  # warms the caches of the site frame
    with CaptureQueriesContext(connection) as few:
        assert len(coordinator_client.get(board_url(intake)).context["rows"]) == 5

    factories.bulk_applications(intake, 35, status=Status.ACCEPTED)
    mentors += [mentor(capacity=1) for _ in range(35)]
    matching_choice_set(
        intake=intake,
        participant=intake.applications.first(),
        mentor=mentors[-1],
        kind=EXCLUDE,
        actor=coordinator,
        now=now,
    )
    run_now(intake, coordinator, now + dt.timedelta(minutes=1))
    with django_assert_max_num_queries(len(few)):
        response = coordinator_client.get(board_url(intake))
    assert len(response.context["rows"]) == 40
