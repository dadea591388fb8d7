"""The coordinators' list of mentorships: what it is narrowed by.

`selectors.mentorship_lists` applies the filters; the view shows
`MentorshipFilter.form`, with an error beside any value that is not valid.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from mentoring.models import Intake, Mentorship, MentorshipStatusChoices
from portal.filters import ListFilterSet, choice_errors


class MentorshipFilter(ListFilterSet):
    same_for_everyone = True

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=MentorshipStatusChoices.choices,
        empty_label=_("All"),
        error_messages=choice_errors(),
    )
    intake = django_filters.ModelChoiceFilter(
        label=_("Intake"),
        field_name="participant__intake",
        # An option shows the intake's title (`Intake.name`): its long texts are not read.
        queryset=Intake.objects.only("title", "title_en").order_by("-opens_at", "pk"),
        empty_label=_("All"),
        error_messages=choice_errors(),
    )

    class Meta:
        model = Mentorship
        fields = []
