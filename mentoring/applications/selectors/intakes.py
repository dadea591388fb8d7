"""Which intake of a programme is open or coming, for the programme pages' Apply box and the home page."""

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse

from mentoring.applications.eligibility import WhoMayApply, who_may_apply
from mentoring.models import Intake


def intake_open_for(*, programme, now) -> Intake | None:
    """The intake of `programme` that is open at `now`, if any (the earliest closing first)."""
    return (
        Intake.objects.filter(
            programme__translation_key=programme.translation_key, opens_at__lte=now, closes_at__gt=now
        )
        .order_by("closes_at")
        .first()
    )


def intake_next_for(*, programme, now) -> Intake | None:
    return (
        Intake.objects.filter(programme__translation_key=programme.translation_key, opens_at__gt=now)
        .order_by("opens_at")
        .first()
    )


# --- A programme page's Apply box (through content's hook) ------------------------------------

OPEN, UPCOMING, CLOSED = "open", "upcoming", "closed"


@dataclass(frozen=True)
class IntakeState:
    status: str  # OPEN, UPCOMING or CLOSED
    intake: Intake | None = None
    apply_url: str = ""

    @property
    def who_may_apply(self) -> WhoMayApply | None:
        """Who may apply to the open or upcoming intake, from the rule the eligibility check applies."""
        return who_may_apply(self.intake) if self.intake else None

    @property
    def is_open(self) -> bool:
        return self.status == OPEN

    @property
    def is_upcoming(self) -> bool:
        return self.status == UPCOMING

    @property
    def opens_at(self) -> datetime | None:
        return self.intake.opens_at if self.intake else None

    @property
    def closes_at(self) -> datetime | None:
        return self.intake.closes_at if self.intake else None


def intakes_open(*, now: datetime) -> list[IntakeState]:
    """Every intake open for applications at `now` whose programme page is live, closing first first."""
    intakes = (
        Intake.objects.filter(opens_at__lte=now, closes_at__gt=now, programme__live=True)
        .select_related("programme")
        .order_by("closes_at", "pk")
    )
    return [
        IntakeState(status=OPEN, intake=intake, apply_url=reverse("mentoring:eligibility", args=[intake.pk]))
        for intake in intakes
    ]


def intake_state(programme, *, now: datetime) -> IntakeState:
    """Open (with where to apply), upcoming (with when), or closed. One query, two when none is open."""
    intake = intake_open_for(programme=programme, now=now)
    if intake is not None:
        return IntakeState(
            status=OPEN, intake=intake, apply_url=reverse("mentoring:eligibility", args=[intake.pk])
        )
    upcoming = intake_next_for(programme=programme, now=now)
    if upcoming is not None:
        return IntakeState(status=UPCOMING, intake=upcoming)
    return IntakeState(status=CLOSED)
