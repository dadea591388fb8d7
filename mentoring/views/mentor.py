"""The mentor's pages (applying, the invitation link, the profile, the dashboard, answering proposals)
and the coordinators' list of mentors (approvals and invitations).

A mentor's mentorships are fetched through `mentorships_of_mentor(request.user)`,
which filters by the mentor's own account: another mentor's proposal is a 404.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mentoring.choices import BusinessSector, Language, Municipality, SupportNeed
from mentoring.display import label_of, labels_of, person_name
from mentoring.forms.mentor import DeclineForm, MentorInviteForm, MentorProfileForm
from mentoring.mentorship_workflow import OPEN, MentorshipStatus
from mentoring.models import MentorInvitation, MentorProfile, Mentorship
from mentoring.selectors import mentor_profile_of, mentorships_of_mentor, with_meeting_summary
from mentoring.services import mentors as mentor_services
from mentoring.services.mentorships import (
    MentorshipError,
    MentorshipTransitionNotAllowed,
    mentorship_accept,
    mentorship_decline,
)
from mentoring.views.coordinator import coordinator_required

OPEN_STATUSES = sorted(str(status) for status in OPEN)


# --- Labels -------------------------------------------------------------------------------------


# --- Applying, the invitation link, the profile ---------------------------------------------------


def _profile_form(request, *, instance: MentorProfile | None = None, invitation=None) -> MentorProfileForm:
    user = request.user
    first_name, last_name = user.first_name, user.last_name
    if invitation is not None and not (first_name or last_name):
        # The coordinator wrote the name when inviting: offered, the person corrects it if need be.
        first_name, _space, last_name = invitation.name.partition(" ")
    return MentorProfileForm(
        request.POST or None,
        instance=instance,
        today=timezone.localdate(),
        initial={"first_name": first_name, "last_name": last_name},
    )


def _save_profile(request, form: MentorProfileForm, *, invitation=None) -> MentorProfile:
    return mentor_services.mentor_profile_save(
        user=request.user,
        data=form.profile_data(),
        invitation=invitation,
        first_name=form.cleaned_data["first_name"],
        last_name=form.cleaned_data["last_name"],
        now=timezone.now(),
    )


def _apply(request, *, invitation=None):
    """The profile form for someone who has no mentor profile yet; on a valid POST the profile is sent."""
    form = _profile_form(request, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        _save_profile(request, form, invitation=invitation)
        messages.success(
            request,
            _(
                "Thank you! Your mentor profile is sent. "
                "A coordinator reviews it and we e-mail you once it is approved."
            ),
        )
        return redirect("mentoring:mentor_dashboard")
    return render(
        request,
        "mentoring/mentor/apply.html",
        {"form": form, "invitation": invitation},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def mentor_apply(request):
    token = request.GET.get("invitation")
    if token:
        return redirect("mentoring:mentor_join", token=token)
    if mentor_profile_of(request.user) is not None:
        return redirect("mentoring:mentor_profile")
    return _apply(request)


@require_http_methods(["GET", "HEAD", "POST"])
def mentor_join(request, token: str):
    """The invitation link: sign up (or in) first, then the profile form, which records the invitation."""
    try:
        invitation = mentor_services.mentor_invitation_from_token(token=token, now=timezone.now())
    except mentor_services.InvitationInvalid as error:
        return render(request, "mentoring/mentor/join_invalid.html", {"message": error.message}, status=404)
    if not request.user.is_authenticated:
        messages.info(
            request,
            _(
                "You are invited to become a mentor. Create an account first (or sign in if you have one); "
                "you then come back to fill in your mentor profile."
            ),
        )
        return redirect(f"{reverse('account_signup')}?{urlencode({'next': request.get_full_path()})}")
    if mentor_profile_of(request.user) is not None:
        messages.info(request, _("You already have a mentor profile."))
        return redirect("mentoring:mentor_dashboard")
    return _apply(request, invitation=invitation)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def mentor_profile(request):
    profile = mentor_profile_of(request.user)
    if profile is None:
        return redirect("mentoring:mentor_apply")
    form = _profile_form(request, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            _save_profile(request, form)
        except mentor_services.CapacityBelowPlacesTaken as error:
            form.add_error("capacity", error.message)
        else:
            messages.success(request, _("Your mentor profile is saved."))
            return redirect("mentoring:mentor_dashboard")
    return render(request, "mentoring/mentor/profile.html", {"form": form, "profile": profile})


# --- The dashboard -----------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class ProposalRow:
    mentorship: Mentorship
    idea_title: str
    sector: str
    support_needs: list[str]
    municipality: str
    score: Decimal
    decline_form: DeclineForm


def _mentee_row(mentorship: Mentorship) -> MenteeRow:
    participant = mentorship.participant
    profile = getattr(participant.applicant, "applicant_profile", None)
    return MenteeRow(
        mentorship=mentorship,
        name=profile.full_name if profile else person_name(participant.applicant),
        email=participant.applicant.email,
        phone=profile.phone if profile else "",
        idea_title=participant.idea_title,
        since=mentorship.answered_at,
        last_meeting=getattr(mentorship, "last_meeting", None),
        open_goals=getattr(mentorship, "open_goal_count", 0),
        url=reverse("mentoring:mentorship_detail", args=[mentorship.pk]),
    )


def decline_form_for(mentorship: Mentorship, data=None) -> DeclineForm:
    """One decline form per proposal: the prefix keeps the ids apart on the dashboard."""
    return DeclineForm(data, prefix=f"decline-{mentorship.pk}")


def _proposal_row(mentorship: Mentorship) -> ProposalRow:
    participant = mentorship.participant
    profile = getattr(participant.applicant, "applicant_profile", None)
    return ProposalRow(
        mentorship=mentorship,
        idea_title=participant.idea_title,
        sector=label_of(BusinessSector, participant.business_sector) if participant.business_sector else "",
        support_needs=labels_of(SupportNeed, participant.support_needs),
        municipality=label_of(Municipality, profile.municipality) if profile else "",
        score=mentorship.score,
        decline_form=decline_form_for(mentorship),
    )


@login_required
@require_safe
def mentor_dashboard(request):
    profile = mentor_profile_of(request.user)
    if profile is None:
        return redirect("mentoring:mentor_apply")
    if not profile.is_approved:
        return render(request, "mentoring/mentor/pending.html", {"profile": profile})
    mentorships = mentorships_of_mentor(request.user)
    active = with_meeting_summary(mentorships.filter(status=MentorshipStatus.ACTIVE))
    mentees = [_mentee_row(m) for m in active.order_by("answered_at")]
    proposals = [
        _proposal_row(m) for m in mentorships.filter(status=MentorshipStatus.PROPOSED).order_by("proposed_at")
    ]
    today = timezone.localdate()
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


# --- The coordinators' list of mentors ---------------------------------------------------------------


@dataclass(frozen=True)
class PendingRow:
    profile: MentorProfile
    name: str
    email: str
    municipality: str
    sectors: list[str]
    expertise: list[str]
    languages: list[str]
    invited: bool


@dataclass(frozen=True)
class MentorRow:
    profile: MentorProfile
    name: str
    email: str
    places_taken: int
    free_places: int
    paused: bool


@dataclass(frozen=True)
class InvitationRow:
    invitation: MentorInvitation
    invited_by: str
    expires: datetime
    expired: bool


def _mentor_list_context(invite_form: MentorInviteForm) -> dict:
    now = timezone.now()
    today = timezone.localdate(now)
    profiles = MentorProfile.objects.select_related("user").annotate(
        places_taken_count=Count("mentorships", filter=Q(mentorships__status__in=OPEN_STATUSES))
    )
    pending = [
        PendingRow(
            profile=profile,
            name=person_name(profile.user),
            email=profile.user.email,
            municipality=label_of(Municipality, profile.municipality),
            sectors=labels_of(BusinessSector, profile.sectors),
            expertise=labels_of(SupportNeed, profile.expertise),
            languages=labels_of(Language, profile.languages),
            invited=profile.invitation_id is not None,
        )
        for profile in profiles.filter(approved_at__isnull=True).order_by("created_at", "pk")
    ]
    approved = [
        MentorRow(
            profile=profile,
            name=person_name(profile.user),
            email=profile.user.email,
            places_taken=profile.places_taken_count,
            free_places=max(profile.capacity - profile.places_taken_count, 0),
            paused=profile.paused or (profile.back_on is not None and profile.back_on > today),
        )
        for profile in profiles.filter(approved_at__isnull=False).order_by(
            "user__last_name", "user__first_name"
        )
    ]
    invitations = [
        InvitationRow(
            invitation=invitation,
            invited_by=person_name(invitation.invited_by) if invitation.invited_by else "",
            expires=invitation.sent_at + mentor_services.INVITATION_VALID_FOR,
            expired=invitation.sent_at + mentor_services.INVITATION_VALID_FOR < now,
        )
        for invitation in MentorInvitation.objects.filter(used_at__isnull=True).select_related("invited_by")
    ]
    return {"pending": pending, "approved": approved, "invitations": invitations, "invite_form": invite_form}


@coordinator_required
@require_safe
def mentor_list(request):
    return render(request, "mentoring/coordinator/mentor_list.html", _mentor_list_context(MentorInviteForm()))


@coordinator_required
@require_POST
def mentor_invite_view(request):
    form = MentorInviteForm(request.POST)
    if form.is_valid():
        invitation = mentor_services.mentor_invite(
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            actor=request.user,
            now=timezone.now(),
        )
        messages.success(
            request,
            _("An invitation is sent to %(email)s. The link works for 14 days.")
            % {"email": invitation.email},
        )
        return redirect("mentoring:mentor_list")
    return render(request, "mentoring/coordinator/mentor_list.html", _mentor_list_context(form))


@coordinator_required
@require_POST
def mentor_approve_view(request, pk: int):
    profile = get_object_or_404(MentorProfile.objects.select_related("user"), pk=pk)
    was_approved = profile.is_approved
    mentor_services.mentor_approve(profile=profile, actor=request.user, now=timezone.now())
    if was_approved:
        messages.info(request, _("%(name)s was already approved.") % {"name": person_name(profile.user)})
    else:
        messages.success(
            request,
            _(
                "%(name)s is approved as a mentor and is told by e-mail. "
                "Matching now offers their free places."
            )
            % {"name": person_name(profile.user)},
        )
    return redirect("mentoring:mentor_list")


urlpatterns = [
    path("mentor/", mentor_dashboard, name="mentor_dashboard"),
    path("mentor/apply/", mentor_apply, name="mentor_apply"),
    path("mentor/join/<str:token>/", mentor_join, name="mentor_join"),
    path("mentor/profile/", mentor_profile, name="mentor_profile"),
    path("mentor/proposals/<int:pk>/accept/", mentorship_accept_view, name="mentorship_accept"),
    path("mentor/proposals/<int:pk>/decline/", mentorship_decline_view, name="mentorship_decline"),
    path("coordinator/mentors/", mentor_list, name="mentor_list"),
    path("coordinator/mentors/invite/", mentor_invite_view, name="mentor_invite"),
    path("coordinator/mentors/<int:pk>/approve/", mentor_approve_view, name="mentor_approve"),
]
