"""The mentor's own pages (applying, the invitation link, the profile) and the coordinators'
list of mentors (approvals and invitations).

A mentor's mentorships are fetched through `mentorships_of_mentor(request.user)`,
which filters by the mentor's own account: another mentor's proposal is a 404.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mentoring.core.display import person_name
from mentoring.core.roles import role_required
from mentoring.mentors import selectors as mentor_selectors
from mentoring.mentors import services as mentor_services
from mentoring.mentors.forms import MentorInviteForm, MentorProfileForm
from mentoring.mentors.selectors import mentor_profile_of
from mentoring.models import MentorProfile
from portal import roles

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


# --- The coordinators' list of mentors ---------------------------------------------------------------


def _mentor_list_page(request, invite_form: MentorInviteForm):
    overview = mentor_selectors.mentors_overview(now=timezone.now())
    return render(
        request, "mentoring/coordinator/mentor_list.html", vars(overview) | {"invite_form": invite_form}
    )


@role_required(roles.COORDINATORS)
@require_safe
def mentor_list(request):
    return _mentor_list_page(request, MentorInviteForm())


@role_required(roles.COORDINATORS)
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
    return _mentor_list_page(request, form)


@role_required(roles.COORDINATORS)
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
    path("mentor/apply/", mentor_apply, name="mentor_apply"),
    path("mentor/join/<str:token>/", mentor_join, name="mentor_join"),
    path("mentor/profile/", mentor_profile, name="mentor_profile"),
    path("coordinator/mentors/", mentor_list, name="mentor_list"),
    path("coordinator/mentors/invite/", mentor_invite_view, name="mentor_invite"),
    path("coordinator/mentors/<int:pk>/approve/", mentor_approve_view, name="mentor_approve"),
]
