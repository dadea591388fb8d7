"""Reads about mentors, filtered by what the asking person may see (STYLE.md rule 6)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import BigIntegerField, Count, Q
from django.utils import timezone

from mentoring.core.choices import BusinessSector, Language, Municipality, SupportNeed
from mentoring.core.display import label_of, labels_of, person_name
from mentoring.core.querysets import KeptStatement, Parameter
from mentoring.mentorships.workflow import OPEN
from mentoring.models import (
    MentorInvitation,
    MentorProfile,
)

OPEN_STATUSES = sorted(str(status) for status in OPEN)

# How long an invitation link works after it is sent.
INVITATION_VALID_FOR = timedelta(days=14)


def mentor_profile_of(user) -> MentorProfile | None:
    """`user`'s own mentor profile, if they have one."""
    if not user.is_authenticated:
        return None
    return MentorProfile.objects.filter(user=user).first()


def mentor_standing_of(user) -> MentorProfile | None:
    """`user`'s own mentor profile with only what their dashboard reads of it: when it was sent
    and approved, the places and the pause. None without one."""
    if not user.is_authenticated:
        return None
    found = _STANDING.instances(user=user.pk)
    return found[0] if found else None


# As `.first()` reads it (the lowest ID), with a statement built once per process (KeptStatement).
_STANDING = KeptStatement(
    lambda: (
        MentorProfile.objects.filter(user_id=Parameter("user", BigIntegerField()))
        .only("created_at", "approved_at", "capacity", "paused", "back_on")
        .order_by("pk")[:1]
    )
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


@dataclass(frozen=True)
class MentorsOverview:
    """The coordinators' list: profiles waiting for approval, approved mentors, unused invitations."""

    pending: list[PendingRow]
    approved: list[MentorRow]
    invitations: list[InvitationRow]


def mentors_overview(*, now: datetime) -> MentorsOverview:
    """Every mentor profile and unused invitation as the coordinators' list shows them on `now`.

    Pending profiles oldest first, approved mentors by name with their places taken (proposed or
    active mentorships), free places and whether they are paused on `now`'s day; three queries.
    """
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
            expires=invitation.sent_at + INVITATION_VALID_FOR,
            expired=invitation.sent_at + INVITATION_VALID_FOR < now,
        )
        for invitation in MentorInvitation.objects.filter(used_at__isnull=True).select_related("invited_by")
    ]
    return MentorsOverview(pending=pending, approved=approved, invitations=invitations)
