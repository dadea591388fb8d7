"""The coordinator's matching board for an intake: run the engine, look at its pairs, steer, and confirm.

Every view needs the Coordinators role (`role_required`). The board shows
the intake's latest run as stored, so sorting and filtering never run the
engine again; locks and exclusions change the next run, and confirming proposes
the ticked pairs as mentorships. A guessed intake or run ID is a 404; a form
that does not validate becomes a message on the board, never an error page.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from mentoring.applications.workflow import Status
from mentoring.core.display import participant_name, person_name
from mentoring.core.roles import role_required
from mentoring.matching.forms import (
    LOCKED_ONLY,
    UNLOCKED_ONLY,
    BoardFilterForm,
    ConfirmForm,
    PairChoiceForm,
    pair_value,
)
from mentoring.matching.selectors import matching_run_latest, mentors_with_free_places
from mentoring.matching.services import (
    MatchingBoardError,
    matching_choice_clear,
    matching_choice_set,
    matching_confirm,
    matching_run_start,
    matching_swap,
)
from mentoring.matching.texts import reasons_text
from mentoring.mentorships.workflow import OPEN, MentorshipStatus
from mentoring.models import Application, Intake, MatchingChoice, MatchingRun, MentorProfile, Mentorship
from mentoring.models.mentorship import MentorshipChange
from portal import roles

BOARD_PAGE_SIZE = 50
Kind = MatchingChoice.Kind
CLOSED_PROPOSALS = (MentorshipStatus.DECLINED, MentorshipStatus.RETURNED)


def _participant_name(application: Application | None) -> str:
    if application is None:
        return _("(no longer in this intake)")
    return participant_name(application)


def _mentor_name(mentor: MentorProfile | None) -> str:
    if mentor is None:
        return _("(no longer a mentor)")
    return person_name(mentor.user)


def _board_url(intake: Intake, query: str = "") -> str:
    url = reverse("mentoring:matching_board", args=[intake.pk])
    return f"{url}?{query}" if query else url


def _back_to_board(request, intake: Intake) -> HttpResponseRedirect:
    """To the board as it was: the same filters, sort and page."""
    return HttpResponseRedirect(_board_url(intake, request.GET.urlencode()))


def _progress_text(run: MatchingRun) -> str:
    if run.state == MatchingRun.State.QUEUED:
        return _("Matching is waiting to start.")
    if run.state == MatchingRun.State.RUNNING:
        return _("Matching is running: %(progress)s%% done.") % {"progress": run.progress}
    if run.state == MatchingRun.State.DONE:
        return _("Matching is done. Reloading the page shows the pairs.")
    return _("Matching failed.")


# --- The board ---------------------------------------------------------------


@dataclass(frozen=True)
class SwapOption:
    pk: int
    label: str


@dataclass
class PairRow:
    participant_id: int
    mentor_id: int
    participant: str
    idea_title: str
    mentor: str
    score: float
    reasons: list[str]
    locked: bool
    excluded: bool
    taken: bool
    value: str
    # A pair proposed meanwhile, or excluded since the run, is not offered for confirmation.
    confirmable: bool
    swap_options: list[SwapOption] = field(default_factory=list)


@dataclass(frozen=True)
class OtherRow:
    """A participant without a pair, a released lock, a choice or a mentorship: who, with whom, and why."""

    participant_id: int
    participant: str
    idea_title: str
    mentor_id: int | None = None
    mentor: str = ""
    reasons: tuple[str, ...] = ()
    by: str = ""
    at: datetime | None = None
    status: str = ""


def _pair_rows(run, applications, mentors, choices, taken) -> list[PairRow]:
    locks = {(c.participant_id, c.mentor_id) for c in choices if c.kind == Kind.LOCK}
    exclusions = {(c.participant_id, c.mentor_id) for c in choices if c.kind == Kind.EXCLUDE}
    rows = []
    for pair in run.pairs if run is not None and run.state == MatchingRun.State.DONE else ():
        key = (pair["participant"], pair["mentor"])
        application = applications.get(pair["participant"])
        rows.append(
            PairRow(
                participant_id=key[0],
                mentor_id=key[1],
                participant=_participant_name(application),
                idea_title=application.idea_title if application else "",
                mentor=_mentor_name(mentors.get(key[1])),
                score=pair["score"],
                reasons=reasons_text(pair["reasons"]),
                locked=key in locks,
                excluded=key in exclusions,
                taken=key[0] in taken,
                value=pair_value(*key),
                confirmable=key[0] not in taken and key not in exclusions,
            )
        )
    return rows


def _filtered(rows: list[PairRow], *, search, mentor_id, min_score, locked, sort) -> list[PairRow]:
    if search:
        words = search.casefold().split()
        rows = [
            row
            for row in rows
            if all(word in f"{row.participant} {row.idea_title} {row.mentor}".casefold() for word in words)
        ]
    if mentor_id is not None:
        rows = [row for row in rows if row.mentor_id == mentor_id]
    if min_score is not None:
        rows = [row for row in rows if row.score >= float(min_score)]
    if locked == LOCKED_ONLY:
        rows = [row for row in rows if row.locked]
    elif locked == UNLOCKED_ONLY:
        rows = [row for row in rows if not row.locked]
    if sort == "participant":
        key = lambda row: (row.participant.casefold(), -row.score)  # noqa: E731
    elif sort == "mentor":
        key = lambda row: (row.mentor.casefold(), -row.score, row.participant.casefold())  # noqa: E731
    else:
        key = lambda row: (-row.score, row.participant.casefold())  # noqa: E731
    return sorted(rows, key=key)


def _board_context(request, intake: Intake) -> dict:
    now = timezone.now()
    run = matching_run_latest(intake=intake)
    # Every name the board shows comes from these few queries, whatever the number of pairs.
    applications = {
        application.pk: application
        for application in Application.objects.filter(intake=intake)
        .exclude(status=Status.DRAFT)
        .select_related("applicant__applicant_profile")
    }
    mentor_ids = set()
    if run is not None:
        mentor_ids |= {pair["mentor"] for pair in run.pairs} | {item["mentor"] for item in run.released_locks}
    mentors = MentorProfile.objects.select_related("user").in_bulk(mentor_ids)
    choices = list(
        MatchingChoice.objects.filter(intake=intake)
        .select_related("mentor__user", "made_by")
        .order_by("made_at")
    )
    mentorships = list(
        Mentorship.objects.filter(participant__intake=intake)
        .select_related("mentor__user")
        .prefetch_related(
            Prefetch(
                "changes",
                queryset=MentorshipChange.objects.filter(
                    to_status__in=[str(status) for status in CLOSED_PROPOSALS]
                ).select_related("actor"),
                to_attr="closing_changes",
            )
        )
        .order_by("-proposed_at", "-pk")
    )
    taken = {m.participant_id for m in mentorships if m.status in {str(status) for status in OPEN}}
    swap_mentors = [
        SwapOption(
            mentor.pk,
            _("%(name)s (%(free)s free)")
            % {"name": _mentor_name(mentor), "free": mentor.capacity - mentor.places_taken_count},
        )
        for mentor in mentors_with_free_places(now=now)
    ]

    rows = _pair_rows(run, applications, mentors, choices, taken)
    in_run = sorted({(row.mentor_id, row.mentor) for row in rows}, key=lambda item: item[1].casefold())
    filter_form = BoardFilterForm(request.GET or None, mentors=in_run)
    shown = _filtered(rows, **filter_form.filters())
    page = Paginator(shown, BOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page:
        row.swap_options = [option for option in swap_mentors if option.pk != row.mentor_id]

    def other(participant_id, **kwargs) -> OtherRow:
        application = applications.get(participant_id)
        return OtherRow(
            participant_id=participant_id,
            participant=_participant_name(application),
            idea_title=application.idea_title if application else "",
            **kwargs,
        )

    done = run is not None and run.state == MatchingRun.State.DONE
    unmatched = [
        other(item["participant"], reasons=tuple(reasons_text(item["reasons"])))
        for item in (run.unmatched if done else ())
    ]
    released = [
        other(
            item["participant"],
            mentor_id=item["mentor"],
            mentor=_mentor_name(mentors.get(item["mentor"])),
            reasons=tuple(reasons_text(item["reasons"])),
        )
        for item in (run.released_locks if done else ())
    ]
    choice_rows = {
        kind: [
            other(
                choice.participant_id,
                mentor_id=choice.mentor_id,
                mentor=_mentor_name(choice.mentor),
                by=person_name(choice.made_by),
                at=choice.made_at,
            )
            for choice in choices
            if choice.kind == kind
        ]
        for kind in Kind
    }
    open_mentorships, closed_proposals = [], []
    for mentorship in mentorships:
        status = MentorshipStatus(mentorship.status)
        if status in CLOSED_PROPOSALS:
            change = mentorship.closing_changes[-1] if mentorship.closing_changes else None
            reason = mentorship.decline_reason or (change.reason if change else "")
            if status == MentorshipStatus.DECLINED:
                said = _("Declined by %(person)s") % {"person": person_name(change.actor if change else None)}
            else:
                said = _("Returned unanswered")
            closed_proposals.append(
                other(
                    mentorship.participant_id,
                    mentor_id=mentorship.mentor_id,
                    mentor=_mentor_name(mentorship.mentor),
                    status=said,
                    reasons=(reason,) if reason else (),
                    at=mentorship.answered_at or (change.at if change else None),
                )
            )
        else:
            open_mentorships.append(
                other(
                    mentorship.participant_id,
                    mentor_id=mentorship.mentor_id,
                    mentor=_mentor_name(mentorship.mentor),
                    status=mentorship.get_status_display(),
                    at=mentorship.proposed_at,
                )
            )

    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    return {
        "intake": intake,
        "run": run,
        "run_done": done,
        "run_unfinished": run is not None and not run.is_finished,
        "started_by": person_name(run.started_by) if run is not None else "",
        "progress_text": _progress_text(run) if run is not None else "",
        "matched_count": len(rows),
        "unmatched_count": len(unmatched),
        "filter_form": filter_form,
        "is_filtered": filter_form.is_filtered(),
        "page_obj": page,
        "rows": list(page),
        "selectable": any(row.confirmable for row in page),
        "unmatched": unmatched,
        "released": released,
        "locks": choice_rows[Kind.LOCK],
        "exclusions": choice_rows[Kind.EXCLUDE],
        "open_mentorships": open_mentorships,
        "closed_proposals": closed_proposals,
        "board_url": _board_url(intake, query),
        "choice_action": reverse("mentoring:matching_choice", args=[intake.pk]) + suffix,
        "confirm_action": reverse("mentoring:matching_confirm", args=[intake.pk]) + suffix,
    }


@role_required(roles.COORDINATORS)
@require_GET
def matching_board(request, intake_id: int):
    intake = get_object_or_404(Intake, pk=intake_id)
    return render(request, "mentoring/coordinator/matching_board.html", _board_context(request, intake))


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
            "text": _progress_text(run),
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
    names = {"participant": _participant_name(participant), "mentor": _mentor_name(mentor)}
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
                % {"participant": _participant_name(outcome.participant), "reason": outcome.error},
            )
    return _back_to_board(request, intake)


urlpatterns = [
    path("coordinator/intakes/<int:intake_id>/matching/", matching_board, name="matching_board"),
    path("coordinator/intakes/<int:intake_id>/matching/run/", matching_run_view, name="matching_run"),
    path("coordinator/matching/runs/<int:run_id>/progress/", matching_progress, name="matching_progress"),
    path("coordinator/intakes/<int:intake_id>/matching/choice/", matching_choice, name="matching_choice"),
    path(
        "coordinator/intakes/<int:intake_id>/matching/confirm/",
        matching_confirm_view,
        name="matching_confirm",
    ),
]
