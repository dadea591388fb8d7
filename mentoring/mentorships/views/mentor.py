"""The mentor's dashboard of mentees and proposals, and answering a proposal.

A mentor's mentorships are fetched through `mentorships_of_mentor(request.user)`,
which filters by the mentor's own account: another mentor's proposal is a 404.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mentoring.core.choices import BusinessSector, Municipality, SupportNeed
from mentoring.core.display import label_of, labels_of, person_name
from mentoring.core.forms import field_groups
from mentoring.mentors.selectors import mentor_standing_of
from mentoring.mentorships.forms import DeclineForm
from mentoring.mentorships.selectors import (
    add_open_goals,
    mentorships_of_mentor,
    mentorships_on_dashboard,
    planned_joined,
)
from mentoring.mentorships.selectors.planned import PlannedView, planned_view
from mentoring.mentorships.services.lifecycle import (
    MentorshipError,
    MentorshipTransitionNotAllowed,
    mentorship_accept,
    mentorship_decline,
)
from mentoring.mentorships.workflow import MEET_WITHIN, RUNNING, MentorshipStatus
from mentoring.models import Mentorship

# --- The dashboard -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalRow:
    title: str
    target_date: date | None
    overdue: bool


@dataclass(frozen=True)
class MenteeRow:
    mentorship: Mentorship
    name: str
    email: str
    phone: str
    idea_title: str
    since: datetime | None
    last_meeting: date | None = None
    open_goals: int = 0
    url: str = ""
    # The caseload at a glance: the planned meeting (upcoming or a prompt), the open goals by
    # target date, and whether to warn that nothing is planned and the last meeting is long ago.
    next_meeting: PlannedView | None = None
    goals: list[GoalRow] = field(default_factory=list)
    out_of_touch: bool = False


@dataclass(frozen=True)
class ProposalRow:
    mentorship: Mentorship
    idea_title: str
    sector: str
    support_needs: list[str]
    municipality: str
    score: Decimal
    decline_form: DeclineForm
    decline_fields: list[SafeString]


def _mentee_row(mentorship: Mentorship, *, now: datetime) -> MenteeRow:
    participant = mentorship.participant
    profile = getattr(participant.applicant, "applicant_profile", None)
    today = timezone.localdate(now)
    planned = planned_joined(mentorship)
    # Counted as the reminder counts it: from the last meeting, else from the start.
    last_contact = getattr(mentorship, "last_meeting", None) or (
        timezone.localdate(mentorship.answered_at) if mentorship.answered_at else None
    )
    return MenteeRow(
        mentorship=mentorship,
        name=profile.full_name if profile else person_name(participant.applicant),
        email=participant.applicant.email,
        phone=profile.phone if profile else "",
        idea_title=participant.idea_title,
        since=mentorship.answered_at,
        last_meeting=getattr(mentorship, "last_meeting", None),
        open_goals=len(mentorship.open_goals),
        url=reverse("mentoring:mentorship_detail", args=[mentorship.pk]),
        next_meeting=planned_view(planned, now=now),
        goals=[
            GoalRow(
                title=goal.title,
                target_date=goal.target_date,
                overdue=goal.target_date is not None and goal.target_date < today,
            )
            for goal in mentorship.open_goals
        ],
        out_of_touch=planned is None and last_contact is not None and last_contact < today - MEET_WITHIN,
    )


def decline_form_for(mentorship: Mentorship, data=None) -> DeclineForm:
    """One decline form per proposal: the prefix keeps the ids apart on the dashboard."""
    return DeclineForm(data, prefix=f"decline-{mentorship.pk}")


def _proposal_row(mentorship: Mentorship) -> ProposalRow:
    participant = mentorship.participant
    profile = getattr(participant.applicant, "applicant_profile", None)
    decline_form = decline_form_for(mentorship)
    return ProposalRow(
        mentorship=mentorship,
        idea_title=participant.idea_title,
        sector=label_of(BusinessSector, participant.business_sector) if participant.business_sector else "",
        support_needs=labels_of(SupportNeed, participant.support_needs),
        municipality=label_of(Municipality, profile.municipality) if profile else "",
        score=mentorship.score,
        decline_form=decline_form,
        decline_fields=field_groups(decline_form),
    )


@login_required
@require_safe
def mentor_dashboard(request):
    profile = mentor_standing_of(request.user)
    if profile is None:
        return redirect("mentoring:mentor_apply")
    if not profile.is_approved:
        return render(request, "mentoring/mentor/pending.html", {"profile": profile})
    now = timezone.now()
    mentorships = list(mentorships_on_dashboard(request.user))
    active = [m for m in mentorships if m.status in RUNNING]
    add_open_goals(active)
    mentees = [_mentee_row(m, now=now) for m in active]
    proposals = [_proposal_row(m) for m in mentorships if m.status == MentorshipStatus.PROPOSED]
    today = timezone.localdate(now)
    return render(
        request,
        "mentoring/mentor/dashboard.html",
        {
            "profile": profile,
            "mentees": mentees,
            "proposals": proposals,
            "capacity": profile.capacity,
            "free_places": max(profile.capacity - len(mentees) - len(proposals), 0),
            # As matching sees it: a "back on" date still ahead keeps the mentor paused until then.
            "paused": profile.paused or (profile.back_on is not None and profile.back_on > today),
        },
    )


# --- Answering a proposal ---------------------------------------------------------------------------


def _own_mentorship(request, pk: int) -> Mentorship:
    return get_object_or_404(mentorships_of_mentor(request.user), pk=pk)


def _no_longer_proposed(request):
    messages.error(request, _("This proposal has already been answered or withdrawn."))
    return redirect("mentoring:mentor_dashboard")


@login_required
@require_POST
def mentorship_accept_view(request, pk: int):
    mentorship = _own_mentorship(request, pk)
    try:
        mentorship = mentorship_accept(mentorship=mentorship, actor=request.user, now=timezone.now())
    except MentorshipTransitionNotAllowed:
        return _no_longer_proposed(request)
    except MentorshipError as error:
        messages.error(request, error.message)
        return redirect("mentoring:mentor_dashboard")
    messages.success(
        request,
        _("You have accepted “%(title)s”. Your new mentee’s contact details are below; get in touch soon.")
        % {"title": mentorship.participant.idea_title},
    )
    return redirect("mentoring:mentor_dashboard")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def mentorship_decline_view(request, pk: int):
    mentorship = _own_mentorship(request, pk)
    if mentorship.status != MentorshipStatus.PROPOSED:
        return _no_longer_proposed(request)
    form = decline_form_for(mentorship, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mentorship_decline(
                mentorship=mentorship,
                actor=request.user,
                now=timezone.now(),
                reason=form.cleaned_data["reason"],
            )
        except MentorshipTransitionNotAllowed:
            return _no_longer_proposed(request)
        except MentorshipError as error:
            form.add_error("reason", error.message)
        else:
            messages.success(
                request,
                _(
                    "You have declined “%(title)s”. "
                    "Thank you for saying why: the coordinator looks for another match."
                )
                % {"title": mentorship.participant.idea_title},
            )
            return redirect("mentoring:mentor_dashboard")
    return render(
        request,
        "mentoring/mentor/decline.html",
        {"proposal": _proposal_row(mentorship), "form": form},
    )


urlpatterns = [
    path("mentor/", mentor_dashboard, name="mentor_dashboard"),
    path("mentor/proposals/<int:pk>/accept/", mentorship_accept_view, name="mentorship_accept"),
    path("mentor/proposals/<int:pk>/decline/", mentorship_decline_view, name="mentorship_decline"),
]
