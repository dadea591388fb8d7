"""Participation time in courses, without a database: hours by gender, worked out by hand."""

from datetime import date
from decimal import Decimal

import pytest

from mentoring.figures.arithmetic import (
    COLUMNS,
    COURSE_TIME,
    COURSE_TIME_EVERYONE,
    CourseTimeRow,
    ParticipantRow,
    Table,
    all_tables,
    course_time,
)


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


def by_gender(table: Table, row: str) -> dict:
    return dict(zip(table.columns, table.row(row).values, strict=True))


def h(text: str) -> Decimal:
    return Decimal(text)


def test_participant_row_has_no_course_hours_unless_given():
    assert r().course_hours == 0 and r().course_hours_confirmed == 0


def test_course_time_adds_hours_marked_and_confirmed_by_gender():
    table = course_time(
        [
            r(1, course_hours=h("7.5"), course_hours_confirmed=h("7.5")),
            r(2, course_hours=h("3.0"), course_hours_confirmed=h("0.0")),
            r(3, gender="man", course_hours=h("6.5"), course_hours_confirmed=h("6.5")),
        ]
    )
    assert table.key == COURSE_TIME and table.columns == COLUMNS
    assert by_gender(table, "hours_marked") == {
        "woman": h("10.5"),
        "man": h("6.5"),
        "non_binary": 0,
        "undisclosed": 0,
        "total": h("17.0"),
    }
    assert by_gender(table, "hours_confirmed")["woman"] == h("7.5")
    assert by_gender(table, "hours_confirmed")["total"] == h("14.0")


def test_course_time_counts_people_with_more_than_zero_hours():
    table = course_time(
        [
            r(1, course_hours=h("0.5")),
            r(2, course_hours=h("0.0")),
            r(3, gender="non_binary", course_hours=h("2.0")),
        ]
    )
    assert by_gender(table, "people_with_hours") == {
        "woman": 1,
        "man": 0,
        "non_binary": 1,
        "undisclosed": 0,
        "total": 2,
    }


def test_course_time_adds_tenths_exactly():
    table = course_time([r(n, course_hours=h("0.1")) for n in range(3)])
    assert table.value("hours_marked", "total") == h("0.3")


def test_course_time_counts_an_unknown_gender_as_undisclosed():
    table = course_time([CourseTimeRow(gender="", course_hours=h("4.0"), course_hours_confirmed=h("4.0"))])
    assert by_gender(table, "hours_confirmed")["undisclosed"] == h("4.0")


def test_course_time_of_nobody_is_zeros():
    table = course_time([], key=COURSE_TIME_EVERYONE)
    assert table.key == COURSE_TIME_EVERYONE
    assert [row.key for row in table.rows] == ["people_with_hours", "hours_marked", "hours_confirmed"]
    assert all(value == 0 for row in table.rows for value in row.values)


@pytest.mark.parametrize("everyone", [None, [CourseTimeRow(gender="man", course_hours=h("2.0"))]])
def test_all_tables_end_with_course_time_and_everyones_when_given(everyone):
    tables = all_tables([r(1, course_hours=h("1.0"))], everyone_on_courses=everyone)
    keys = [table.key for table in tables]
    assert keys[-1] == (COURSE_TIME if everyone is None else COURSE_TIME_EVERYONE)
    assert COURSE_TIME in keys
