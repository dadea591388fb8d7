"""The indicator arithmetic: counts of participants by gender, as tables of codes.

Every table has one column per gender and a "total" column. "Prefer not to
say" (`undisclosed`) is a column of its own and is never folded into another;
an unknown characteristic or result is a row of its own and is never dropped,
so each group of rows adds up to the participants counted.

The codes mirror `mentoring.core.choices` (a test on the Django side keeps them in
step); they are repeated here so this package needs no Django.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from .rounding import exact, percent
from .rows import NO_HOURS, CourseTimeRow, ParticipantRow

GENDERS = ("woman", "man", "non_binary", "undisclosed")
TOTAL = "total"
COLUMNS = [*GENDERS, TOTAL]
UNKNOWN = "unknown"
NOT_YET_KNOWN = "not_yet_known"

EMPLOYMENT_STATUSES = ("employed", "under_notice", "unemployed", "inactive", "in_education", "self_employed")
EDUCATION_LEVELS = ("compulsory", "upper_secondary", "post_secondary_short", "higher", "undisclosed")
FORMER_SECTORS = (
    "automotive_manufacturer",
    "automotive_supplier",
    "other_manufacturing",
    "other",
    "undisclosed",
)
AGE_BANDS = ("under_25", "25_54", "55_plus", UNKNOWN)
# Outcome results, in the order the funder's report lists them; "unknown" = the survey expired.
RESULTS = ("kept_job", "new_job", "education", "own_business", "looking", "other", UNKNOWN)

EMPLOYED_AT_ENTRY = frozenset({"employed", "under_notice", "self_employed"})
# The funder counts people in education as outside the labour force (ESF+ "inactive").
INACTIVE_AT_ENTRY = frozenset({"inactive", "in_education"})
EMPLOYED_RESULTS = frozenset({"kept_job", "new_job", "own_business"})

# Education levels grouped as the funder's ISCED bands; "undisclosed" is reported as unknown.
ISCED_BANDS = (
    ("education_isced_0_2", frozenset({"compulsory"})),
    ("education_isced_3_4", frozenset({"upper_secondary", "post_secondary_short"})),
    ("education_isced_5_8", frozenset({"higher"})),
    ("education_unknown", frozenset({"undisclosed"})),
)

# Long-term unemployment: twelve months or more, six months or more for people under 25.
LONG_TERM_MONTHS = 12
LONG_TERM_MONTHS_YOUNG = 6
YOUNG_BELOW = 25
OLDER_ABOVE = 54

# The rows of the participation-time tables: people with any hours, then the hours themselves.
COURSE_TIME_ROWS = ("people_with_hours", "hours_marked", "hours_confirmed")
COURSE_TIME = "course_time"
COURSE_TIME_EVERYONE = "course_time_everyone"

PIPELINE_STAGES = ("applied", "eligible", "accepted", "matched", "three_meetings", "business_started")

BREAKDOWNS: dict[str, Callable[[ParticipantRow], str]] = {
    "gender": lambda row: row.gender,
    "employment_status": lambda row: row.employment_status,
    "municipality": lambda row: row.municipality,
    "age_band": lambda row: age_band(row.age_at_entry),
    "education_level": lambda row: row.education_level,
    "former_sector": lambda row: row.former_sector,
}
DEFAULT_KEYS: dict[str, Sequence[str]] = {
    "gender": GENDERS,
    "employment_status": EMPLOYMENT_STATUSES,
    "age_band": AGE_BANDS,
    "education_level": EDUCATION_LEVELS,
    "former_sector": FORMER_SECTORS,
}


@dataclass(frozen=True)
class Row:
    """One line of a table: its code and a count per column (hours, in a participation-time table)."""

    key: str
    values: list[int] | list[Decimal]


@dataclass(frozen=True)
class Table:
    """Counts with codes for a title (`key`), columns and rows; the Django side puts words on them.

    `base` is the row that counts the whole a row's share is taken of (TOTAL, where the rows are
    parts of one whole; "participants" in the funder's indicators, whose rows overlap); None when
    the rows are not shares of one row (a share is then only taken across one row's columns).
    """

    key: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    base: str | None = None

    def row(self, key: str) -> Row:
        """The row `key`; raises KeyError when the table has none."""
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)

    def value(self, row: str, column: str) -> int:
        """The count in row `row` and column `column`; raises KeyError for an unknown one."""
        try:
            index = self.columns.index(column)
        except ValueError:
            raise KeyError(column) from None
        return self.row(row).values[index]

    def column(self, column: str) -> dict[str, int]:
        """Row code → count in `column`."""
        index = self.columns.index(column)
        return {row.key: row.values[index] for row in self.rows}

    def total_row(self) -> Row:
        """A "total" row: the sum of every row, column by column (meaningful when rows do not overlap)."""
        sums = [sum(row.values[i] for row in self.rows if row.key != TOTAL) for i in range(len(self.columns))]
        return Row(TOTAL, sums)

    def with_total(self) -> "Table":
        """This table with its "total" row added at the end (replacing one already there)."""
        rows = [row for row in self.rows if row.key != TOTAL]
        total = Table(self.key, self.columns, rows).total_row()
        return Table(self.key, list(self.columns), [*rows, total], base=self.base or TOTAL)

    def base_count(self, column: str = TOTAL) -> int | None:
        """The whole that the rows' shares in `column` are taken of (the base row's count), or None."""
        return self.value(self.base, column) if self.base is not None else None


@dataclass(frozen=True)
class Targets:
    """What a programme promised its funder, in participants; `women_share_aim` in per cent."""

    participants: int
    employed: int
    job_seekers: int
    women: int
    women_share_aim: int = 40


@dataclass(frozen=True)
class Progress:
    """How far a target is reached; `share` in per cent of the target (None when the target is 0)."""

    key: str
    target: int
    actual: int
    share: Decimal | None


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline; `share` is women's share in per cent (None when nobody reached it)."""

    key: str
    women: int
    total: int
    share: Decimal | None
    below_aim: bool


@dataclass(frozen=True)
class ScoreGap:
    """Mean review score by gender (None without scores), women's mean minus men's, scores counted.

    Means and gap are exact fractions: the one rounding rule (`rounding.rounded`) applies where shown.
    """

    means: dict[str, Fraction | None]
    gap: Fraction | None
    counts: dict[str, int]


def _gender(code: str) -> str:
    # A code outside the vocabulary (blank after an erasure, say) is not known: "prefer not to say".
    return code if code in GENDERS else "undisclosed"


def _counts(rows: Iterable[ParticipantRow]) -> list[int]:
    """The rows counted per gender, and the total, in COLUMNS order."""
    counts = dict.fromkeys(GENDERS, 0)
    for row in rows:
        counts[_gender(row.gender)] += 1
    values = [counts[gender] for gender in GENDERS]
    return [*values, sum(values)]


def _row(key: str, rows: Iterable[ParticipantRow], keep: Callable[[ParticipantRow], bool]) -> Row:
    return Row(key, _counts(row for row in rows if keep(row)))


def age_band(age: int | None) -> str:
    """The funder's age band of an age at entry: "under_25", "25_54", "55_plus" or "unknown"."""
    if age is None:
        return UNKNOWN
    if age < YOUNG_BELOW:
        return "under_25"
    if age > OLDER_ABOVE:
        return "55_plus"
    return "25_54"


def is_long_term_unemployed(row: ParticipantRow) -> bool:
    """Unemployed twelve months or more, or six months or more when under 25 (age unknown: twelve)."""
    return long_term_unemployed(
        employment_status=row.employment_status, months_unemployed=row.months_unemployed, age=row.age_at_entry
    )


def long_term_unemployed(*, employment_status: str, months_unemployed: int | None, age: int | None) -> bool:
    """`is_long_term_unemployed` of a participant with these characteristics at entry."""
    if employment_status != "unemployed" or months_unemployed is None:
        return False
    young = age is not None and age < YOUNG_BELOW
    return months_unemployed >= (LONG_TERM_MONTHS_YOUNG if young else LONG_TERM_MONTHS)


def breakdown(rows: Sequence[ParticipantRow], *, by: str, keys: Sequence[str] | None = None) -> Table:
    """Participants by `by` (one of BREAKDOWNS) and gender, with a "total" row.

    Rows follow `keys` (the vocabulary's order; by default the known codes, or
    for municipalities the codes found, sorted) and show zeros; a code found in
    the data but not in `keys` gets a row of its own after them.
    Raises ValueError for an unknown `by`.
    """
    if by not in BREAKDOWNS:
        raise ValueError(f"unknown breakdown {by!r}")
    code_of = BREAKDOWNS[by]
    found = sorted({code_of(row) for row in rows})
    order = list(keys if keys is not None else DEFAULT_KEYS.get(by, found))
    order += [code for code in found if code not in order]
    grouped: dict[str, list[ParticipantRow]] = {code: [] for code in order}
    for row in rows:
        grouped[code_of(row)].append(row)
    table = Table(by, list(COLUMNS), [Row(code, _counts(grouped[code])) for code in order])
    return table.with_total()


def funder_indicators(rows: Sequence[ParticipantRow]) -> Table:
    """The funder's participant and result indicators, each by gender.

    At entry: participants; unemployed (including the long-term unemployed);
    long-term unemployed; not in the labour force (including people in
    education); employed (including under notice and self-employed); under 25;
    over 54; age unknown; the four education bands.
    On leaving: looking for work; in education or training; in employment
    (including self-employed); other; unknown (the survey expired); not yet
    known (no outcome recorded) — these six add up to the participants.
    At six months: in employment; improved situation; unknown; not yet known.
    """

    def entry(key: str, keep: Callable[[ParticipantRow], bool]) -> Row:
        return _row(key, rows, keep)

    table_rows = [
        entry("participants", lambda row: True),
        entry("unemployed", lambda row: row.employment_status == "unemployed"),
        entry("long_term_unemployed", is_long_term_unemployed),
        entry("inactive", lambda row: row.employment_status in INACTIVE_AT_ENTRY),
        entry("employed", lambda row: row.employment_status in EMPLOYED_AT_ENTRY),
        entry("under_25", lambda row: age_band(row.age_at_entry) == "under_25"),
        entry("over_54", lambda row: age_band(row.age_at_entry) == "55_plus"),
        entry("age_unknown", lambda row: row.age_at_entry is None),
    ]
    table_rows += [
        entry(key, lambda row, levels=levels: row.education_level in levels) for key, levels in ISCED_BANDS
    ]
    table_rows += [
        entry("exit_looking", lambda row: row.exit_result == "looking"),
        entry("exit_education", lambda row: row.exit_result == "education"),
        entry("exit_employed", lambda row: row.exit_result in EMPLOYED_RESULTS),
        entry("exit_other", lambda row: row.exit_result == "other"),
        entry("exit_unknown", lambda row: row.exit_result == UNKNOWN),
        entry("exit_not_yet_known", lambda row: row.exit_result is None),
        entry("six_months_employed", lambda row: row.six_month_result in EMPLOYED_RESULTS),
        entry("six_months_improved", lambda row: row.six_month_improved is True),
        entry("six_months_unknown", lambda row: row.six_month_result == UNKNOWN),
        entry("six_months_not_yet_known", lambda row: row.six_month_result is None),
    ]
    return Table("funder_indicators", list(COLUMNS), table_rows, base="participants")


def outcomes(rows: Sequence[ParticipantRow], *, point: str) -> Table:
    """Participants by result at `point` ("exit" or "six_months") and gender.

    One row per result (including "unknown"), then "not_yet_known" for
    participants without an outcome, then "total". Raises ValueError for another point.
    """
    if point == "exit":

        def result_of(row: ParticipantRow) -> str | None:
            return row.exit_result
    elif point == "six_months":

        def result_of(row: ParticipantRow) -> str | None:
            return row.six_month_result
    else:
        raise ValueError(f"unknown point {point!r}")
    found = sorted({result_of(row) for row in rows} - {None, *RESULTS})
    table_rows = [
        _row(result, rows, lambda row, r=result: result_of(row) == r) for result in (*RESULTS, *found)
    ]
    table_rows.append(_row(NOT_YET_KNOWN, rows, lambda row: result_of(row) is None))
    return Table(f"outcomes_{point}", list(COLUMNS), table_rows).with_total()


def businesses(rows: Sequence[ParticipantRow]) -> Table:
    """Businesses started with an organisation number, by the participant's gender (women first)."""
    return Table(
        "businesses", list(COLUMNS), [_row("businesses_started", rows, lambda row: row.business_registered)]
    )


def progress(rows: Sequence[ParticipantRow], *, targets: Targets) -> list[Progress]:
    """Participants, employed at entry (incl. under notice, self-employed), job seekers, women: vs targets."""
    actual = {
        "participants": len(rows),
        "employed": sum(row.employment_status in EMPLOYED_AT_ENTRY for row in rows),
        "job_seekers": sum(row.employment_status == "unemployed" for row in rows),
        "women": sum(row.gender == "woman" for row in rows),
    }
    return [
        Progress(key, getattr(targets, key), count, percent(count, getattr(targets, key)))
        for key, count in actual.items()
    ]


def pipeline(stages: Sequence[tuple[str, int, int]], *, aim_percent: int) -> list[Stage]:
    """Women's share at each `(key, women, total)` step, flagged where it falls below `aim_percent`.

    A step nobody reached has no share and is not flagged.
    """
    result = []
    for key, women, total in stages:
        share = percent(women, total)
        result.append(Stage(key, women, total, share, share is not None and share < aim_percent))
    return result


def score_gap(scores: Sequence[tuple[str, Decimal | int]]) -> ScoreGap:
    """Mean review score per applicant gender and the gap between women's and men's means.

    The gap is None unless both women and men were scored; neither means nor gap are rounded.
    """
    sums = dict.fromkeys(GENDERS, Fraction(0))
    counts = dict.fromkeys(GENDERS, 0)
    for gender, score in scores:
        sums[_gender(gender)] += exact(score)
        counts[_gender(gender)] += 1
    means = {gender: (sums[gender] / counts[gender] if counts[gender] else None) for gender in GENDERS}
    woman, man = means["woman"], means["man"]
    gap = woman - man if woman is not None and man is not None else None
    return ScoreGap(means, gap, counts)


def course_time(rows: Iterable[ParticipantRow | CourseTimeRow], *, key: str = COURSE_TIME) -> Table:
    """Participation time in courses by gender: people with any hours, hours marked, hours confirmed.

    "people_with_hours" counts the people with more than zero hours marked (a day
    marked absent is zero); "hours_marked" adds up every hour marked, and
    "hours_confirmed" the part the people have confirmed, which the funder counts.
    Hours stay Decimals, so that tenths add up exactly. `key` names the table
    (COURSE_TIME for programme participants, COURSE_TIME_EVERYONE for everyone on the courses).
    """
    people = dict.fromkeys(GENDERS, 0)
    marked = dict.fromkeys(GENDERS, NO_HOURS)
    confirmed = dict.fromkeys(GENDERS, NO_HOURS)
    for row in rows:
        gender = _gender(row.gender)
        if row.course_hours > 0:
            people[gender] += 1
        marked[gender] += row.course_hours
        confirmed[gender] += row.course_hours_confirmed

    def line(code: str, per_gender: dict) -> Row:
        values = [per_gender[gender] for gender in GENDERS]
        return Row(code, [*values, sum(values)])

    return Table(
        key,
        list(COLUMNS),
        [
            line(code, per_gender)
            for code, per_gender in zip(COURSE_TIME_ROWS, (people, marked, confirmed), strict=True)
        ],
    )


def all_tables(
    rows: Sequence[ParticipantRow],
    *,
    keys: dict[str, Sequence[str]] | None = None,
    everyone_on_courses: Sequence[CourseTimeRow] | None = None,
) -> list[Table]:
    """Every table of the funder's report in its order: indicators, breakdowns, outcomes, businesses,
    the participants' time in courses and, when `everyone_on_courses` is given, everyone's.

    `keys` gives a breakdown's row order by its name (the Django side passes the vocabularies).
    """
    keys = keys or {}
    tables = [
        funder_indicators(rows),
        *(breakdown(rows, by=by, keys=keys.get(by)) for by in BREAKDOWNS),
        outcomes(rows, point="exit"),
        outcomes(rows, point="six_months"),
        businesses(rows),
        course_time(rows),
    ]
    if everyone_on_courses is not None:
        tables.append(course_time(everyone_on_courses, key=COURSE_TIME_EVERYONE))
    return tables
