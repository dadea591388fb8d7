"""The funder's tables from tallies: participants counted by one characteristic and gender.

Every table of the report is a sum of such counts, so a database can count them
(`mentoring.figures.tallies`, a few grouped queries whatever the number of participants)
instead of handing every participant over as a `ParticipantRow`. `tallies_of` counts
the same from rows here; the tables made from tallies equal the ones `indicators`
makes from the rows themselves (`all_tables`, the reference, checked against each other
by the tests), whichever way the tallies were counted.

A tally maps `(code, gender column)` to a number of participants: the code is what
`CODES` reads from a row (the breakdowns' codes, or a result, a flag, None for
"not yet known"), the column the participant's gender as the tables' columns read it.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .indicators import (
    BREAKDOWNS,
    COLUMNS,
    COURSE_TIME,
    COURSE_TIME_EVERYONE,
    COURSE_TIME_ROWS,
    DEFAULT_KEYS,
    EMPLOYED_AT_ENTRY,
    EMPLOYED_RESULTS,
    GENDERS,
    INACTIVE_AT_ENTRY,
    ISCED_BANDS,
    NOT_YET_KNOWN,
    RESULTS,
    UNKNOWN,
    Progress,
    Row,
    Table,
    Targets,
    _gender,
    is_long_term_unemployed,
)
from .rounding import percent
from .rows import NO_HOURS, CourseTimeRow, ParticipantRow

Code = str | bool | None

# What each tally counts by: the breakdowns' codes, then what the indicators and outcomes need.
CODES: dict[str, Callable[[ParticipantRow], Code]] = {
    **BREAKDOWNS,
    "long_term_unemployed": is_long_term_unemployed,
    "exit_result": lambda row: row.exit_result,
    "six_month_result": lambda row: row.six_month_result,
    "six_month_improved": lambda row: row.six_month_improved,
    "business_registered": lambda row: row.business_registered,
}
RESULT_CODES = {"exit": "exit_result", "six_months": "six_month_result"}


@dataclass(frozen=True)
class CourseTally:
    """Time in courses per gender column: people with more than zero hours, hours marked, hours confirmed."""

    people: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GENDERS, 0))
    marked: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(GENDERS, NO_HOURS))
    confirmed: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(GENDERS, NO_HOURS))

    def add(self, *, gender: str, people: int, marked: Decimal, confirmed: Decimal) -> None:
        """Adds what was counted for `gender` (any code: one outside the vocabulary is "undisclosed")."""
        column = _gender(gender)
        self.people[column] += people
        self.marked[column] += marked
        self.confirmed[column] += confirmed


@dataclass(frozen=True)
class Tallies:
    """The participants counted once under each name of CODES (`counts[name][(code, column)]`), and their
    course time."""

    counts: dict[str, Counter] = field(default_factory=lambda: {name: Counter() for name in CODES})
    course_time: CourseTally = field(default_factory=CourseTally)

    def add(self, codes: Mapping[str, Code], *, gender: str, count: int) -> None:
        """Counts `count` participants of gender code `gender` (normalised to a column) under each
        name's code in `codes`."""
        column = _gender(gender)
        for name, code in codes.items():
            self.counts[name][(code, column)] += count

    def participants(self) -> int:
        return sum(self.counts["gender"].values())

    def per_gender(self, name: str, keep: Callable[[Code], bool]) -> list[int]:
        """The participants whose code under `name` is kept, per gender, and the total, in COLUMNS order."""
        values = dict.fromkeys(GENDERS, 0)
        for (code, column), count in self.counts[name].items():
            if keep(code):
                values[column] += count
        counts = [values[gender] for gender in GENDERS]
        return [*counts, sum(counts)]

    def codes(self, name: str) -> set[Code]:
        return {code for code, _column in self.counts[name]}


def tallies_of(rows: Iterable[ParticipantRow]) -> Tallies:
    """The rows counted, as the database counts them: the reference for `mentoring.figures.tallies`."""
    tallies = Tallies()
    for row in rows:
        tallies.add({name: code_of(row) for name, code_of in CODES.items()}, gender=row.gender, count=1)
        hours = row.course_hours
        tallies.course_time.add(
            gender=row.gender, people=int(hours > 0), marked=hours, confirmed=row.course_hours_confirmed
        )
    return tallies


def course_tally_of(rows: Iterable[CourseTimeRow]) -> CourseTally:
    """Everyone's course time (`CourseTimeRow`s) counted per gender column."""
    tally = CourseTally()
    for row in rows:
        tally.add(
            gender=row.gender,
            people=int(row.course_hours > 0),
            marked=row.course_hours,
            confirmed=row.course_hours_confirmed,
        )
    return tally


def _is(*codes: Code) -> Callable[[Code], bool]:
    return lambda code: code in codes


def breakdown_of(tallies: Tallies, *, by: str, keys: Sequence[str] | None = None) -> Table:
    """As `indicators.breakdown`: participants by `by` and gender, rows in `keys` order, found codes after."""
    if by not in BREAKDOWNS:
        raise ValueError(f"unknown breakdown {by!r}")
    found = sorted(tallies.codes(by))
    order = list(keys if keys is not None else DEFAULT_KEYS.get(by, found))
    order += [code for code in found if code not in order]
    rows = [Row(code, tallies.per_gender(by, _is(code))) for code in order]
    return Table(by, list(COLUMNS), rows).with_total()


def funder_indicators_of(tallies: Tallies) -> Table:
    """As `indicators.funder_indicators`, from tallies."""

    def entry(key: str, name: str, keep: Callable[[Code], bool]) -> Row:
        return Row(key, tallies.per_gender(name, keep))

    rows = [
        entry("participants", "gender", lambda code: True),
        entry("unemployed", "employment_status", _is("unemployed")),
        entry("long_term_unemployed", "long_term_unemployed", _is(True)),
        entry("inactive", "employment_status", lambda code: code in INACTIVE_AT_ENTRY),
        entry("employed", "employment_status", lambda code: code in EMPLOYED_AT_ENTRY),
        entry("under_25", "age_band", _is("under_25")),
        entry("over_54", "age_band", _is("55_plus")),
        entry("age_unknown", "age_band", _is(UNKNOWN)),
    ]
    rows += [
        entry(key, "education_level", lambda code, levels=levels: code in levels)
        for key, levels in ISCED_BANDS
    ]
    rows += [
        entry("exit_looking", "exit_result", _is("looking")),
        entry("exit_education", "exit_result", _is("education")),
        entry("exit_employed", "exit_result", lambda code: code in EMPLOYED_RESULTS),
        entry("exit_other", "exit_result", _is("other")),
        entry("exit_unknown", "exit_result", _is(UNKNOWN)),
        entry("exit_not_yet_known", "exit_result", _is(None)),
        entry("six_months_employed", "six_month_result", lambda code: code in EMPLOYED_RESULTS),
        entry("six_months_improved", "six_month_improved", _is(True)),
        entry("six_months_unknown", "six_month_result", _is(UNKNOWN)),
        entry("six_months_not_yet_known", "six_month_result", _is(None)),
    ]
    return Table("funder_indicators", list(COLUMNS), rows, base="participants")


def outcomes_of(tallies: Tallies, *, point: str) -> Table:
    """As `indicators.outcomes`: participants by result at `point` and gender (ValueError: another point)."""
    if point not in RESULT_CODES:
        raise ValueError(f"unknown point {point!r}")
    name = RESULT_CODES[point]
    found = sorted(tallies.codes(name) - {None, *RESULTS})
    rows = [Row(result, tallies.per_gender(name, _is(result))) for result in (*RESULTS, *found)]
    rows.append(Row(NOT_YET_KNOWN, tallies.per_gender(name, _is(None))))
    return Table(f"outcomes_{point}", list(COLUMNS), rows).with_total()


def businesses_of(tallies: Tallies) -> Table:
    """As `indicators.businesses`: businesses started with an organisation number, by gender."""
    return Table(
        "businesses",
        list(COLUMNS),
        [Row("businesses_started", tallies.per_gender("business_registered", _is(True)))],
    )


def progress_of(tallies: Tallies, *, targets: Targets) -> list[Progress]:
    """As `indicators.progress`: participants, employed at entry, job seekers and women against targets."""
    total = COLUMNS.index("total")
    actual = {
        "participants": tallies.participants(),
        "employed": tallies.per_gender("employment_status", lambda code: code in EMPLOYED_AT_ENTRY)[total],
        "job_seekers": tallies.per_gender("employment_status", _is("unemployed"))[total],
        "women": tallies.per_gender("gender", _is("woman"))[total],
    }
    return [
        Progress(key, getattr(targets, key), count, percent(count, getattr(targets, key)))
        for key, count in actual.items()
    ]


def course_time_of(tally: CourseTally, *, key: str = COURSE_TIME) -> Table:
    """As `indicators.course_time`: people with hours, hours marked and hours confirmed, by gender."""

    def line(code: str, per_gender: Mapping[str, int | Decimal]) -> Row:
        values = [per_gender[gender] for gender in GENDERS]
        return Row(code, [*values, sum(values)])

    per_row = (tally.people, tally.marked, tally.confirmed)
    return Table(
        key,
        list(COLUMNS),
        [line(code, values) for code, values in zip(COURSE_TIME_ROWS, per_row, strict=True)],
    )


def tables_of(
    tallies: Tallies,
    *,
    keys: dict[str, Sequence[str]] | None = None,
    everyone_on_courses: CourseTally | None = None,
) -> list[Table]:
    """As `indicators.all_tables`: every table of the funder's report, in its order, from tallies."""
    keys = keys or {}
    tables = [
        funder_indicators_of(tallies),
        *(breakdown_of(tallies, by=by, keys=keys.get(by)) for by in BREAKDOWNS),
        outcomes_of(tallies, point="exit"),
        outcomes_of(tallies, point="six_months"),
        businesses_of(tallies),
        course_time_of(tallies.course_time),
    ]
    if everyone_on_courses is not None:
        tables.append(course_time_of(everyone_on_courses, key=COURSE_TIME_EVERYONE))
    return tables
