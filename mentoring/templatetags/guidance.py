"""The signed-in person's upcoming guidance conversation, for the dashboard panel."""

from django import template
from django.utils import timezone

from mentoring.guidance_selectors import guidance_booking_upcoming_of

register = template.Library()


@register.simple_tag(takes_context=True)
def upcoming_guidance_booking(context):
    request = context.get("request")
    if request is None:
        return None
    return guidance_booking_upcoming_of(request.user, now=timezone.now())
