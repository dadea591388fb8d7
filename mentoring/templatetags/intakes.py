"""The bridge from a programme page to its intakes.

`content` never imports `mentoring`; a programme page's template loads this
library instead. The state is computed at request time, so "Apply" appears
and disappears with the intake's dates, not with the page's publication.
"""

from dataclasses import dataclass
from datetime import datetime

from django import template
from django.urls import reverse
from django.utils import timezone

from mentoring.applications import selectors
from mentoring.models import Intake

register = template.Library()

OPEN, UPCOMING, CLOSED = "open", "upcoming", "closed"


@dataclass(frozen=True)
class IntakeState:
    status: str  # OPEN, UPCOMING or CLOSED
    intake: Intake | None = None
    apply_url: str = ""

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


def intake_state(programme, *, now: datetime) -> IntakeState:
    """Open (with where to apply), upcoming (with when), or closed. One query, two when none is open."""
    intake = selectors.intake_open_for(programme=programme, now=now)
    if intake is not None:
        return IntakeState(
            status=OPEN, intake=intake, apply_url=reverse("mentoring:eligibility", args=[intake.pk])
        )
    upcoming = selectors.intake_next_for(programme=programme, now=now)
    if upcoming is not None:
        return IntakeState(status=UPCOMING, intake=upcoming)
    return IntakeState(status=CLOSED)


@register.simple_tag
def programme_intake(programme) -> IntakeState | None:
    """`{% programme_intake page as intake_state %}`: the page's intake state now."""
    if programme is None or not getattr(programme, "translation_key", None):
        return None
    return intake_state(programme, now=timezone.now())
