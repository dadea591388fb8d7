"""The coordinator's matching board for an intake: run the engine, look at its pairs, steer, and confirm.

Every view needs the Coordinators role (`role_required`). The board shows
the intake's latest run as stored, so sorting and filtering never run the
engine again; locks and exclusions change the next run, and confirming proposes
the ticked pairs as mentorships. A guessed intake or run ID is a 404; a form
that does not validate becomes a message on the board, never an error page.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from mentoring.core.choices import Language, SupportNeed
from mentoring.core.display import labels_of
from mentoring.core.querysets import instance_or_404
from mentoring.core.roles import role_required
from mentoring.matching import selectors as matching_selectors
from mentoring.matching.forms import BoardFilterForm, ConfirmForm, MentorSearchForm, PairChoiceForm
from mentoring.matching.selectors import board as board_selectors
from mentoring.matching.services import (
    MatchingBoardError,
    matching_choice_clear,
    matching_choice_set,
    matching_confirm,
    matching_run_start,
    matching_swap,
)
from mentoring.models import Intake, MatchingChoice, MatchingRun
from portal import roles

Kind = MatchingChoice.Kind


def _board_url(intake: Intake, query: str = "") -> str:
    url = reverse("mentoring:matching_board", args=[intake.pk])
    return f"{url}?{query}" if query else url


def _back_to_board(request, intake: Intake) -> HttpResponseRedirect:
    """To the board as it was: the same filters, sort and page."""
    return HttpResponseRedirect(_board_url(intake, request.GET.urlencode()))


# --- The board ---------------------------------------------------------------


@role_required(roles.COORDINATORS)
@require_GET
def matching_board(request, intake_id: int):
    intake = instance_or_404(Intake, intake_id)
    filter_form = BoardFilterForm(request.GET or None)
    board = board_selectors.matching_board(intake=intake, filters=filter_form, page=request.GET.get("page"))
    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    return render(
        request,
        "mentoring/coordinator/matching_board.html",
        vars(board)
        | {
            "filter_form": filter_form,
            "is_filtered": filter_form.is_filtered(),
            "board_url": _board_url(intake, query),
            "choice_action": reverse("mentoring:matching_choice", args=[intake.pk]) + suffix,
            "confirm_action": reverse("mentoring:matching_confirm", args=[intake.pk]) + suffix,
            # The page for choosing another mentor brings the coordinator back to the board as it is.
            "swap_suffix": f"?{urlencode({'board': query})}" if query else "",
        },
    )


# --- Running -----------------------------------------------------------------


@role_required(roles.COORDINATORS)
@require_POST
def matching_run_view(request, intake_id: int):
    intake = get_object_or_404(Intake, pk=intake_id)
    run = matching_run_start(intake=intake, actor=request.user, now=timezone.now())
    if run.state == MatchingRun.State.DONE:
        messages.success(
            request,
            _("Matching is done: %(pairs)s pairs proposed, %(unmatched)s participants without a mentor.")
            % {"pairs": len(run.pairs), "unmatched": len(run.unmatched)},
        )
    elif run.state == MatchingRun.State.FAILED:
        messages.error(request, _("Matching failed. Try again; if it fails again, tell the administrators."))
    else:
        messages.success(request, _("Matching has started. This page shows how far it has come."))
    return _back_to_board(request, intake)


@role_required(roles.COORDINATORS)
@require_GET
def matching_progress(request, run_id: int):
    run = get_object_or_404(MatchingRun, pk=run_id)
    return JsonResponse(
        {
            "state": run.state,
            "progress": run.progress,
            "finished": run.is_finished,
            "text": board_selectors.run_progress_text(run),
        }
    )


# --- Choices about pairs -----------------------------------------------------


@role_required(roles.COORDINATORS)
@require_POST
def matching_choice(request, intake_id: int):
    intake = get_object_or_404(Intake, pk=intake_id)
    form = PairChoiceForm(request.POST, intake=intake)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": form.error_text()})
        return _back_to_board(request, intake)
    participant = form.cleaned_data["participant"]
    mentor = form.cleaned_data["mentor"]
    action = form.cleaned_data["action"]
    names = {
        "participant": board_selectors.board_participant_name(participant),
        "mentor": board_selectors.board_mentor_name(mentor),
    }
    arguments = {
        "intake": intake,
        "participant": participant,
        "mentor": mentor,
        "actor": request.user,
        "now": timezone.now(),
    }
    try:
        if action == PairChoiceForm.LOCK:
            matching_choice_set(kind=Kind.LOCK, **arguments)
            done = _(
                "%(participant)s and %(mentor)s are locked: every run keeps this pair until you unlock it."
            )
        elif action == PairChoiceForm.UNLOCK:
            matching_choice_clear(kind=Kind.LOCK, **arguments)
            done = _("%(participant)s and %(mentor)s are no longer locked.")
        elif action == PairChoiceForm.EXCLUDE:
            matching_choice_set(kind=Kind.EXCLUDE, **arguments)
            done = _("%(participant)s and %(mentor)s are excluded: no run proposes this pair again.")
        elif action == PairChoiceForm.INCLUDE:
            matching_choice_clear(kind=Kind.EXCLUDE, **arguments)
            done = _("%(participant)s and %(mentor)s may be proposed again.")
        else:
            matching_swap(**arguments)
            done = _(
                "%(participant)s is locked to %(mentor)s. Run matching again to see the pairs around them."
            )
    except MatchingBoardError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done % names)
    return _back_to_board(request, intake)


@role_required(roles.COORDINATORS)
@require_GET
def matching_swap_mentors(request, intake_id: int, pk: int):
    """The mentors the participant `pk` can be given instead, searchable, each with its own button."""
    intake = get_object_or_404(Intake, pk=intake_id)
    participant = matching_selectors.participant_to_match(intake=intake, pk=pk)
    form = MentorSearchForm(request.GET or None)
    board_query = form.board_query()
    current = matching_selectors.run_mentor_of(
        matching_selectors.matching_run_latest(intake=intake), participant_id=participant.pk
    )
    mentors = [
        {
            "profile": mentor,
            "name": board_selectors.board_mentor_name(mentor),
            "free": mentor.capacity - mentor.places_taken_count,
            "municipality": mentor.get_municipality_display(),
            "languages": labels_of(Language, mentor.languages),
            "expertise": labels_of(SupportNeed, mentor.expertise),
        }
        for mentor in matching_selectors.mentors_to_swap_to(now=timezone.now(), search=form.search())
        if mentor.pk != current
    ]
    suffix = f"?{board_query}" if board_query else ""
    return render(
        request,
        "mentoring/coordinator/matching_swap.html",
        {
            "intake": intake,
            "participant": participant,
            "participant_name": board_selectors.board_participant_name(participant),
            "form": form,
            "mentors": mentors,
            "board_url": _board_url(intake, board_query),
            "choice_action": reverse("mentoring:matching_choice", args=[intake.pk]) + suffix,
        },
    )


# --- Confirmation ------------------------------------------------------------


@role_required(roles.COORDINATORS)
@require_POST
def matching_confirm_view(request, intake_id: int):
    intake = get_object_or_404(Intake, pk=intake_id)
    form = ConfirmForm(request.POST, intake=intake)
    if not form.is_valid():
        messages.error(request, form.error_text())
        return _back_to_board(request, intake)
    try:
        outcomes = matching_confirm(
            intake=intake,
            run=form.cleaned_data["run"],
            pairs=form.cleaned_data["pairs"],
            actor=request.user,
            now=timezone.now(),
        )
    except MatchingBoardError as error:
        messages.error(request, error.message)
        return _back_to_board(request, intake)
    proposed = sum(outcome.proposed for outcome in outcomes)
    if proposed:
        messages.success(
            request,
            ngettext(
                "%(count)d mentorship proposed. The mentor is asked to accept it.",
                "%(count)d mentorships proposed. Each mentor is asked to accept theirs.",
                proposed,
            )
            % {"count": proposed},
        )
    for outcome in outcomes:
        if not outcome.proposed:
            messages.error(
                request,
                _("Not proposed: %(participant)s – %(reason)s")
                % {
                    "participant": board_selectors.board_participant_name(outcome.participant),
                    "reason": outcome.error,
                },
            )
    return _back_to_board(request, intake)


urlpatterns = [
    path("coordinator/intakes/<int:intake_id>/matching/", matching_board, name="matching_board"),
    path("coordinator/intakes/<int:intake_id>/matching/run/", matching_run_view, name="matching_run"),
    path("coordinator/matching/runs/<int:run_id>/progress/", matching_progress, name="matching_progress"),
    path("coordinator/intakes/<int:intake_id>/matching/choice/", matching_choice, name="matching_choice"),
    path(
        "coordinator/intakes/<int:intake_id>/matching/participants/<int:pk>/mentors/",
        matching_swap_mentors,
        name="matching_swap_mentors",
    ),
    path(
        "coordinator/intakes/<int:intake_id>/matching/confirm/",
        matching_confirm_view,
        name="matching_confirm",
    ),
]
