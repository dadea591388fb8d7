"""Planning the next meeting from the mentorship page: plan, move, cancel, and afterwards log it or
say it did not happen.

The mentorship is fetched through `mentorships_of_user(request.user)` and the planned
meeting through that mentorship: anyone else's guessed number is a 404. Coordinators
only read planned meetings (their list and the person record); these pages are the
two parties' own.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mentoring.core.choices import SupportNeed
from mentoring.core.display import person_name
from mentoring.core.forms import add_error
from mentoring.mentorships import selectors as mentorship_selectors
from mentoring.mentorships.forms import (
    CancelForm,
    DidNotHappenForm,
    MeetingForm,
    MoveForm,
    PlannedMeetingForm,
)
from mentoring.mentorships.selectors import planned as planned_selectors
from mentoring.mentorships.services import planning
from mentoring.mentorships.services.lifecycle import MentorshipError
from mentoring.mentorships.workflow import RUNNING
from mentoring.models import Mentorship, PlannedMeeting, PlannedMeetingStatus


def _own_mentorship(request, pk: int) -> Mentorship:
    return get_object_or_404(mentorship_selectors.mentorships_of_user(request.user), pk=pk)


def _own_planned(request, pk: int, planned_id: int) -> tuple[Mentorship, PlannedMeeting]:
    mentorship = _own_mentorship(request, pk)
    planned = get_object_or_404(
        PlannedMeeting.objects.select_related("moved_by"), pk=planned_id, mentorship=mentorship
    )
    planned.mentorship = mentorship
    return mentorship, planned


def _back(pk: int):
    return redirect(reverse("mentoring:mentorship_detail", args=[pk]) + "#next-meeting-title")


# --- On the mentorship page ----------------------------------------------------------------------


def planning_context(mentorship: Mentorship, *, now) -> dict:
    """What the mentorship page shows about the next meeting: the planned one (upcoming, under
    way or a prompt), else the last cancellation still ahead, with its reason.

    `mentorship` comes from `mentorship_pages_of_user`, its planned meeting joined."""
    planned = mentorship_selectors.planned_joined(mentorship)
    cancelled = None if planned else planned_selectors.last_cancelled_of(mentorship, now=now)
    return {
        "next_meeting": planned_selectors.planned_view(planned, now=now),
        "cancelled_meeting": cancelled,
        "cancelled_by": person_name(cancelled.closed_by) if cancelled else "",
    }


# --- Planning and moving ------------------------------------------------------------------------


def _render_form(request, mentorship: Mentorship, form, *, title: str, button: str, planned=None):
    return render(
        request,
        "mentoring/mentorship/plan_form.html",
        {"mentorship": mentorship, "form": form, "title": title, "button": button, "planned": planned},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def planned_meeting_new(request, pk: int):
    mentorship = _own_mentorship(request, pk)
    if mentorship.status not in RUNNING:
        messages.error(request, _("This mentorship is not active, so no meeting can be planned."))
        return _back(pk)
    if planned_selectors.planned_meeting_of(mentorship) is not None:
        messages.error(request, _("A meeting is already planned. Move it or cancel it instead."))
        return _back(pk)
    form = PlannedMeetingForm(request.POST or None, initial={"duration_minutes": 60})
    if request.method == "POST" and form.is_valid():
        try:
            planning.planned_meeting_plan(
                mentorship=mentorship, actor=request.user, now=timezone.now(), **form.plan_data()
            )
        except MentorshipError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The meeting is planned. You both get an invitation by e-mail."))
            return _back(pk)
    return _render_form(
        request, mentorship, form, title=_("Plan the next meeting"), button=_("Plan the meeting")
    )


def _still_planned(request, planned: PlannedMeeting) -> bool:
    if planned.status == PlannedMeetingStatus.PLANNED and planned.mentorship.status in RUNNING:
        return True
    messages.error(request, _("This meeting is no longer planned: it was cancelled or already closed."))
    return False


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def planned_meeting_move(request, pk: int, planned_id: int):
    mentorship, planned = _own_planned(request, pk, planned_id)
    if not _still_planned(request, planned):
        return _back(pk)
    local = timezone.localtime(planned.starts_at)
    initial = {
        "starts_on": local.date(),
        "starts_time": local.time(),
        "duration_minutes": planned.duration_minutes,
        "format": planned.format,
        "place": planned.place,
        "link": planned.link,
        "agenda": planned.agenda,
    }
    form = MoveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            planning.planned_meeting_move(
                planned=planned,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                now=timezone.now(),
                **form.plan_data(),
            )
        except MentorshipError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The meeting is moved. You both get the update by e-mail."))
            return _back(pk)
    return _render_form(
        request, mentorship, form, title=_("Move the meeting"), button=_("Move the meeting"), planned=planned
    )


# --- Cancelling, and closing the prompt ---------------------------------------------------------


def _reason_page(request, mentorship, planned, form, *, title: str, intro: str, button: str, danger: bool):
    return render(
        request,
        "mentoring/mentorship/plan_reason.html",
        {
            "mentorship": mentorship,
            "planned": planned_selectors.planned_view(planned, now=timezone.now()),
            "form": form,
            "title": title,
            "intro": intro,
            "button": button,
            "danger": danger,
        },
    )


def _with_reason(request, mentorship, planned, form_class, *, act, done: str, **page):
    """A step that takes only a reason (cancel, "it did not happen"): `act` is its service."""
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            act(planned=planned, actor=request.user, reason=form.cleaned_data["reason"], now=timezone.now())
        except MentorshipError as error:
            add_error(form, error)
        else:
            messages.success(request, done)
            return _back(mentorship.pk)
    return _reason_page(request, mentorship, planned, form, **page)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def planned_meeting_cancel(request, pk: int, planned_id: int):
    mentorship, planned = _own_planned(request, pk, planned_id)
    if not _still_planned(request, planned):
        return _back(pk)
    return _with_reason(
        request,
        mentorship,
        planned,
        CancelForm,
        act=planning.planned_meeting_cancel,
        done=_("The meeting is cancelled. You both get the cancellation by e-mail."),
        title=_("Cancel the meeting"),
        intro=_("The other person reads your reason in the cancellation."),
        button=_("Cancel the meeting"),
        danger=True,
    )


def _has_started(request, planned: PlannedMeeting) -> bool:
    if planned.starts_at <= timezone.now():
        return True
    messages.error(request, _("The meeting has not started yet. Move or cancel it instead."))
    return False


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def planned_meeting_missed(request, pk: int, planned_id: int):
    mentorship, planned = _own_planned(request, pk, planned_id)
    if not _still_planned(request, planned) or not _has_started(request, planned):
        return _back(pk)
    return _with_reason(
        request,
        mentorship,
        planned,
        DidNotHappenForm,
        act=planning.planned_meeting_did_not_happen,
        done=_("Noted. Plan a new meeting when you have agreed on a time."),
        title=_("The meeting did not take place"),
        intro=_(
            "The coordinators see that the meeting did not take place, "
            "and can help if something is in the way."
        ),
        button=_("Save"),
        danger=False,
    )


def topics_in(agenda: str) -> list[str]:
    """The support needs the agenda names (in the reader's language), to tick as the meeting's topics."""
    text = agenda.casefold()
    return [need.value for need in SupportNeed if str(need.label).casefold() in text]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def planned_meeting_log(request, pk: int, planned_id: int):
    """ "How did it go? Log the meeting": the meeting form, filled in from the plan."""
    mentorship, planned = _own_planned(request, pk, planned_id)
    if not _still_planned(request, planned) or not _has_started(request, planned):
        return _back(pk)
    initial = {
        "held_on": timezone.localdate(planned.starts_at),
        "minutes": planned.duration_minutes,
        "format": planned.format,
        "topics": topics_in(planned.agenda),
        "shared_notes": planned.agenda,
    }
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            planning.planned_meeting_log(
                planned=planned,
                actor=request.user,
                held_on=data["held_on"],
                minutes=data["minutes"],
                format=data["format"],
                topics=data["topics"],
                shared_notes=data["shared_notes"],
                private_note=data["private_note"],
                now=timezone.now(),
            )
        except MentorshipError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The meeting is logged."))
            return _back(pk)
    return render(
        request,
        "mentoring/mentorship/meeting_form.html",
        {
            "mentorship": mentorship,
            "form": form,
            "title": _("How did it go? Log the meeting"),
            "full_form": True,
        },
    )


urlpatterns = [
    path("mentorships/<int:pk>/plan/", planned_meeting_new, name="planned_meeting_new"),
    path(
        "mentorships/<int:pk>/plan/<int:planned_id>/move/", planned_meeting_move, name="planned_meeting_move"
    ),
    path(
        "mentorships/<int:pk>/plan/<int:planned_id>/cancel/",
        planned_meeting_cancel,
        name="planned_meeting_cancel",
    ),
    path("mentorships/<int:pk>/plan/<int:planned_id>/log/", planned_meeting_log, name="planned_meeting_log"),
    path(
        "mentorships/<int:pk>/plan/<int:planned_id>/did-not-happen/",
        planned_meeting_missed,
        name="planned_meeting_missed",
    ),
]
