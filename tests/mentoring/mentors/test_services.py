"""Mentor onboarding: invitations by signed link, the mentor's own profile, and the coordinator's approval."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import translation

from mentoring.core.choices import BusinessSector, Language, Municipality, SupportNeed
from mentoring.matching.selectors import matching_inputs
from mentoring.mentors import services
from mentoring.models import MentorInvitation, MentorProfile
from portal import roles
from portal.models import OutboxMessage
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_via_outbox")]

JOIN_LINK = re.compile(r"https?://\S+/mentor/join/(?P<token>[^/\s]+)/")


@pytest.fixture(autouse=True)
def _english():
    """The refusals are asserted in their English wording (the site's default language is Swedish)."""
    with translation.override("en"):
        yield


def profile_data(**changes) -> dict:
    data = {
        "phone": "070-765 43 21",
        "bio": "Byggde upp en redovisningsbyrå med tolv anställda.",
        "sectors": [BusinessSector.PROFESSIONAL.value],
        "expertise": [SupportNeed.FINANCING.value, SupportNeed.LEGAL_TAX.value],
        "languages": [Language.SWEDISH.value, Language.ARABIC.value],
        "municipality": Municipality.MOLNDAL.value,
        "online_ok": True,
        "capacity": 3,
        "gender": "",
        "company_ties": ["Volvo Cars"],
        "paused": False,
        "back_on": None,
    }
    return data | changes


def invite(coordinator, now, email="ny.mentor@example.org", name="Nora Nilsson") -> MentorInvitation:
    return services.mentor_invite(email=email, name=name, actor=coordinator, now=now)


def token_in(message: OutboxMessage) -> str:
    return JOIN_LINK.search(message.body)["token"]


# --- Invitations ----------------------------------------------------------------------


def test_mentor_invite_records_the_invitation_and_emails_a_link(coordinator, now):
    invitation = invite(coordinator, now)

    assert invitation.invited_by == coordinator and invitation.sent_at == now and invitation.used_at is None
    message = OutboxMessage.objects.get()
    assert message.to == ["ny.mentor@example.org"]
    assert message.headers["X-Portal-Mentor-Invitation"] == str(invitation.pk)
    assert "Nora Nilsson" in message.body
    assert JOIN_LINK.search(message.body)


def test_mentor_invite_email_is_delivered_after_commit(coordinator, now, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(coordinator, now)

    assert [m.to for m in mail.outbox] == [["ny.mentor@example.org"]]


def test_mentor_invitation_link_leads_back_to_the_invitation(coordinator, now):
    invitation = invite(coordinator, now)

    found = services.mentor_invitation_from_token(
        token=token_in(OutboxMessage.objects.get()), now=now + dt.timedelta(days=13)
    )

    assert found == invitation


def test_mentor_invitation_link_expires_after_fourteen_days(coordinator, now):
    invite(coordinator, now)
    token = token_in(OutboxMessage.objects.get())

    with pytest.raises(services.InvitationExpired) as error:
        services.mentor_invitation_from_token(token=token, now=now + dt.timedelta(days=14, seconds=1))

    assert "expired" in str(error.value.message)


def test_mentor_invitation_link_altered_is_invalid(coordinator, now):
    invitation = invite(coordinator, now)
    token = token_in(OutboxMessage.objects.get())
    forged = token.replace(str(invitation.pk), str(invitation.pk + 1), 1)

    for bad in (forged, token[:-2], "not-a-token"):
        with pytest.raises(services.InvitationInvalid):
            services.mentor_invitation_from_token(token=bad, now=now)


def test_mentor_invitation_link_works_once(coordinator, now):
    invitation = invite(coordinator, now)
    token = token_in(OutboxMessage.objects.get())
    services.mentor_profile_save(
        user=factories.verified_user(), data=profile_data(), invitation=invitation, now=now
    )

    with pytest.raises(services.InvitationInvalid) as error:
        services.mentor_invitation_from_token(token=token, now=now)

    assert "already been used" in str(error.value.message)


def test_mentor_invite_by_someone_without_the_role_is_refused(now):
    with pytest.raises(services.MentorInvitationNotAllowed):
        invite(factories.user_with_role(roles.MENTORS), now)

    assert not MentorInvitation.objects.exists() and not OutboxMessage.objects.exists()


# --- The mentor's profile -------------------------------------------------------------


def test_mentor_profile_save_creates_an_unapproved_profile(now):
    user = factories.verified_user()

    profile = services.mentor_profile_save(
        user=user, data=profile_data(), first_name="Nora", last_name="Nilsson", now=now
    )

    assert profile.user == user and not profile.is_approved
    assert profile.capacity == 3 and profile.company_ties == ["Volvo Cars"]
    user.refresh_from_db()
    assert user.get_full_name() == "Nora Nilsson"


def test_mentor_profile_unapproved_is_not_offered_to_matching(intake, coordinator, now):
    profile = services.mentor_profile_save(user=factories.verified_user(), data=profile_data(), now=now)

    _, mentors = matching_inputs(intake=intake, now=now)
    assert profile.pk not in [m.id for m in mentors]

    services.mentor_approve(profile=profile, actor=coordinator, now=now)
    _, mentors = matching_inputs(intake=intake, now=now)
    assert profile.pk in [m.id for m in mentors]


def test_mentor_profile_save_marks_the_invitation_used(coordinator, now):
    invitation = invite(coordinator, now)
    later = now + dt.timedelta(days=2)

    profile = services.mentor_profile_save(
        user=factories.verified_user(), data=profile_data(), invitation=invitation, now=later
    )

    invitation.refresh_from_db()
    assert profile.invitation == invitation and invitation.used_at == later


def test_mentor_profile_save_updates_and_keeps_the_approval(now):
    profile = factories.MentorProfileFactory(capacity=2)

    services.mentor_profile_save(
        user=profile.user, data=profile_data(capacity=5, paused=True, back_on=dt.date(2030, 1, 1)), now=now
    )

    profile.refresh_from_db()
    assert profile.is_approved and profile.capacity == 5
    assert profile.paused and profile.back_on == dt.date(2030, 1, 1)
    assert MentorProfile.objects.count() == 1


def test_mentor_profile_save_drops_back_on_when_not_paused(now):
    profile = services.mentor_profile_save(
        user=factories.verified_user(), data=profile_data(paused=False, back_on=dt.date(2030, 1, 1)), now=now
    )

    assert profile.back_on is None


# --- Approval ---------------------------------------------------------------------------


def test_mentor_approve_adds_to_mentors_group_and_emails_the_dashboard(coordinator, now):
    profile = factories.MentorProfileFactory(unapproved=True)

    services.mentor_approve(profile=profile, actor=coordinator, now=now)

    profile.refresh_from_db()
    assert profile.approved_at == now and profile.approved_by == coordinator
    assert profile.user.groups.filter(name=roles.MENTORS).exists()
    message = OutboxMessage.objects.get()
    assert message.to == [profile.user.email]
    assert "/mentor/" in message.body


def test_mentor_approve_twice_is_harmless(coordinator, now):
    profile = factories.MentorProfileFactory(unapproved=True)
    services.mentor_approve(profile=profile, actor=coordinator, now=now)

    services.mentor_approve(
        profile=profile, actor=factories.coordinator_user(), now=now + dt.timedelta(hours=1)
    )

    profile.refresh_from_db()
    assert profile.approved_at == now and profile.approved_by == coordinator
    assert OutboxMessage.objects.count() == 1
    assert Group.objects.get(name=roles.MENTORS).user_set.filter(pk=profile.user_id).count() == 1


def test_mentor_approve_by_someone_without_the_role_is_refused(now):
    profile = factories.MentorProfileFactory(unapproved=True)

    with pytest.raises(services.MentorApprovalNotAllowed):
        services.mentor_approve(profile=profile, actor=profile.user, now=now)

    profile.refresh_from_db()
    assert not profile.is_approved and not OutboxMessage.objects.exists()
