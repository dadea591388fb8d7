"""One participant as the figures see them: codes and counts, no name and no contact details."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ParticipantRow:
    """An accepted participant's entry characteristics and results, as plain data.

    Every text is a stored code (the Django side labels it). `exit_result` and
    `six_month_result` are an outcome's result code ("unknown" when the survey
    expired unanswered) or None when no outcome is recorded yet; the matching
    `*_improved` is None in the same case.
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
    business_orgnr: str
    business_started_on: date | None
