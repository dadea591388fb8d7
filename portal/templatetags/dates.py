"""Dates as the site writes them."""

import datetime as dt

from django import template
from django.utils.formats import date_format

register = template.Library()


@register.filter
def date_range(starts_on: dt.date | None, ends_on: dt.date | None) -> str:
    """ "2 March 2027", "2 March – 4 March 2027", or "30 December 2026 – 1 January 2027": the year
    is written once when both days share it, and on both sides when they do not."""
    if starts_on is None:
        return ""
    if ends_on is None or ends_on == starts_on:
        return date_format(starts_on, "j F Y")
    first = date_format(starts_on, "j F" if starts_on.year == ends_on.year else "j F Y")
    return f"{first} – {date_format(ends_on, 'j F Y')}"
