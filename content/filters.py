"""The public course list's filters (a django-filter FilterSet over the offers)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from content.models import TrainingOfferPage, TrainingTopic
from portal.filters import ListFilterSet, choice_errors

LENGTHS = range(1, 11)


def length_choices() -> list[tuple[int, str]]:
    # A callable, so the labels are translated into the reader's language on each page.
    return [(days, ngettext("%(days)s day", "%(days)s days", days) % {"days": days}) for days in LENGTHS]


class TrainingOfferFilter(ListFilterSet):
    """Topic, first day on or after a date, and length; every filter optional."""

    topic = django_filters.ChoiceFilter(
        label=_("Topic"),
        choices=TrainingTopic.choices,
        empty_label=_("All topics"),
        error_messages=choice_errors(),
    )
    starts_from = django_filters.DateFilter(
        label=_("Starting on or after"),
        field_name="occasions__starts_on",
        lookup_expr="gte",
        distinct=True,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    length_days = django_filters.ChoiceFilter(
        label=_("Length"),
        choices=length_choices,
        empty_label=_("Any length"),
        error_messages=choice_errors(),
    )

    class Meta:
        model = TrainingOfferPage
        fields: list[str] = []
