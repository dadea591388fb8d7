"""The forms on an application's page as HTML: drawn each time where sent or holding the
coordinator's own review, else kept drawn under what they show (`mentoring.core.fragments.kept`)."""

import functools
from dataclasses import dataclass

from django.template.loader import render_to_string

from mentoring.applications.forms.review import DecisionForm, ReviewForm
from mentoring.core.fragments import kept
from mentoring.core.workflow import Transition

_RUBRIC = "mentoring/coordinator/review_form_fields.html"
_DECISION_FIELDS = "mentoring/coordinator/decision_form_fields.html"
_DECISION_BUTTONS = "mentoring/coordinator/decision_buttons.html"


def review_fields(form: ReviewForm | None, *, offered: bool, weights: dict[str, int]) -> str:
    """The rubric's fields: of `form` (sent, or holding the coordinator's own review), else of an
    empty rubric where one is `offered`."""
    if form is not None and (form.is_bound or form.initial):
        return render_to_string(_RUBRIC, {"review_form": form})
    if form is None and not offered:
        return ""
    return kept(
        (_RUBRIC, "rubric", tuple(sorted(weights.items()))),
        lambda: render_to_string(_RUBRIC, {"review_form": form or ReviewForm(weights=weights)}),
    )


@dataclass(frozen=True)
class UnsentDecision:
    """What an unsent decision form shows, and how to build it to draw what is not kept yet."""

    moves: tuple[Transition, ...]
    outside_target_groups: bool
    status: str

    def form(self) -> DecisionForm:
        return DecisionForm(
            moves=list(self.moves),
            outside_target_groups=self.outside_target_groups,
            initial={"expected_status": self.status},
        )


def decision_parts(form: DecisionForm | None, unsent: UnsentDecision | None) -> dict[str, str]:
    """The decision form's fields, buttons and hidden status: of `form` (sent) drawn each time,
    else of the `unsent` form, kept; nothing without either."""
    if form is not None:
        context = {"decision_form": form}
        return {
            "decision_fields": render_to_string(_DECISION_FIELDS, context),
            "decision_buttons": render_to_string(_DECISION_BUTTONS, context),
            "expected_status_field": str(form["expected_status"]),
        }
    if unsent is None:
        return {"decision_fields": "", "decision_buttons": "", "expected_status_field": ""}
    built = functools.cache(unsent.form)
    values = tuple(move.target.value for move in unsent.moves)
    return {
        "decision_fields": kept(
            (_DECISION_FIELDS, "decision", unsent.outside_target_groups),
            lambda: render_to_string(_DECISION_FIELDS, {"decision_form": built()}),
        ),
        "decision_buttons": kept(
            (_DECISION_BUTTONS, "decision buttons", values),
            lambda: render_to_string(_DECISION_BUTTONS, {"decision_form": built()}),
        ),
        "expected_status_field": kept(
            ("expected status", unsent.status), lambda: str(built()["expected_status"])
        ),
    }
