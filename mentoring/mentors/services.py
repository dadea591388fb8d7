"""Mentor onboarding: invitations, the mentor's own profile, and the coordinator's approval.

Keyword-only, given the actor and the time. A new profile waits for a
coordinator's approval and is not offered to matching until then
(`mentoring.matching.selectors.matching_inputs` reads approved mentors only).
E-mails are written to the outbox inside the same transaction as the change
(the project's EMAIL_BACKEND), so a rolled-back change sends nothing.

An invitation link carries the invitation's id signed with a timestamp; the
timestamp is the moment of sending (`now`), and its age is measured against the
`now` of the visit, so tests state the day instead of freezing the clock.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mentoring.core import mail
from mentoring.core.display import person_name
from mentoring.core.errors import PortalError
from mentoring.core.tokens import TokenInvalid, TokenKind
from mentoring.mentors.selectors import INVITATION_VALID_FOR
from mentoring.models import MentorInvitation, MentorProfile
from portal import roles
from portal.roles import user_has_role

logger = logging.getLogger(__name__)

INVITATION_LINK = TokenKind(salt="mentoring.mentor-invitation", max_age=INVITATION_VALID_FOR)


class MentorError(PortalError):
    """A rule of mentor onboarding said no; `message` says why in words a person understands."""


class CapacityBelowPlacesTaken(MentorError):
    """The new capacity is smaller than the mentor's proposed and active mentorships."""

    def __init__(self, taken: int):
        super().__init__(
            ngettext(
                "You have %(taken)d mentee or proposal now: choose at least %(taken)d, "
                "or pause to take no new mentees.",
                "You have %(taken)d mentees and proposals now: choose at least %(taken)d, "
                "or pause to take no new mentees.",
                taken,
            )
            % {"taken": taken}
        )
        self.taken = taken


class InvitationInvalid(MentorError):
    """The link was altered, never issued, or its invitation is gone or already used."""


class InvitationExpired(InvitationInvalid):
    """The link is genuine but older than INVITATION_VALID_FOR."""


class MentorApprovalNotAllowed(MentorError):
    pass


class MentorInvitationNotAllowed(MentorError):
    pass


def mentor_invitation_token(*, invitation: MentorInvitation, now: datetime) -> str:
    """The signed token of `invitation`'s link, dated `now`."""
    return INVITATION_LINK.sign(invitation.pk, now=now)


@transaction.atomic
def mentor_invite(*, email: str, name: str, actor, now: datetime) -> MentorInvitation:
    """Record an invitation from the coordinator `actor` and e-mail `email` a link to sign up as a mentor.

    The link is valid for INVITATION_VALID_FOR from `now`. Raises
    MentorInvitationNotAllowed when `actor` is not a coordinator.
    """
    if not user_has_role(actor, roles.COORDINATORS):
        raise MentorInvitationNotAllowed(_("Only a coordinator can invite mentors."))
    invitation = MentorInvitation.objects.create(
        email=email.strip(), name=name.strip(), invited_by=actor, sent_at=now
    )
    token = mentor_invitation_token(invitation=invitation, now=now)
    # The invitee has no language of their own yet: they hear from the programme in its language.
    with translation.override(settings.LANGUAGE_CODE):
        join_url = mail.absolute_url("mentoring:mentor_join", token=token)
    mail.send_from_templates(
        template="mentor_invitation",
        context={
            "invitation": invitation,
            "inviter": person_name(actor),
            "expires": now + INVITATION_VALID_FOR,
            "join_url": join_url,
        },
        to=invitation.email,
        language=settings.LANGUAGE_CODE,
        headers={"X-Portal-Mentor-Invitation": str(invitation.pk)},
    )
    logger.info("mentor invitation %s sent by user %s", invitation.pk, actor.pk)
    return invitation


def mentor_invitation_from_token(*, token: str, now: datetime) -> MentorInvitation:
    """The unused invitation that `token` was issued for, if the link is younger than INVITATION_VALID_FOR.

    Raises InvitationExpired for a genuine but old link, InvitationInvalid for
    anything else (altered, unknown, withdrawn, or already used).
    """
    invalid = InvitationInvalid(
        _("This invitation link is not valid. Ask the coordinator who invited you for a new one.")
    )
    try:
        signed = INVITATION_LINK.read(token, now=now)
    except TokenInvalid:
        raise invalid from None
    if signed.expired:
        raise InvitationExpired(
            _("This invitation link has expired. Ask the coordinator who invited you for a new one.")
        )
    invitation = MentorInvitation.objects.filter(pk=signed.pk).first()
    if invitation is None:
        raise invalid
    if invitation.used_at is not None:
        raise InvitationInvalid(
            _(
                "This invitation link has already been used. Sign in with the account you used then, "
                "or ask the coordinator who invited you for a new one."
            )
        )
    return invitation


@transaction.atomic
def mentor_profile_save(
    *,
    user,
    data: dict,
    now: datetime,
    invitation: MentorInvitation | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
) -> MentorProfile:
    """Create or update `user`'s own mentor profile from validated `data` (its PERSONAL_FIELDS).

    A new profile waits for a coordinator's approval; editing an approved one
    keeps it approved (pausing and capacity are the mentor's own to change).
    Raises CapacityBelowPlacesTaken when the capacity would fall below the
    mentor's proposed and active mentorships.
    With `invitation`, a new profile records it and the invitation is marked used
    at `now` (unless someone used it meanwhile: it then stays theirs). The
    person's name, when given, is written to their account, which is where
    mentees and coordinators read it.
    """
    fields = {name: data[name] for name in MentorProfile.PERSONAL_FIELDS if name in data}
    if not fields.get("paused", False):
        # A "back on" date belongs to a pause; left behind after unpausing it would pause the mentor again.
        fields["back_on"] = None
    if first_name is not None or last_name is not None:
        user.first_name = (first_name or "").strip() or user.first_name
        user.last_name = (last_name or "").strip() or user.last_name
        user.save(update_fields=["first_name", "last_name"])

    # Locked like `mentorship_propose` locks it: a proposal and a lower capacity cannot cross.
    profile = MentorProfile.objects.select_for_update().filter(user=user).first()
    if profile is not None:
        taken = profile.places_taken()
        if "capacity" in fields and fields["capacity"] < taken:
            raise CapacityBelowPlacesTaken(taken)
        for name, value in fields.items():
            setattr(profile, name, value)
        profile.save()
        logger.info("mentor profile %s updated by its mentor", profile.pk)
        return profile

    if invitation is not None:
        invitation = MentorInvitation.objects.select_for_update().filter(pk=invitation.pk).first()
        if invitation is not None and invitation.used_at is None:
            invitation.used_at = now
            invitation.save(update_fields=["used_at"])
        else:
            logger.warning("mentor invitation used twice; user %s applies without it", user.pk)
            invitation = None
    profile = MentorProfile.objects.create(user=user, invitation=invitation, **fields)
    logger.info(
        "mentor profile %s created, %s",
        profile.pk,
        f"invitation {invitation.pk}" if invitation else "applied",
    )
    return profile


@transaction.atomic
def mentor_approve(*, profile: MentorProfile, actor, now: datetime) -> MentorProfile:
    """The coordinator `actor` approves `profile`: the mentor joins the Mentors group and is told by e-mail.

    From then on matching offers the mentor's free places. Approving an approved
    profile changes nothing and sends nothing. Raises MentorApprovalNotAllowed
    when `actor` is not a coordinator.
    """
    if not user_has_role(actor, roles.COORDINATORS):
        raise MentorApprovalNotAllowed(_("Only a coordinator can approve mentors."))
    profile = MentorProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    # The group is (re)checked even for an approved profile: a second click repairs a removed membership.
    profile.user.groups.add(Group.objects.get(name=roles.MENTORS))
    if profile.is_approved:
        return profile
    profile.approved_at = now
    profile.approved_by = actor
    profile.save(update_fields=["approved_at", "approved_by", "updated_at"])
    # A mentor profile keeps no contact language: mentors hear from the programme in its language.
    with translation.override(settings.LANGUAGE_CODE):
        dashboard_url = mail.absolute_url("mentoring:mentor_dashboard")
    mail.send_from_templates(
        template="mentor_approved",
        context={"profile": profile, "name": profile.user.first_name, "dashboard_url": dashboard_url},
        to=profile.user.email,
        language=settings.LANGUAGE_CODE,
        headers={"X-Portal-Mentor": str(profile.pk)},
    )
    logger.info("mentor profile %s approved by user %s", profile.pk, actor.pk)
    return profile
