"""One participant as the figures see them: codes and counts, no name and no contact details."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

NO_HOURS = Decimal("0.0")


@dataclass(frozen=True)
class ParticipantRow:
    """An accepted participant's entry characteristics and results, as plain data.

    Every text is a stored code (the Django side labels it). `exit_result` and
    `six_month_result` are an outcome's result code ("unknown" when the survey
    expired unanswered) or None when no outcome is recorded yet; the matching
    `*_improved` is None in the same case. `course_hours` are the hours of
    course attendance marked for the participant (on any course, any day), and
    `course_hours_confirmed` the part of them the participant has confirmed.
    """

    pseudonym: str
    intake_id: int
    programme_id: int
    accepted_on: date
    gender: str
    age_at_entry: int | None
    employment_status: str
    months_unemployed: int | None
    municipality: str
    education_level: str
    former_sector: str
    matched: bool
    meetings: int
    exit_result: str | None
    exit_improved: bool | None
    six_month_result: str | None
    six_month_improved: bool | None
    # Whether an own business was registered (an organisation number given), never the number:
    # a sole trader's organisation number is their personal identity number.
    business_registered: bool
    business_started_on: date | None
    course_hours: Decimal = NO_HOURS
    course_hours_confirmed: Decimal = NO_HOURS


@dataclass(frozen=True)
class CourseTimeRow:
    """One person on the courses, programme participant or not: gender code and hours, no name."""

    gender: str
    course_hours: Decimal = NO_HOURS
    course_hours_confirmed: Decimal = NO_HOURS
