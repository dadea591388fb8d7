"""The review queue's filters: what the coordinator narrows and sorts the queue by.

`selectors.applications_matching` applies them to the queue; the view shows
`QueueFilter.form`, with an error beside any value that is not valid.
"""

from typing import ClassVar

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mentoring.applications.selectors import PROFILE, QUEUE_SORTS
from mentoring.applications.workflow import Status
from mentoring.core.choices import FormerSector, Gender, Municipality, Stage
from mentoring.models import Application, ApplicationStatus
from portal.filters import ListFilterSet, choice_errors

QUEUE_STATUSES = [(value, label) for value, label in ApplicationStatus.choices if value != Status.DRAFT]
QUEUE_SORT_CHOICES = [
    ("-submitted", _("Submitted, newest first")),
    ("submitted", _("Submitted, oldest first")),
    ("-score", _("Average score, highest first")),
    ("score", _("Average score, lowest first")),
]


def _choice(label, choices, any_label, **kwargs):
    # The choices given as a function: a filter set copies its filters, and its form their fields,
    # deeply for each request: a list of choices item by item (most of the filters' time), a function
    # as it is.
    return django_filters.ChoiceFilter(
        label=label, choices=lambda: choices, empty_label=any_label, error_messages=choice_errors(), **kwargs
    )


class QueueFilter(ListFilterSet):
    """Every filter is optional. In a blind review (`blind=True`) there is no gender filter and
    the search does not look at who applied."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=200,
        help_text=_("Words in the idea's title or description, or the applicant's name or e-mail."),
    )
    status = _choice(_("Status"), QUEUE_STATUSES, _("Any status"))
    municipality = _choice(
        _("Municipality"), Municipality.choices, _("Any municipality"), field_name=f"{PROFILE}municipality"
    )
    gender = _choice(_("Gender"), Gender.choices, _("Any gender"), field_name=f"{PROFILE}gender")
    former_sector = _choice(
        _("Sector of former employment"),
        FormerSector.choices,
        _("Any sector"),
        field_name=f"{PROFILE}former_sector",
    )
    stage = _choice(_("Stage"), Stage.choices, _("Any stage"))
    # No empty choice: the queue is always in some order, newest first unless chosen.
    sort = _choice(_("Sort by"), QUEUE_SORT_CHOICES, None, method="order")

    ordering = ("sort",)

    class Meta:
        model = Application
        fields = []

    def __init__(self, data=None, *, blind: bool = False, **kwargs):
        super().__init__(data, **kwargs)
        self.blind = blind
        if blind:
            # In a blind review the queue must not sort people by who they are.
            del self.filters["gender"]
            self.filters["q"].extra["help_text"] = _("Words in the idea's title or description.")

    # The form class depends only on whether the review is blind: made once a process for each.
    _form_classes: ClassVar[dict[bool, type]] = {}

    def get_form_class(self):
        form_class = self._form_classes.get(self.blind)
        if form_class is None:
            form_class = self._form_classes[self.blind] = super().get_form_class()
        return form_class

    def search(self, queryset, name, value):
        """Each word must appear in the idea's title or description, or (not in a blind review)
        in the applicant's name or e-mail."""
        for word in value.split():
            matches = Q(idea_title__icontains=word) | Q(idea_description__icontains=word)
            if not self.blind:
                matches |= (
                    Q(**{f"{PROFILE}first_name__icontains": word})
                    | Q(**{f"{PROFILE}last_name__icontains": word})
                    | Q(applicant__email__icontains=word)
                )
            queryset = queryset.filter(matches)
        return queryset

    def order(self, queryset, name, value):
        return queryset.order_by(*QUEUE_SORTS[value])
