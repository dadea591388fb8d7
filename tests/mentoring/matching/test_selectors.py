import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from mentoring.applications.workflow import Status
from mentoring.core.choices import Gender, MeetingMode, Municipality, SupportNeed, WomanMentor
from mentoring.matching.engine import Mentor, Participant
from mentoring.matching.forms import LOCKED_ONLY, UNLOCKED_ONLY, BoardFilterForm
from mentoring.matching.selectors import matching_inputs, mentors_to_swap_to
from mentoring.matching.selectors.board import PairRow, matching_board, pairs_filtered, run_progress_text
from mentoring.matching.services import matching_run, matching_run_start
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import MatchingRun
from tests import factories

# Participants, mentors, declined pairs: one query each, whatever the cohort's size.
MATCHING_QUERIES = 3


@pytest.fixture
def accepted(application_in):
    return application_in(Status.ACCEPTED)


@pytest.mark.django_db
def test_matching_inputs_maps_an_accepted_application_and_its_profile(application_in, now):
    application = application_in(
        Status.ACCEPTED,
        applicant=factories.ApplicantFactory(
            profile__municipality=Municipality.KUNGALV, profile__languages=["sv", "so"]
        ),
        business_sector="I",
        support_needs=[SupportNeed.FINANCING.value, SupportNeed.MARKETING_SALES.value],
        mentor_languages=["sv", "so"],
        woman_mentor=WomanMentor.REQUIRED,
        meeting_mode=MeetingMode.IN_PERSON,
    )

    participants, _mentors = matching_inputs(intake=application.intake, now=now)

    assert participants == [
        Participant(
            id=application.pk,
            sector="I",
            needs=frozenset({"financing", "marketing_sales"}),
            languages=frozenset({"sv", "so"}),
            required_language="so",
            municipality="kungalv",
            online_ok=False,
            woman_mentor="required",
            former_employer=None,
        )
    ]


@pytest.mark.django_db
def test_matching_inputs_asks_for_no_language_when_only_swedish_and_treats_other_municipality_as_none(
    application_in, now
):
    application = application_in(
        Status.ACCEPTED,
        applicant=factories.ApplicantFactory(profile__municipality=Municipality.OTHER),
        internal_note="Lives outside the region but works in Mölndal.",
        mentor_languages=["sv"],
        meeting_mode=MeetingMode.EITHER,
    )

    [participant], _mentors = matching_inputs(intake=application.intake, now=now)

    assert (participant.required_language, participant.municipality, participant.online_ok) == (
        None,
        None,
        True,
    )


@pytest.mark.django_db
def test_matching_inputs_leaves_out_undecided_other_intakes_and_participants_with_a_mentor(
    intake, application_in, now
):
    waiting = application_in(Status.ACCEPTED)
    application_in(Status.SUBMITTED)
    application_in(Status.WAITLISTED)
    proposed = factories.MentorshipFactory(participant=application_in(Status.ACCEPTED))
    factories.MentorshipFactory(
        participant=application_in(Status.ACCEPTED), status=MentorshipStatus.ACTIVE, mentor=proposed.mentor
    )
    declined = application_in(Status.ACCEPTED)
    factories.MentorshipFactory(participant=declined, status=MentorshipStatus.DECLINED)
    factories.ApplicationFactory(status=Status.ACCEPTED)  # another intake

    participants, _mentors = matching_inputs(intake=intake, now=now)

    assert [p.id for p in participants] == sorted([waiting.pk, declined.pk])


@pytest.mark.django_db
def test_matching_inputs_gives_mentors_free_places_and_pauses(intake, now):
    busy = factories.MentorProfileFactory(
        capacity=3,
        sectors=["I"],
        expertise=["financing"],
        languages=["sv", "ar"],
        municipality=Municipality.PARTILLE,
        online_ok=False,
        gender=Gender.MAN,
        company_ties=["Volvo Cars"],
    )
    for status in (MentorshipStatus.PROPOSED, MentorshipStatus.ACTIVE, MentorshipStatus.DECLINED):
        factories.MentorshipFactory(mentor=busy, status=status)
    full = factories.MentorProfileFactory(capacity=1)
    factories.MentorshipFactory(mentor=full, status=MentorshipStatus.ACTIVE)
    paused = factories.MentorProfileFactory(paused=True)
    coming_back = factories.MentorProfileFactory(back_on=now.date() + dt.timedelta(days=10))
    back = factories.MentorProfileFactory(back_on=now.date() - dt.timedelta(days=1))
    undisclosed = factories.MentorProfileFactory(gender="")
    factories.MentorProfileFactory(unapproved=True)

    _participants, mentors = matching_inputs(intake=intake, now=now)

    by_id = {m.id: m for m in mentors}
    assert list(by_id) == [busy.pk, full.pk, paused.pk, coming_back.pk, back.pk, undisclosed.pk]
    assert by_id[busy.pk] == Mentor(
        id=busy.pk,
        sectors=frozenset({"I"}),
        expertise=frozenset({"financing"}),
        languages=frozenset({"sv", "ar"}),
        municipality="partille",
        online_ok=False,
        capacity=1,
        is_woman=False,
        paused=False,
        company_ties=frozenset({"Volvo Cars"}),
    )
    assert by_id[full.pk].capacity == 0
    assert [by_id[m.pk].paused for m in (paused, coming_back, back)] == [True, True, False]
    assert by_id[undisclosed.pk].is_woman is None
    assert by_id[back.pk].is_woman is True


@pytest.mark.django_db
def test_matching_run_never_proposes_a_pair_declined_before(intake, accepted, now):
    best = factories.MentorProfileFactory(
        sectors=[accepted.business_sector], expertise=accepted.support_needs
    )
    other = factories.MentorProfileFactory(sectors=[], expertise=[])
    factories.MentorshipFactory(participant=accepted, mentor=best, status=MentorshipStatus.DECLINED)

    result = matching_run(intake=intake, now=now)

    assert result.mentor_of == {accepted.pk: other.pk}


@pytest.mark.django_db
def test_matching_run_keeps_locks_honours_exclusions_and_gives_reasons(intake, application_in, now):
    first, second = application_in(Status.ACCEPTED), application_in(Status.ACCEPTED)
    strong = factories.MentorProfileFactory(
        capacity=1, sectors=[first.business_sector], expertise=first.support_needs
    )
    weak = factories.MentorProfileFactory(capacity=1, sectors=[], expertise=[])

    locked = matching_run(intake=intake, now=now, locked=[(second.pk, strong.pk)])
    excluded = matching_run(intake=intake, now=now, excluded=[(first.pk, strong.pk), (second.pk, strong.pk)])

    assert locked.mentor_of == {first.pk: weak.pk, second.pk: strong.pk}
    assert [pair.locked for pair in locked.pairs] == [False, True]
    assert "same sector" in locked.pairs[1].explain()
    assert list(excluded.mentor_of.values()) == [weak.pk]
    assert len(excluded.unmatched) == 1


@pytest.mark.django_db
def test_matching_run_drops_locks_of_participants_matched_meanwhile(intake, accepted, now):
    mentor = factories.MentorProfileFactory()
    gone = factories.MentorshipFactory(participant__intake=intake, mentor=mentor)

    result = matching_run(intake=intake, now=now, locked=[(gone.participant_id, mentor.pk)])

    assert result.mentor_of == {accepted.pk: mentor.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("size", [5, 50])
def test_matching_run_queries_do_not_grow_with_the_cohort(intake, now, size, django_assert_max_num_queries):
    factories.bulk_applications(intake, size, status=Status.ACCEPTED)
    mentors = [factories.MentorProfileFactory(capacity=10) for _ in range(size // 5)]
    factories.MentorshipFactory(mentor=mentors[0], participant__intake=intake)

    with django_assert_max_num_queries(MATCHING_QUERIES):
        result = matching_run(intake=intake, now=now)

    assert len(result.pairs) == size


# --- The board -----------------------------------------------------------------------------------


def _pair(participant_id, mentor_id, *, participant="", idea_title="", mentor="", score=1.0, locked=False):
    return PairRow(
        participant_id=participant_id,
        mentor_id=mentor_id,
        participant=participant,
        idea_title=idea_title,
        mentor=mentor,
        score=score,
        reasons=[],
        locked=locked,
        excluded=False,
        taken=False,
        value=f"{participant_id}-{mentor_id}",
        confirmable=True,
    )


BOARD_ROWS = [
    _pair(1, 10, participant="Anna Ek", idea_title="Cykelkök", mentor="Maja Berg", score=4.0),
    _pair(2, 11, participant="bo Al", idea_title="Bageri", mentor="Ali Nord", score=7.5, locked=True),
    _pair(3, 10, participant="Cecilia Ås", idea_title="Kaffebil", mentor="Maja Berg", score=7.5),
]
NO_FILTERS = {"search": "", "mentor_id": None, "min_score": None, "locked": "", "sort": "-score"}


def ids(rows) -> list[int]:
    return [row.participant_id for row in rows]


def test_pairs_filtered_sorts_by_score_highest_first_then_by_participant():
    assert ids(pairs_filtered(BOARD_ROWS, **NO_FILTERS)) == [2, 3, 1]


def test_pairs_filtered_sorts_by_participant_or_by_mentor_ignoring_case():
    assert ids(pairs_filtered(BOARD_ROWS, **NO_FILTERS | {"sort": "participant"})) == [1, 2, 3]
    assert ids(pairs_filtered(BOARD_ROWS, **NO_FILTERS | {"sort": "mentor"})) == [2, 3, 1]


def test_pairs_filtered_search_needs_every_word_in_participant_idea_or_mentor():
    assert ids(pairs_filtered(BOARD_ROWS, **NO_FILTERS | {"search": "maja KAFFE"})) == [3]
    assert ids(pairs_filtered(BOARD_ROWS, **NO_FILTERS | {"search": "maja bageri"})) == []


def test_pairs_filtered_by_mentor_minimum_score_and_lock():
    assert ids(pairs_filtered(BOARD_ROWS, **NO_FILTERS | {"mentor_id": 10})) == [3, 1]
    assert ids(pairs_filtered(BOARD_ROWS, **NO_FILTERS | {"min_score": Decimal("7.5")})) == [2, 3]
    assert ids(pairs_filtered(BOARD_ROWS, **NO_FILTERS | {"locked": LOCKED_ONLY})) == [2]
    assert ids(pairs_filtered(BOARD_ROWS, **NO_FILTERS | {"locked": UNLOCKED_ONLY})) == [3, 1]


def test_run_progress_text_says_where_the_run_stands():
    with translation.override("en"):
        assert run_progress_text(MatchingRun(state=MatchingRun.State.RUNNING, progress=40)) == (
            "Matching is running: 40% done."
        )
        assert run_progress_text(MatchingRun(state=MatchingRun.State.FAILED)) == "Matching failed."


@pytest.mark.django_db
def test_matching_board_offers_only_the_runs_mentors_and_drops_another_as_a_filter(
    application_in, coordinator, now
):
    application = application_in(Status.ACCEPTED)
    in_run = factories.MentorProfileFactory(capacity=1)
    matching_run_start(intake=application.intake, actor=coordinator, now=now)
    outside = factories.MentorProfileFactory(capacity=1)

    filters = BoardFilterForm({"mentor": str(outside.pk)})
    board = matching_board(intake=application.intake, filters=filters)

    assert [pk for pk, _name in filters.fields["mentor"].choices if pk] == [in_run.pk]
    assert ids(board.rows) == [application.pk] and board.matched_count == 1


@pytest.mark.django_db
def test_mentors_to_swap_to_have_a_free_place_and_match_every_word_by_name_or_email(now):
    anna = factories.MentorProfileFactory(
        capacity=1, user__first_name="Anna", user__last_name="Berg", user__email="anna.berg@example.org"
    )
    factories.MentorProfileFactory(
        capacity=1, user__first_name="Anna", user__last_name="Holm", user__email="a.holm@example.org"
    )
    full = factories.MentorProfileFactory(capacity=1, user__first_name="Anna", user__last_name="Full")
    factories.MentorshipFactory(mentor=full)

    assert [m.pk for m in mentors_to_swap_to(now=now, search="anna berg")] == [anna.pk]
    assert [m.pk for m in mentors_to_swap_to(now=now, search="BERG@example")] == [anna.pk]
    assert full.pk not in [m.pk for m in mentors_to_swap_to(now=now, search="anna")]
