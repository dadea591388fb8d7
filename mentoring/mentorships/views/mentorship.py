"""A mentorship's own page for its mentor and its participant (goals, meetings, what is due),
logging and editing meetings, and ending a mentorship (the coordinators' list is in coordinator.py).

The mentorship is fetched through `mentorships_of_user(request.user)`: a person's
own, whatever their role, so anyone else's guessed number is a 404. Coordinators
have their own list and end form; they never see private notes, because
`meetings_visible_to` loads only the viewer's own.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mentoring.core import roles as core_roles
from mentoring.core.choices import MeetingFormat, SupportNeed
from mentoring.core.display import label_of, labels_of, participant_name, person_name
from mentoring.core.forms import add_error, field_groups
from mentoring.mentorships import selectors as mentorship_selectors
from mentoring.mentorships.forms import (
    CompletionForm,
    EndEarlyForm,
    GoalForm,
    MeetingForm,
    PrivateNoteForm,
)
from mentoring.mentorships.services import meetings as meeting_services
from mentoring.mentorships.services.lifecycle import (
    MentorshipError,
    MentorshipTransitionNotAllowed,
    mentorship_complete,
    mentorship_end_early,
    mentorship_propose_completion,
)
from mentoring.mentorships.views.planning import planning_context
from mentoring.mentorships.workflow import RUNNING, MentorshipStatus, Role, moves_from
from mentoring.models import Goal, Meeting, Mentorship, MentorshipStatusChoices


def _own_mentorship(request, pk: int) -> Mentorship:
    return get_object_or_404(mentorship_selectors.mentorships_of_user(request.user), pk=pk)


def _own_mentorship_page(request, pk: int) -> Mentorship:
    """The person's own mentorship with what its page shows (`_detail` needs no other)."""
    mentorship = mentorship_selectors.mentorship_page_of_user(request.user, pk)
    if mentorship is None:
        raise Http404("No Mentorship matches the given query.")
    return mentorship


def _is_mentor(mentorship: Mentorship, user) -> bool:
    return mentorship.mentor.user_id == user.pk


# --- The mentorship page -------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    format: str
    topics: list[str]
    logged_by: str
    private_note: str
    editable: bool
    edit_url: str


def _meeting_rows(request, mentorship: Mentorship, now) -> list[MeetingRow]:
    return [
        MeetingRow(
            meeting=meeting,
            format=label_of(MeetingFormat, meeting.format),
            topics=labels_of(SupportNeed, meeting.topics),
            logged_by=person_name(meeting.logged_by),
            private_note=meeting.own_private_notes[0].text if meeting.own_private_notes else "",
            editable=meeting_services.is_editable(meeting, now=now),
            edit_url=reverse("mentoring:meeting_edit", args=[mentorship.pk, meeting.pk]),
        )
        for meeting in mentorship_selectors.meetings_shown_to(request.user, mentorship)
    ]


def _detail(request, mentorship: Mentorship, *, goal_form: GoalForm | None = None, status: int = 200):
    now = timezone.now()
    today = timezone.localdate(now)
    meetings = _meeting_rows(request, mentorship, now)
    last_meeting: date | None = max((row.meeting.held_on for row in meetings), default=None)
    active = mentorship.status in RUNNING
    is_mentor = _is_mentor(mentorship, request.user)
    goals = mentorship_selectors.goals_of(mentorship)
    goal_form = goal_form or GoalForm()
    return render(
        request,
        "mentoring/mentorship/detail.html",
        {
            "mentorship": mentorship,
            "status_label": MentorshipStatusChoices(mentorship.status).label,
            "is_mentor": is_mentor,
            "mentor_name": person_name(mentorship.mentor.user),
            "participant_name": mentorship_selectors.participant_name_seen_by(mentorship, request.user),
            "back_url": reverse("mentoring:mentor_dashboard" if is_mentor else "mentoring:dashboard"),
            "goals": goals,
            "goal_form": goal_form,
            "goal_fields": field_groups(goal_form),
            "meetings": meetings,
            "next_goal": mentorship_selectors.next_open_goal_among(goals),
            "last_meeting": last_meeting,
            "days_since_last_meeting": (today - last_meeting).days if last_meeting else None,
            "active": active,
            "may_end": is_mentor
            and any(move.target in ENDINGS for move in moves_from(mentorship.status, Role.MENTOR)),
            **planning_context(mentorship, now=now),
        },
        status=status,
    )


@login_required
@require_safe
def mentorship_detail(request, pk: int):
    return _detail(request, _own_mentorship_page(request, pk))


@login_required
@require_POST
def goal_add_view(request, pk: int):
    mentorship = _own_mentorship(request, pk)
    form = GoalForm(request.POST)
    if form.is_valid():
        try:
            meeting_services.goal_add(
                mentorship=mentorship,
                actor=request.user,
                title=form.cleaned_data["title"],
                target_date=form.cleaned_data["target_date"],
                now=timezone.now(),
            )
        except MentorshipError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The goal is added."))
            return redirect(reverse("mentoring:mentorship_detail", args=[pk]) + "#goals-title")
    return _detail(request, _own_mentorship_page(request, pk), goal_form=form)


@login_required
@require_POST
def goal_done_view(request, pk: int, goal_id: int):
    mentorship = _own_mentorship(request, pk)
    goal = get_object_or_404(Goal, pk=goal_id, mentorship=mentorship)
    try:
        meeting_services.goal_set_done(
            goal=goal, actor=request.user, done=request.POST.get("done") == "1", now=timezone.now()
        )
    except MentorshipError as error:
        messages.error(request, error.message)
    return redirect(reverse("mentoring:mentorship_detail", args=[pk]) + "#goals-title")


# --- Logging and editing a meeting -------------------------------------------------------------


def _meeting_data(form: MeetingForm) -> dict:
    data = form.cleaned_data
    return {
        "held_on": data["held_on"],
        "minutes": data["minutes"],
        "format": data["format"],
        "topics": data["topics"],
        "shared_notes": data["shared_notes"],
        "private_note": data["private_note"],
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_new(request, pk: int):
    mentorship = _own_mentorship(request, pk)
    if mentorship.status not in RUNNING:
        messages.error(request, _("This mentorship is not active, so no meetings can be logged."))
        return redirect("mentoring:mentorship_detail", pk=pk)
    form = MeetingForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            meeting_services.meeting_log(
                mentorship=mentorship, actor=request.user, now=timezone.now(), **_meeting_data(form)
            )
        except MentorshipError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The meeting is logged."))
            return redirect("mentoring:mentorship_detail", pk=pk)
    return render(
        request,
        "mentoring/mentorship/meeting_form.html",
        {"mentorship": mentorship, "form": form, "title": _("Log a meeting"), "full_form": True},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_edit(request, pk: int, meeting_id: int):
    """The logger edits the meeting, the other party writes their own private note;
    after 7 days it is a read-only page saying so."""
    mentorship = _own_mentorship(request, pk)
    meeting = get_object_or_404(
        mentorship_selectors.meetings_visible_to(request.user, mentorship), pk=meeting_id
    )
    now = timezone.now()
    own_note = meeting.own_private_notes[0].text if meeting.own_private_notes else ""
    if not meeting_services.is_editable(meeting, now=now):
        return render(
            request,
            "mentoring/mentorship/meeting_locked.html",
            {
                "mentorship": mentorship,
                "meeting": meeting,
                "format": label_of(MeetingFormat, meeting.format),
                "topics": labels_of(SupportNeed, meeting.topics),
                "private_note": own_note,
            },
        )
    full_form = meeting.logged_by_id == request.user.pk
    if full_form:
        initial = {
            "held_on": meeting.held_on,
            "minutes": meeting.minutes,
            "format": meeting.format,
            "topics": meeting.topics,
            "shared_notes": meeting.shared_notes,
            "private_note": own_note,
        }
        form = MeetingForm(request.POST or None, initial=initial)
    else:
        form = PrivateNoteForm(request.POST or None, initial={"private_note": own_note})
    if request.method == "POST" and form.is_valid():
        try:
            if full_form:
                meeting_services.meeting_edit(
                    meeting=meeting, actor=request.user, now=now, **_meeting_data(form)
                )
            else:
                meeting_services.meeting_private_note_save(
                    meeting=meeting, actor=request.user, text=form.cleaned_data["private_note"], now=now
                )
        except MentorshipError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("mentoring:mentorship_detail", pk=pk)
    return render(
        request,
        "mentoring/mentorship/meeting_form.html",
        {
            "mentorship": mentorship,
            "meeting": meeting,
            "form": form,
            "title": _("Edit the meeting") if full_form else _("Your private notes on the meeting"),
            "full_form": full_form,
            "format": label_of(MeetingFormat, meeting.format),
            "topics": labels_of(SupportNeed, meeting.topics),
        },
    )


# --- Completing or ending a mentorship -----------------------------------------------------------

# The moves that end a running mentorship: the target's form, its field, the service it calls and
# the service's name for the text. Which of them a person is offered comes from the workflow table.
ENDINGS = {
    MentorshipStatus.COMPLETING: (CompletionForm, "note", mentorship_propose_completion, "note"),
    MentorshipStatus.COMPLETED: (CompletionForm, "note", mentorship_complete, "reason"),
    MentorshipStatus.ENDED_EARLY: (EndEarlyForm, "reason", mentorship_end_early, "reason"),
}


@dataclass(frozen=True)
class EndingOption:
    action: str
    target: MentorshipStatus
    form: CompletionForm | EndEarlyForm
    title: str
    intro: str
    button: str
    danger: bool


def _ending_texts(action: str, mentorship: Mentorship) -> tuple[str, str, str]:
    """(heading, introduction, button) of the ending `action` on the page."""
    if action == "propose_completion":
        return (
            _("The mentorship is completed"),
            _(
                "A coordinator confirms it. If nobody has done so within %(days)s days, "
                "it is completed by itself. Until then you go on as before."
            )
            % {"days": settings.MENTORSHIP_COMPLETE_AFTER_DAYS},
            _("Propose completion"),
        )
    if action == "confirm_completion":
        return (
            _("Confirm the completion"),
            _("The mentor proposed on %(date)s that the mentorship is completed.")
            % {"date": date_format(timezone.localtime(mentorship.completion_proposed_at), "j F Y")},
            _("Confirm completion"),
        )
    if action == "complete":
        return (
            _("The mentorship is completed"),
            _("Record that the mentorship has reached its end as planned."),
            _("Record as completed"),
        )
    return (
        _("End the mentorship early"),
        _("For a mentorship that stops before it has reached its end."),
        _("End early"),
    )


def _ending_options(mentorship: Mentorship, role: Role, data=None, posted: str = "") -> list[EndingOption]:
    options = []
    for move in moves_from(mentorship.status, role):
        if move.target not in ENDINGS:
            continue
        form_class = ENDINGS[move.target][0]
        title, intro, button = _ending_texts(move.action, mentorship)
        options.append(
            EndingOption(
                action=move.action,
                target=move.target,
                form=form_class(data if posted == move.action else None, prefix=move.action),
                title=title,
                intro=intro,
                button=button,
                danger=move.target == MentorshipStatus.ENDED_EARLY,
            )
        )
    return options


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def mentorship_end(request, pk: int):
    """The mentor proposes completion or ends early; a coordinator completes (or confirms) or ends early.

    The choices are the workflow table's moves for this person from the mentorship's status.
    """
    coordinator = core_roles.is_coordinator(request.user)
    mentorships = (
        Mentorship.objects.all() if coordinator else mentorship_selectors.mentorships_of_mentor(request.user)
    )
    mentorship = get_object_or_404(
        mentorships.select_related("participant__applicant__applicant_profile", "mentor__user"), pk=pk
    )
    is_mentor = _is_mentor(mentorship, request.user)
    role = Role.MENTOR if is_mentor else Role.COORDINATOR
    done_url = (
        reverse("mentoring:mentorship_detail", args=[pk])
        if is_mentor
        else reverse("mentoring:coordinator_mentorships")
    )
    posted = request.POST.get("action", "") if request.method == "POST" else ""
    options = _ending_options(mentorship, role, request.POST or None, posted)
    if not options:
        messages.error(request, _("This mentorship is not active, so it cannot be ended."))
        return redirect(done_url)
    chosen = next((option for option in options if option.action == posted), None)
    if chosen is not None and chosen.form.is_valid():
        _form_class, field, service, keyword = ENDINGS[chosen.target]
        try:
            service(
                mentorship=mentorship,
                actor=request.user,
                now=timezone.now(),
                **{keyword: chosen.form.cleaned_data[field]},
            )
        except MentorshipTransitionNotAllowed as error:
            messages.error(request, error.message)
            return redirect(done_url)
        except MentorshipError as error:
            chosen.form.add_error(field, error.message)
        else:
            if chosen.target == MentorshipStatus.COMPLETING:
                messages.success(request, _("Thank you. A coordinator confirms the completion."))
            else:
                messages.success(request, _("The mentorship has ended. The participant is told by e-mail."))
            return redirect(done_url)
    return render(
        request,
        "mentoring/mentorship/end.html",
        {
            "mentorship": mentorship,
            "options": options,
            "has_errors": any(option.form.errors for option in options),
            "participant_name": participant_name(mentorship.participant),
            "mentor_name": person_name(mentorship.mentor.user),
            "back_url": done_url,
        },
    )


# --- The coordinators' list ----------------------------------------------------------------------


urlpatterns = [
    path("mentorships/<int:pk>/", mentorship_detail, name="mentorship_detail"),
    path("mentorships/<int:pk>/meetings/new/", meeting_new, name="meeting_new"),
    path("mentorships/<int:pk>/meetings/<int:meeting_id>/edit/", meeting_edit, name="meeting_edit"),
    path("mentorships/<int:pk>/goals/", goal_add_view, name="goal_add"),
    path("mentorships/<int:pk>/goals/<int:goal_id>/done/", goal_done_view, name="goal_done"),
    path("mentorships/<int:pk>/end/", mentorship_end, name="mentorship_end"),
]
