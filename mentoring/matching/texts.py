"""The matching engine's reasons in words a coordinator reads, in their language.

The engine (`mentoring.matching`) returns coded reasons and knows only English
(`results.TEXTS`); here every code has a translatable text with the same
parameters, and parameters that are vocabulary codes (a sector, a language, a
municipality) are shown by their label. A test checks that the two lists agree.
"""

import string
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from mentoring.core.choices import BusinessSector, Language, Municipality

TEXTS = {
    # Why a pair scores what it does.
    "same_sector": _("same sector: {sector}"),
    "covers_needs": _("covers {covered} of {of} needs"),
    "shared_language": _("both speak {language}"),
    "same_municipality": _("same municipality: {municipality}"),
    "both_online": _("both willing to meet online"),
    "woman_mentor_preferred": _("woman mentor, as preferred"),
    "woman_mentor_required": _("woman mentor, as required"),
    # Why a pair is not allowed (a hard rule).
    "mentor_paused": _("the mentor is paused"),
    "mentor_full": _("the mentor has no free places"),
    "language_not_shared": _("the mentor does not speak {language}"),
    "not_a_woman_mentor": _("a woman mentor is required"),
    "conflict_of_interest": _("conflict of interest: the mentor has ties to {company}"),
    "excluded": _("excluded by a coordinator or declined before"),
    # Why a lock was released before the engine ran.
    "mentorship_ended": _("the participant's mentorship has ended"),
    # Why a participant got no mentor.
    "no_free_places": _("no mentor has free places"),
    "no_mentor_speaks_language": _("no mentor with free places speaks the required language ({language})"),
    "no_woman_mentor": _("no woman mentor with free places"),
    "no_mentor_meets_both": _("no woman mentor with free places speaks {language}"),
    "all_excluded_or_conflicted": _(
        "all candidates excluded or conflicted"
        " ({excluded} excluded, {conflicted} with a conflict of interest)"
    ),
    "fitting_mentors_full": _("every fitting mentor is full ({fitting} fitting)"),
    "left_out": _(
        "left out: the best assignment gives the free places of its {fitting} fitting mentors to others"
    ),
    "left_out_by_candidate_limit": _(
        "left out: of {fitting} fitting mentors only the best (at least {limit}) were considered,"
        " and they are full"
    ),
}

# Parameters whose values are codes of a vocabulary, shown by their label.
VOCABULARIES = {"sector": BusinessSector, "language": Language, "municipality": Municipality}


def placeholders(template: str) -> set[str]:
    """The names a text template fills in: "covers {covered} of {of}" → {"covered", "of"}."""
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def _label(name: str, value):
    vocabulary = VOCABULARIES.get(name)
    if vocabulary is None:
        return value
    try:
        return str(vocabulary(value).label)
    except ValueError:
        return value  # a code dropped from the vocabulary since the run: shown as it is


def _code_and_params(reason) -> tuple[str, dict]:
    """A stored reason as (code, params): [code, params] as the board stores it, or {"code": …, **params}."""
    if isinstance(reason, dict):
        params = dict(reason)
        return str(params.pop("code", "")), params
    code, *rest = reason
    return str(code), dict(rest[0]) if rest and rest[0] else {}


def reason_text(reason) -> str:
    """One stored reason in words; an unknown code (a newer engine, an old row) is shown as the code."""
    code, params = _code_and_params(reason)
    template = TEXTS.get(code)
    if template is None:
        return code
    values = {name: _label(name, value) for name, value in params.items()}
    try:
        return str(template).format(**values)
    except (KeyError, IndexError, ValueError):
        return code


def reasons_text(reasons: Iterable) -> list[str]:
    """A stored reason list ([[code, params], …]) as a list of texts, in the engine's order."""
    return [reason_text(reason) for reason in reasons or ()]


def reasons_line(reasons: Iterable) -> str:
    """The reasons as one line: "same sector: Manufacturing; both speak Arabic"."""
    return "; ".join(reasons_text(reasons))
