"""The one form of the calendar feed: the language its entries are written in.

Turning the feed on and replacing its address both ask it; the views hand
`cleaned_data` to `mentoring.calendars.services`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from mentoring.models import FeedLanguage

LANGUAGE_ERROR = _("Choose Swedish or English.")


class CalendarFeedForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the calendar entries"),
        choices=FeedLanguage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": LANGUAGE_ERROR, "invalid_choice": LANGUAGE_ERROR},
    )
