"""The bridge from a training offer's page to its enrolments.

`content` never imports `mentoring`; the offer's templates load this library to
show each occasion's free places and where to enrol.
"""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils import timezone

from mentoring.training import selectors as training_selectors

register = template.Library()


@dataclass(frozen=True)
class OccasionPlaces:
    places: int
    free: int
    started: bool
    enrol_url: str
    # Held for a company's employees, who enrol through the link the company was sent.
    reserved: bool = False

    @property
    def is_full(self) -> bool:
        return self.free < 1


@register.simple_tag
def occasion_places(occasion) -> OccasionPlaces | None:
    """`{% occasion_places occasion as places %}`: its free places now, and where to enrol."""
    if occasion is None or not occasion.pk:
        return None
    canonical = training_selectors.occasion_canonical(occasion)
    return OccasionPlaces(
        places=canonical.places,
        free=training_selectors.occasion_free_places(canonical),
        started=canonical.starts_on <= timezone.localdate(),
        enrol_url=reverse("mentoring:training_enrol", args=[occasion.pk]),
        reserved=training_selectors.occasion_reservation(canonical) is not None,
    )
