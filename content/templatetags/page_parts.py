"""Parts of content pages that other apps supply through hooks (see `content.extensions`)."""

from django import template

from content.extensions import OCCASION_PLACES, OPEN_INTAKES, PROGRAMME_INTAKE, page_part

register = template.Library()


@register.simple_tag
def programme_intake(programme):
    """`{% programme_intake page as intake_state %}`: the programme's intake state now, if any."""
    if programme is None or not getattr(programme, "translation_key", None):
        return None
    return page_part(PROGRAMME_INTAKE, programme)


@register.simple_tag
def occasion_places(occasion):
    """`{% occasion_places occasion as places %}`: the occasion's places now, and where to enrol."""
    if occasion is None or not occasion.pk:
        return None
    return page_part(OCCASION_PLACES, occasion)


@register.simple_tag
def open_intakes(home):
    """`{% open_intakes page as intakes %}`: the intakes open for applications now; empty when none is."""
    return page_part(OPEN_INTAKES, home) or []
