"""The figures' arithmetic, without a database: small hand-made participants, counts worked out by hand."""

from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from mentoring.figures.arithmetic import (
    COLUMNS,
    ParticipantRow,
    Progress,
    Stage,
    Table,
    Targets,
    age_band,
    all_tables,
    breakdown,
    businesses,
    funder_indicators,
    is_long_term_unemployed,
    outcomes,
    percent,
    pipeline,
    progress,
    rounded,
    score_gap,
)

ROOT = Path(__file__).resolve().parents[2]


def r(n=1, **kwargs) -> ParticipantRow:
    values = {
        "pseudonym": f"P-{n:010d}",
        "intake_id": 1,
        "programme_id": 1,
        "accepted_on": date(2026, 3, 1),
        "gender": "woman",
        "age_at_entry": 40,
        "employment_status": "employed",
        "months_unemployed": None,
        "municipality": "goteborg",
        "education_level": "upper_secondary",
        "former_sector": "automotive_supplier",
        "matched": True,
        "meetings": 3,
        "exit_result": None,
        "exit_improved": None,
        "six_month_result": None,
        "six_month_improved": None,
        "business_registered": False,
        "business_started_on": None,
    }
    values.update(kwargs)
    return ParticipantRow(**values)


def by_gender(table: Table, row: str) -> dict[str, int]:
    return dict(zip(table.columns, table.row(row).values, strict=True))


# Six participants used by several tests:
#   1 woman, 22, unemployed 7 months (long-term: under 25), compulsory; exit: new job; 6 mo: new job, improved
#   2 woman, 30, unemployed 7 months (not long-term), higher education; exit: looking; 6 mo: unknown
#   3 man, 58, unemployed 14 months (long-term), upper secondary; exit: unknown; 6 mo: none yet
#   4 man, 45, employed, post-secondary short; exit: own business with orgnr; 6 mo: own business, not improved
#   5 non-binary, age unknown, in education, undisclosed education; exit: education; 6 mo: none
#   6 prefer not to say, 25, under notice, higher; no outcome yet
SIX = [
    r(
        1,
        age_at_entry=22,
        employment_status="unemployed",
        months_unemployed=7,
        education_level="compulsory",
        exit_result="new_job",
        exit_improved=False,
        six_month_result="new_job",
        six_month_improved=True,
    ),
    r(
        2,
        age_at_entry=30,
        employment_status="unemployed",
        months_unemployed=7,
        education_level="higher",
        exit_result="looking",
        exit_improved=False,
        six_month_result="unknown",
        six_month_improved=False,
    ),
    r(
        3,
        gender="man",
        age_at_entry=58,
        employment_status="unemployed",
        months_unemployed=14,
        exit_result="unknown",
        exit_improved=False,
    ),
    r(
        4,
        gender="man",
        age_at_entry=45,
        education_level="post_secondary_short",
        exit_result="own_business",
        exit_improved=False,
        six_month_result="own_business",
        six_month_improved=False,
        business_registered=True,
        business_started_on=date(2026, 5, 1),
    ),
    r(
        5,
        gender="non_binary",
        age_at_entry=None,
        employment_status="in_education",
        education_level="undisclosed",
        exit_result="education",
        exit_improved=False,
    ),
    r(6, gender="undisclosed", age_at_entry=25, employment_status="under_notice", education_level="higher"),
]


@pytest.mark.parametrize(
    ("age", "band"),
    [(None, "unknown"), (18, "under_25"), (24, "under_25"), (25, "25_54"), (54, "25_54"), (55, "55_plus")],
)
def test_age_band_edges(age, band):
    assert age_band(age) == band


def test_long_term_unemployed_is_six_months_under_25_and_twelve_otherwise():
    assert is_long_term_unemployed(r(employment_status="unemployed", months_unemployed=6, age_at_entry=24))
    assert not is_long_term_unemployed(
        r(employment_status="unemployed", months_unemployed=6, age_at_entry=25)
    )
    assert not is_long_term_unemployed(
        r(employment_status="unemployed", months_unemployed=11, age_at_entry=40)
    )
    assert is_long_term_unemployed(r(employment_status="unemployed", months_unemployed=12, age_at_entry=40))
    assert is_long_term_unemployed(r(employment_status="unemployed", months_unemployed=12, age_at_entry=None))
    assert not is_long_term_unemployed(r(employment_status="unemployed", months_unemployed=None))


def test_funder_indicators_at_entry_by_gender():
    table = funder_indicators(SIX)
    assert table.columns == COLUMNS == ["woman", "man", "non_binary", "undisclosed", "total"]
    assert table.row("participants").values == [2, 2, 1, 1, 6]
    assert table.row("unemployed").values == [2, 1, 0, 0, 3]
    # Participant 1 (22, 7 months) and 3 (58, 14 months); not 2 (30, 7 months).
    assert table.row("long_term_unemployed").values == [1, 1, 0, 0, 2]
    # In education counts as outside the labour force.
    assert table.row("inactive").values == [0, 0, 1, 0, 1]
    # Employed (4) and under notice (6).
    assert table.row("employed").values == [0, 1, 0, 1, 2]
    assert table.row("under_25").values == [1, 0, 0, 0, 1]
    assert table.row("over_54").values == [0, 1, 0, 0, 1]
    assert table.row("age_unknown").values == [0, 0, 1, 0, 1]


def test_funder_indicators_education_bands_report_undisclosed_as_unknown():
    table = funder_indicators(SIX)
    assert table.row("education_isced_0_2").values == [1, 0, 0, 0, 1]
    # Upper secondary (3) and post-secondary short (4).
    assert table.row("education_isced_3_4").values == [0, 2, 0, 0, 2]
    assert table.row("education_isced_5_8").values == [1, 0, 0, 1, 2]
    assert table.row("education_unknown").values == [0, 0, 1, 0, 1]


def test_funder_indicators_on_leaving_report_unknown_and_not_yet_known():
    table = funder_indicators(SIX)
    assert table.row("exit_looking").values == [1, 0, 0, 0, 1]
    assert table.row("exit_education").values == [0, 0, 1, 0, 1]
    # New job (1) and own business (4).
    assert table.row("exit_employed").values == [1, 1, 0, 0, 2]
    assert table.row("exit_other").values == [0, 0, 0, 0, 0]
    assert table.row("exit_unknown").values == [0, 1, 0, 0, 1]
    assert table.row("exit_not_yet_known").values == [0, 0, 0, 1, 1]
    leaving = ["exit_looking", "exit_education", "exit_employed", "exit_other", "exit_unknown"]
    assert sum(table.value(key, "total") for key in [*leaving, "exit_not_yet_known"]) == 6


def test_funder_indicators_at_six_months():
    table = funder_indicators(SIX)
    assert table.row("six_months_employed").values == [1, 1, 0, 0, 2]
    assert table.row("six_months_improved").values == [1, 0, 0, 0, 1]
    assert table.row("six_months_unknown").values == [1, 0, 0, 0, 1]
    assert table.row("six_months_not_yet_known").values == [0, 1, 1, 1, 3]


def test_funder_indicators_of_nobody_are_zeros():
    table = funder_indicators([])
    assert all(row.values == [0, 0, 0, 0, 0] for row in table.rows)


def test_breakdown_by_employment_status_lists_every_status_and_a_total():
    table = breakdown(SIX, by="employment_status")
    assert table.key == "employment_status"
    assert [row.key for row in table.rows] == [
        "employed",
        "under_notice",
        "unemployed",
        "inactive",
        "in_education",
        "self_employed",
        "total",
    ]
    assert table.row("unemployed").values == [2, 1, 0, 0, 3]
    assert table.row("self_employed").values == [0, 0, 0, 0, 0]
    assert table.row("total").values == [2, 2, 1, 1, 6]


def test_breakdown_by_gender_keeps_prefer_not_to_say_apart():
    table = breakdown(SIX, by="gender")
    assert by_gender(table, "undisclosed") == {
        "woman": 0,
        "man": 0,
        "non_binary": 0,
        "undisclosed": 1,
        "total": 1,
    }
    assert table.row("woman").values == [2, 0, 0, 0, 2]


def test_breakdown_by_age_band_reports_unknown_age():
    table = breakdown(SIX, by="age_band")
    assert [row.key for row in table.rows] == ["under_25", "25_54", "55_plus", "unknown", "total"]
    assert table.row("under_25").values == [1, 0, 0, 0, 1]
    assert table.row("25_54").values == [1, 1, 0, 1, 3]
    assert table.row("55_plus").values == [0, 1, 0, 0, 1]
    assert table.row("unknown").values == [0, 0, 1, 0, 1]


def test_breakdown_by_education_and_sector():
    education = breakdown(SIX, by="education_level")
    assert education.row("higher").values == [1, 0, 0, 1, 2]
    assert education.row("undisclosed").values == [0, 0, 1, 0, 1]
    sector = breakdown(SIX, by="former_sector")
    assert sector.row("automotive_supplier").values == [2, 2, 1, 1, 6]
    assert sector.row("automotive_manufacturer").values == [0, 0, 0, 0, 0]


def test_breakdown_by_municipality_follows_given_keys_and_keeps_codes_not_in_them():
    rows = [r(1, municipality="ale"), r(2, municipality="tjorn", gender="man"), r(3, municipality="nowhere")]
    table = breakdown(rows, by="municipality", keys=["tjorn", "ale", "lerum"])
    assert [row.key for row in table.rows] == ["tjorn", "ale", "lerum", "nowhere", "total"]
    assert table.row("tjorn").values == [0, 1, 0, 0, 1]
    assert table.row("lerum").values == [0, 0, 0, 0, 0]
    assert table.row("nowhere").values == [1, 0, 0, 0, 1]
    assert table.row("total").values == [2, 1, 0, 0, 3]


def test_breakdown_by_municipality_without_keys_lists_the_codes_found():
    table = breakdown([r(1, municipality="lerum"), r(2, municipality="ale")], by="municipality")
    assert [row.key for row in table.rows] == ["ale", "lerum", "total"]


def test_breakdown_refuses_an_unknown_dimension():
    with pytest.raises(ValueError):
        breakdown(SIX, by="shoe_size")


def test_outcomes_at_exit_by_result_and_gender():
    table = outcomes(SIX, point="exit")
    assert table.key == "outcomes_exit"
    assert [row.key for row in table.rows] == [
        "kept_job",
        "new_job",
        "education",
        "own_business",
        "looking",
        "other",
        "unknown",
        "not_yet_known",
        "total",
    ]
    assert table.row("new_job").values == [1, 0, 0, 0, 1]
    assert table.row("own_business").values == [0, 1, 0, 0, 1]
    assert table.row("unknown").values == [0, 1, 0, 0, 1]
    assert table.row("not_yet_known").values == [0, 0, 0, 1, 1]
    assert table.row("total").values == [2, 2, 1, 1, 6]


def test_outcomes_at_six_months():
    table = outcomes(SIX, point="six_months")
    assert table.row("new_job").values == [1, 0, 0, 0, 1]
    assert table.row("unknown").values == [1, 0, 0, 0, 1]
    assert table.row("not_yet_known").values == [0, 1, 1, 1, 3]
    assert table.row("total").values == [2, 2, 1, 1, 6]


def test_outcomes_refuse_an_unknown_point():
    with pytest.raises(ValueError):
        outcomes(SIX, point="ten_years")


def test_businesses_count_only_registered_ones():
    rows = [
        *SIX,
        r(7, business_registered=True),
        r(8, exit_result="own_business"),  # not registered: not counted as started
    ]
    table = businesses(rows)
    assert by_gender(table, "businesses_started") == {
        "woman": 1,
        "man": 1,
        "non_binary": 0,
        "undisclosed": 0,
        "total": 2,
    }


def test_progress_against_targets():
    targets = Targets(participants=12, employed=4, job_seekers=3, women=0, women_share_aim=40)
    assert progress(SIX, targets=targets) == [
        Progress("participants", 12, 6, 50.0),
        Progress("employed", 4, 2, 50.0),
        Progress("job_seekers", 3, 3, 100.0),
        Progress("women", 0, 2, None),
    ]


def test_pipeline_flags_steps_below_the_aim():
    stages = [("applied", 50, 100), ("accepted", 39, 100), ("matched", 2, 5), ("business_started", 0, 0)]
    assert pipeline(stages, aim_percent=40) == [
        Stage("applied", 50, 100, 50.0, False),
        Stage("accepted", 39, 100, 39.0, True),
        Stage("matched", 2, 5, 40.0, False),
        Stage("business_started", 0, 0, None, False),
    ]


def test_score_gap_is_womens_mean_minus_mens():
    gap = score_gap([("woman", 4.0), ("woman", 3.0), ("man", 4.0), ("undisclosed", 1.0)])
    assert gap.means == {"woman": 3.5, "man": 4.0, "non_binary": None, "undisclosed": 1.0}
    assert gap.gap == pytest.approx(-0.5)
    assert gap.counts == {"woman": 2, "man": 1, "non_binary": 0, "undisclosed": 1}


def test_score_gap_is_none_without_men_scored():
    assert score_gap([("woman", 4.0)]).gap is None


def test_table_total_row_sums_rows_and_value_reads_one_cell():
    table = Table("t", ["a", "total"], [])
    table = Table("t", ["a", "total"], [*table.rows]).with_total()
    assert table.row("total").values == [0, 0]
    table = breakdown(SIX, by="gender")
    assert table.value("man", "total") == 2
    assert table.total_row() == table.row("total")
    with pytest.raises(KeyError):
        table.value("man", "nobody")


def test_all_tables_hold_the_same_participants():
    tables = all_tables(SIX)
    assert [t.key for t in tables][:2] == ["funder_indicators", "gender"]
    for table in tables:
        if table.key not in ("funder_indicators", "businesses", "course_time", "course_time_everyone"):
            assert table.value("total", "total") == 6, table.key


# --- The one rounding rule ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (23, 33, "69.7"),  # 69.69…: rounded up, not cut off to 69.6
        (1, 3, "33.3"),
        (2, 3, "66.7"),
        (1, 8, "12.5"),
        (1, 16, "6.3"),  # a tie, 6.25: half up (half to even would give 6.2)
        (3, 16, "18.8"),
        (33, 33, "100.0"),
        (0, 33, "0.0"),
        (Decimal("2.5"), Decimal("40.0"), "6.3"),  # hours
    ],
)
def test_percent_rounds_half_up_to_one_decimal(part, whole, shown):
    assert percent(part, whole) == Decimal(shown)
    assert str(percent(part, whole)) == shown


def test_percent_of_nothing_is_none():
    assert percent(0, 0) is None


def test_rounded_takes_a_tie_away_from_zero_exactly():
    # As binary floats, 2.675 and 1.005 lie just below the tie; the rule reads them as written.
    assert rounded(2.675, decimals=2) == Decimal("2.68")
    assert rounded(Decimal("1.005"), decimals=2) == Decimal("1.01")
    assert rounded(Fraction(3915, 1000), decimals=2) == Decimal("3.92")
    assert rounded(Fraction(-1, 200), decimals=2) == Decimal("-0.01")
    assert rounded(Fraction(1, 3), decimals=2) == Decimal("0.33")
    assert str(rounded(5, decimals=2)) == "5.00"


def test_progress_share_is_rounded_by_the_rule():
    targets = Targets(participants=33, employed=16, job_seekers=1, women=1)
    shares = {item.key: item.share for item in progress([r(n) for n in range(23)], targets=targets)}
    assert shares["participants"] == Decimal("69.7")
    assert shares["employed"] == Decimal("143.8")


def test_pipeline_share_is_rounded_by_the_rule():
    (stage,) = pipeline([("applied", 23, 33)], aim_percent=70)
    assert stage.share == Decimal("69.7") and stage.below_aim


def test_score_gap_means_are_exact_until_shown():
    gap = score_gap([("woman", Decimal("3.91")), ("woman", Decimal("3.92")), ("man", Decimal("4.81"))])
    assert gap.means["woman"] == Fraction(3915, 1000)
    assert gap.gap == Fraction(3915, 1000) - Fraction(481, 100)


# --- What a share is taken of -------------------------------------------------------------------


def test_funder_indicators_take_shares_of_all_participants():
    table = funder_indicators(SIX)
    assert table.base == "participants"
    assert table.base_count() == 6 and table.base_count("woman") == 2


@pytest.mark.parametrize(
    "make", [lambda rows: breakdown(rows, by="gender"), lambda rows: outcomes(rows, point="exit")]
)
def test_breakdowns_and_outcomes_take_shares_of_their_total(make):
    table = make(SIX)
    assert table.base == "total" and table.base_count() == 6


def test_tables_of_one_row_have_no_base_row():
    assert businesses(SIX).base is None and businesses(SIX).base_count() is None
