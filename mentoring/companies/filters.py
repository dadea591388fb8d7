"""The coordinators' list of company requests: what it is narrowed by.

`selectors.company_requests_listed` applies the filters; the view shows
`CompanyRequestFilter.form`, with an error beside any value that is not valid.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mentoring.models import CompanyRequest, CompanyRequestStatus
from portal.filters import ListFilterSet, choice_errors


class CompanyRequestFilter(ListFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=200,
        help_text=_("Words in the company's name or organisation number, or the contact person's name."),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=CompanyRequestStatus.choices,
        empty_label=_("All"),
        error_messages=choice_errors(),
    )

    class Meta:
        model = CompanyRequest
        fields = []

    def search(self, queryset, name, value):
        """Each word must appear in the company's name or organisation number, or the contact's name."""
        for word in value.split():
            queryset = queryset.filter(
                Q(company_name__icontains=word)
                | Q(org_number__icontains=word)
                | Q(contact_name__icontains=word)
            )
        return queryset
