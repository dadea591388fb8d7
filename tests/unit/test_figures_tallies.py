"""The tables made from tallies are the tables made from the participants themselves, for any cohort.

`all_tables` and `progress` read every participant (the reference); `tables_of` and `progress_of` read
only the counts a database hands over. Cohorts by hypothesis, codes outside the vocabularies and
blanks included (an erased profile, a result the vocabulary lost). No database.
"""

import os
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentoring.figures import arithmetic as figures

CHECKS = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "60")),
    deadline=None,
    derandomize=os.environ.get("CI", "").lower() == "true",
    database=None,
)
HOURS = st.decimals(min_value=0, max_value=40, places=1)
KEYS = {"gender": ["woman", "man", "non_binary", "undisclosed"], "municipality": ["molndal", "goteborg"]}


def codes(known) -> st.SearchStrategy[str]:
    return st.sampled_from([*known, "", "retired_code"])


@st.composite
def participants(draw) -> figures.ParticipantRow:
    exit_result = draw(st.none() | codes(figures.RESULTS))
    six_months = draw(st.none() | codes(figures.RESULTS))
    marked = draw(HOURS)
    return figures.ParticipantRow(
        pseudonym="P-0000000000",
        intake_id=1,
        programme_id=1,
        accepted_on=date(2026, 3, 1),
        gender=draw(codes(figures.GENDERS)),
        age_at_entry=draw(st.none() | st.integers(min_value=16, max_value=70)),
        employment_status=draw(codes(figures.EMPLOYMENT_STATUSES)),
        months_unemployed=draw(st.none() | st.integers(min_value=0, max_value=36)),
        municipality=draw(codes(["goteborg", "molndal", "kungalv"])),
        education_level=draw(codes(figures.EDUCATION_LEVELS)),
        former_sector=draw(codes(figures.FORMER_SECTORS)),
        matched=draw(st.booleans()),
        meetings=draw(st.integers(min_value=0, max_value=6)),
        exit_result=exit_result,
        exit_improved=None if exit_result is None else draw(st.booleans()),
        six_month_result=six_months,
        six_month_improved=None if six_months is None else draw(st.booleans()),
        business_registered=draw(st.booleans()),
        business_started_on=None,
        course_hours=marked,
        course_hours_confirmed=min(marked, draw(HOURS)),
    )


@CHECKS
@given(rows=st.lists(participants(), max_size=60), everyone=st.lists(participants(), max_size=20))
def test_tables_of_tallies_equal_the_tables_of_the_participants(rows, everyone):
    on_courses = [
        figures.CourseTimeRow(row.gender, row.course_hours, row.course_hours_confirmed) for row in everyone
    ]
    expected = figures.all_tables(rows, keys=KEYS, everyone_on_courses=on_courses)
    tables = figures.tables_of(
        figures.tallies_of(rows), keys=KEYS, everyone_on_courses=figures.course_tally_of(on_courses)
    )
    assert tables == expected


@CHECKS
@given(rows=st.lists(participants(), max_size=60))
def test_progress_of_tallies_equals_the_progress_of_the_participants(rows):
    targets = figures.Targets(participants=50, employed=30, job_seekers=10, women=20)
    assert figures.progress_of(figures.tallies_of(rows), targets=targets) == figures.progress(
        rows, targets=targets
    )


def test_tallies_count_each_participant_once_under_every_code():
    rows = [
        figures.ParticipantRow(
            pseudonym="P-1",
            intake_id=1,
            programme_id=1,
            accepted_on=date(2026, 3, 1),
            gender="",
            age_at_entry=22,
            employment_status="unemployed",
            months_unemployed=7,
            municipality="molndal",
            education_level="higher",
            former_sector="other",
            matched=True,
            meetings=0,
            exit_result="own_business",
            exit_improved=False,
            six_month_result=None,
            six_month_improved=None,
            business_registered=True,
            business_started_on=None,
        )
    ]
    tallies = figures.tallies_of(rows)
    assert tallies.participants() == 1
    assert tallies.counts["gender"] == {("", "undisclosed"): 1}
    assert tallies.counts["long_term_unemployed"] == {(True, "undisclosed"): 1}
    assert tallies.counts["age_band"] == {("under_25", "undisclosed"): 1}
    assert tallies.counts["six_month_result"] == {(None, "undisclosed"): 1}


def test_outcomes_of_refuses_an_unknown_point():
    with pytest.raises(ValueError):
        figures.outcomes_of(figures.Tallies(), point="one_year")
