"""A list's filters made once per class (`ListFilterSet.same_for_everyone`): each list shown still
has a form of its own, with what was sent to it and its own errors."""

import django_filters
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import QueryDict

from mentoring.mentorships.filters import MentorshipFilter
from mentoring.models import Mentorship
from portal.filters import ListFilterSet

pytestmark = pytest.mark.django_db


def test_list_filters_made_once_give_each_list_its_own_form():
    wrong = MentorshipFilter(QueryDict("status=lost"))
    active = MentorshipFilter(QueryDict("status=active"))
    unbound = MentorshipFilter(None)

    assert type(wrong.form) is type(active.form) and wrong.filters is active.filters
    assert list(wrong.form.errors) == ["status"] and not active.form.errors
    assert active.is_filtered() and not wrong.is_filtered() and not unbound.is_filtered()
    assert wrong.form.fields["status"] is not active.form.fields["status"]
    assert wrong.response_status == 400 and unbound.response_status == 200
    statuses = {m.status for m in active.narrow(Mentorship.objects.all())}
    assert statuses <= {"active"}


def test_list_filters_with_a_method_are_not_made_once():
    class Searched(ListFilterSet):
        same_for_everyone = True
        q = django_filters.CharFilter(method="search")

        class Meta:
            model = Mentorship
            fields = []

        def search(self, queryset, name, value):
            return queryset

    with pytest.raises(ImproperlyConfigured):
        Searched(None)
