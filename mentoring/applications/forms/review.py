"""Forms of the coordinators' pages: bulk and single decisions, the review rubric.

The queue's filters are a FilterSet: `mentoring.applications.filters.QueueFilter`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from mentoring.applications.workflow import DECISIONS, Status
from mentoring.core.workflow import Transition
from mentoring.models import ApplicationStatus
from mentoring.models.review import DEFAULT_RUBRIC, SCORE_RANGE
from portal.fields import IdMultipleChoiceField, id_number

DECISION_CHOICES = [(value, label) for value, label in ApplicationStatus.choices if value in DECISIONS]
# What the coordinator does, as the label of the button or radio that does it.
DECISION_ACTIONS = {
    Status.ACCEPTED: _("Accept"),
    Status.WAITLISTED: _("Put on the waiting list"),
    Status.REJECTED: _("Reject"),
}
SCORE_LABELS = {
    1: _("1 – very weak"),
    2: _("2 – weak"),
    3: _("3 – fair"),
    4: _("4 – good"),
    5: _("5 – very good"),
}


class BulkDecisionForm(forms.Form):
    """One decision with one reason for a selection of the queue."""

    applications = IdMultipleChoiceField(
        label=_("Applications"),
        queryset=None,
        widget=forms.MultipleHiddenInput,
        error_messages={
            "required": _("Select at least one application in the list."),
            "invalid_choice": _("One of the selected applications is no longer in this queue. Select again."),
            "invalid_pk_value": _(
                "One of the selected applications is no longer in this queue. Select again."
            ),
        },
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(status, DECISION_ACTIONS[status]) for status, _label in DECISION_CHOICES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a decision.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to each applicant with the decision. Required when you reject."),
    )

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = applications

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("decision") == Status.REJECTED and not cleaned_data.get("reason", "").strip():
            self.add_error("reason", _("Tell the applicants why they are not accepted."))
        return cleaned_data

    def selected_ids(self) -> set[int]:
        """The IDs ticked in the submitted form, to keep them ticked when the page is shown again."""
        raw = self.data.getlist(self.add_prefix("applications")) if self.is_bound else []
        return {number for number in map(id_number, raw) if number is not None}


class DecisionForm(forms.Form):
    """A decision on one application; only the moves the workflow allows now are offered."""

    decision = forms.ChoiceField(
        label=_("Decision"), choices=(), error_messages={"required": _("Choose a decision.")}
    )
    reason = forms.CharField(
        label=_("Reason for the applicant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Sent to the applicant with the decision and shown on their page. Required when you reject."
        ),
    )
    internal_note = forms.CharField(
        label=_("Internal note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen only by coordinators."),
    )
    # The status the page showed, so a decision taken on an outdated page is refused, not applied.
    expected_status = forms.ChoiceField(
        choices=ApplicationStatus.choices,
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _("This page is out of date. Look at the application again before deciding.")
        },
    )

    def __init__(self, *args, moves: list[Transition], outside_target_groups: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.moves = moves
        self.outside_target_groups = outside_target_groups
        if outside_target_groups:
            self.fields["internal_note"].help_text = _(
                "Seen only by coordinators. Required when you accept: this application falls outside "
                "the intake's target groups, so say why you accept it."
            )
        self.fields["decision"].choices = [
            (move.target.value, DECISION_ACTIONS[move.target]) for move in moves
        ]
        self.fields["decision"].error_messages["invalid_choice"] = _(
            "This decision is no longer possible: the application's status has changed."
        )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("decision") == Status.REJECTED and not cleaned_data.get("reason", "").strip():
            self.add_error("reason", _("Tell the applicant why they are not accepted."))
        if (
            self.outside_target_groups
            and cleaned_data.get("decision") == Status.ACCEPTED
            and not cleaned_data.get("internal_note", "").strip()
        ):
            self.add_error(
                "internal_note",
                _(
                    "This application falls outside the intake's target groups. "
                    "Say in the internal note why you accept it."
                ),
            )
        return cleaned_data

    def buttons(self) -> list[dict]:
        """One submit button per allowed decision: its value, label, and whether it is the quieter kind."""
        return [
            {"value": value, "label": label, "secondary": value == Status.REJECTED}
            for value, label in self.fields["decision"].choices
        ]


class ReviewForm(forms.Form):
    """The rubric: a 1–5 score for each criterion the intake weighs, and a comment."""

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Seen by the other coordinators, never by the applicant."),
    )

    def __init__(self, *args, weights: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = [criterion for criterion in DEFAULT_RUBRIC if weights.get(criterion.key, 0) > 0]
        score_fields = {}
        for criterion in self.criteria:
            score_fields[self.score_field_name(criterion.key)] = forms.TypedChoiceField(
                label=_("%(criterion)s (weight %(weight)s)")
                % {"criterion": criterion.label, "weight": weights[criterion.key]},
                choices=[(score, SCORE_LABELS[score]) for score in SCORE_RANGE],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a score from 1 to 5.")},
            )
        # The scores first, in the rubric's order; the comment last.
        self.fields = {**score_fields, **self.fields}

    @staticmethod
    def score_field_name(key: str) -> str:
        return f"score_{key}"

    @classmethod
    def initial_from(cls, review) -> dict:
        """The reviewer's earlier answers, to change rather than retype."""
        if review is None or review.conflict_of_interest:
            return {}
        initial = {cls.score_field_name(key): score for key, score in review.scores.items()}
        initial["comment"] = review.comment
        return initial

    def scores(self) -> dict[str, int]:
        return {
            criterion.key: self.cleaned_data[self.score_field_name(criterion.key)]
            for criterion in self.criteria
        }
