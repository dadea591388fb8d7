"""What the lists' filters share (django-filter FilterSets): the public course list's
(content) and the staff lists' (mentoring) alike.

A value that is not valid (an old link, a hand-edited address) is an error on
its field, shown beside it, and that filter alone is left out: the list is
shown by the other filters, and the form keeps everything that was sent.
"""

import django_filters
from django.core.exceptions import ImproperlyConfigured
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

NOT_A_CHOICE = _("“%(value)s” is not one of the choices. Choose one from the list.")


def choice_errors() -> dict:
    """`error_messages` for a choice filter: says which value was wrong and what to do."""
    return {"invalid_choice": NOT_A_CHOICE}


class ListFilterSet(django_filters.FilterSet):
    """A list's filters; `narrow` applies the valid ones to a queryset given by a selector."""

    # Filters that order the list rather than narrow it.
    ordering: tuple[str, ...] = ()
    # True where every instance has the same filters: none with a `method` (which calls back into
    # its instance), no queryset or choices made from the request, and nothing in `self.filters`
    # changed after `__init__`. Its filters and form class are then made once per class and shared
    # (the form still copies its fields for each instance), where django-filter makes a deep copy
    # of every filter and a new form class for each list shown.
    same_for_everyone: bool = False

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if not self.same_for_everyone:
            super().__init__(data, queryset, request=request, prefix=prefix)
            return
        cls = type(self)
        if "_shared" not in cls.__dict__:
            # Made from an instance of no request, which the shared filters keep as their parent.
            super().__init__()
            if any(filter_.method is not None for filter_ in self.filters.values()):
                raise ImproperlyConfigured(
                    f"{cls.__name__} has a filter with a method: not the same for everyone"
                )
            cls._shared = (self.filters, super().get_form_class())
        self.filters, self._form_class = cls._shared
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = self._meta.model._default_manager.all() if queryset is None else queryset
        self.request = request
        self.form_prefix = prefix

    def get_form_class(self):
        if self.same_for_everyone:
            return self._form_class
        return super().get_form_class()

    def narrow(self, queryset):
        """`queryset` with every valid filter applied; a value that is not valid is left out,
        and is an error on its field in `self.form`."""
        if not self.is_bound:
            return queryset
        self.errors  # noqa: B018 - cleans the form, which filter_queryset reads
        return self.filter_queryset(queryset)

    def is_filtered(self) -> bool:
        """Whether a valid filter narrows the list (ordering does not count)."""
        if not self.is_bound:
            return False
        self.errors  # noqa: B018 - cleans the form
        return any(
            value not in EMPTY_VALUES
            for name, value in self.form.cleaned_data.items()
            if name not in self.ordering
        )

    @property
    def response_status(self) -> int:
        """400 when a value was not valid: the page still shows the list and says what was wrong."""
        return 400 if self.is_bound and self.errors else 200
