"""Forms of the public pages: the training offers' filter."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class TrainingFilterForm(forms.Form):
    """The listing's GET filter; every field optional, an invalid value is ignored."""

    topic = forms.ChoiceField(label=_("Topic"), required=False)
    starts_from = forms.DateField(
        label=_("Starting on or after"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    length_days = forms.TypedChoiceField(
        label=_("Length"),
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args, **kwargs):
        from content.models import TrainingTopic

        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("All topics")), *TrainingTopic.choices]
        self.fields["length_days"].choices = [("", _("Any length"))] + [
            (n, ngettext("%(days)s day", "%(days)s days", n) % {"days": n}) for n in range(1, 11)
        ]
