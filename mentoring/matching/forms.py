"""Forms of the matching board: its filters (GET), a choice about one pair, and the confirmation."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mentoring.applications.workflow import Status
from mentoring.models import Application, MatchingRun, MentorProfile
from portal.fields import IdChoiceField

BOARD_SORTS = [
    ("-score", _("Score, highest first")),
    ("participant", _("Participant, A–Z")),
    ("mentor", _("Mentor, A–Z")),
]
DEFAULT_BOARD_SORT = "-score"
LOCKED_ALL, LOCKED_ONLY, UNLOCKED_ONLY = "", "locked", "unlocked"
PAIR_VALUE = re.compile(r"^(\d{1,18})-(\d{1,18})$")


def pair_value(participant_id: int, mentor_id: int) -> str:
    """How a pair is named in the confirmation's checkboxes: "<participant id>-<mentor id>"."""
    return f"{participant_id}-{mentor_id}"


class BoardFilterForm(forms.Form):
    """The board's GET form. Every field is optional; an invalid value drops that filter, not the page."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Words in the participant's name, the idea's title or the mentor's name."),
    )
    mentor = forms.TypedChoiceField(label=_("Mentor"), required=False, coerce=int, empty_value=None)
    min_score = forms.DecimalField(
        label=_("Minimum score"), required=False, min_value=0, max_digits=7, decimal_places=3
    )
    locked = forms.ChoiceField(
        label=_("Locked pairs"),
        required=False,
        choices=[
            (LOCKED_ALL, _("Locked and unlocked")),
            (LOCKED_ONLY, _("Only locked")),
            (UNLOCKED_ONLY, _("Only unlocked")),
        ],
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=BOARD_SORTS)

    def __init__(self, *args, mentors: list[tuple[int, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.offer_mentors(mentors)

    def offer_mentors(self, mentors: list[tuple[int, str]]) -> None:
        """The mentors to filter by, as (id, name): those of the run shown, known only once it is read."""
        self.fields["mentor"].choices = [("", _("Any mentor")), *mentors]

    def _valid_data(self) -> dict:
        # A value that is not valid (an old link, a hand-edited address) drops that filter only.
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    def filters(self) -> dict:
        data = self._valid_data()
        return {
            "search": (data.get("q") or "").strip(),
            "mentor_id": data.get("mentor"),
            "min_score": data.get("min_score"),
            "locked": data.get("locked") or LOCKED_ALL,
            "sort": data.get("sort") or DEFAULT_BOARD_SORT,
        }

    def is_filtered(self) -> bool:
        data = self._valid_data()
        return any(data.get(name) not in (None, "") for name in self.fields if name != "sort")


class PairChoiceForm(forms.Form):
    """One button on a pair: lock, unlock, exclude, take back an exclusion, or swap to another mentor."""

    LOCK, UNLOCK, EXCLUDE, INCLUDE, SWAP = "lock", "unlock", "exclude", "include", "swap"

    participant = IdChoiceField(queryset=None, widget=forms.HiddenInput)
    mentor = IdChoiceField(queryset=None)
    action = forms.ChoiceField(
        choices=[
            (LOCK, _("Lock")),
            (UNLOCK, _("Unlock")),
            (EXCLUDE, _("Exclude")),
            (INCLUDE, _("Undo the exclusion")),
            (SWAP, _("Swap mentor")),
        ]
    )

    def __init__(self, *args, intake, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = Application.objects.filter(
            intake=intake, status=Status.ACCEPTED
        )
        self.fields["participant"].error_messages["invalid_choice"] = _(
            "This participant is not an accepted participant of this intake."
        )
        self.fields["mentor"].queryset = MentorProfile.objects.filter(approved_at__isnull=False)
        self.fields["mentor"].error_messages["invalid_choice"] = _("Choose an approved mentor.")

    def error_text(self) -> str:
        """Every error of the form in one line, for a message on the board."""
        return " ".join(str(error) for errors in self.errors.values() for error in errors)


class ConfirmForm(forms.Form):
    """The pairs of one run the coordinator ticked, to be proposed as mentorships."""

    run = IdChoiceField(queryset=None, widget=forms.HiddenInput)
    pairs = forms.Field(
        label=_("Pairs"),
        widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Select at least one pair to confirm.")},
    )

    def __init__(self, *args, intake, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["run"].queryset = MatchingRun.objects.filter(intake=intake)
        self.fields["run"].error_messages["invalid_choice"] = _("This run is not one of this intake.")

    def clean_pairs(self) -> list[tuple[int, int]]:
        values = self.data.getlist(self.add_prefix("pairs")) if hasattr(self.data, "getlist") else []
        pairs = []
        for value in values:
            found = PAIR_VALUE.match(str(value))
            if found is None:
                raise ValidationError(_("One of the selected pairs is not valid. Select again."))
            pairs.append((int(found[1]), int(found[2])))
        if not pairs:
            raise ValidationError(self.fields["pairs"].error_messages["required"])
        return pairs

    def error_text(self) -> str:
        return " ".join(str(error) for errors in self.errors.values() for error in errors)


class MentorSearchForm(forms.Form):
    """The search box of the page where the coordinator picks another mentor for one participant."""

    q = forms.CharField(
        label=_("Search mentors"),
        required=False,
        max_length=200,
        help_text=_("Words in the mentor's name or e-mail address."),
    )
    # The board's own filters and page, so that choosing brings the coordinator back to them.
    board = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def search(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_bound and self.is_valid() else ""

    def board_query(self) -> str:
        return self.cleaned_data.get("board", "") if self.is_bound and self.is_valid() else ""
