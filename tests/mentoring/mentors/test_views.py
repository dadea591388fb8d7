"""The mentor's pages (applying, the invitation link, profile, dashboard, answers) and the mentors list."""

import datetime as dt
import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from mentoring.core.choices import BusinessSector, Municipality, SupportNeed
from mentoring.mentors import services
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import MentorInvitation, MentorProfile
from portal import roles
from portal.models import OutboxMessage
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_via_outbox")]


@pytest.fixture(autouse=True)
def _english():
    """Pages are asserted in English: URLs reversed now carry /en/, so the pages answer in English."""
    with translation.override("en"):
        yield


def url(name: str, *args, **kwargs) -> str:
    return reverse(f"mentoring:{name}", args=args, kwargs=kwargs or None)


PROFILE_POST = {
    "first_name": "Nora",
    "last_name": "Nilsson",
    "phone": "070-765 43 21",
    "bio": "Byggde upp en redovisningsbyrå.",
    "sectors": [BusinessSector.PROFESSIONAL.value],
    "expertise": [SupportNeed.FINANCING.value],
    "languages": ["sv"],
    "municipality": Municipality.MOLNDAL.value,
    "online_ok": "on",
    "capacity": "3",
    "company_ties": "Volvo Cars\n\n  Aurobay  \nvolvo cars\n",
}


@pytest.fixture
def person(client):
    """A signed-in person with no mentor profile yet."""
    user = factories.verified_user(first_name="", last_name="")
    client.force_login(user)
    return user


@pytest.fixture
def mentor(client):
    """A signed-in, approved mentor with three places."""
    profile = factories.MentorProfileFactory(capacity=3)
    client.force_login(profile.user)
    return profile


def html_of(response) -> str:
    return response.content.decode()


def field_error(response, field: str) -> str:
    """The error shown next to `field` (its id is what the field component ties it to)."""
    match = re.search(rf'id="id_{re.escape(field)}_error">(.*?)</div>', html_of(response), re.S)
    return re.sub(r"<[^>]+>", "", match[1]).strip() if match else ""


# --- Applying --------------------------------------------------------------------------------


def test_mentor_dashboard_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(url("mentor_dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_mentor_dashboard_without_profile_sends_to_apply(client, person):
    response = client.get(url("mentor_dashboard"))
    assert response.status_code == 302 and response.url == url("mentor_apply")


def test_mentor_apply_creates_an_unapproved_profile_and_shows_it_waits(client, person):
    response = client.post(url("mentor_apply"), PROFILE_POST)

    assert response.status_code == 302 and response.url == url("mentor_dashboard")
    profile = MentorProfile.objects.get(user=person)
    assert not profile.is_approved
    assert profile.company_ties == ["Volvo Cars", "Aurobay"]
    assert profile.online_ok and profile.capacity == 3
    person.refresh_from_db()
    assert person.get_full_name() == "Nora Nilsson"
    page = client.get(url("mentor_dashboard"))
    assert "waits for approval" in html_of(page)
    assert url("mentor_profile") in html_of(page)


def test_mentor_apply_errors_are_tied_to_fields_and_keep_the_input(client, person):
    data = {**PROFILE_POST, "capacity": "11", "sectors": [], "bio": ""}

    response = client.post(url("mentor_apply"), data)

    assert response.status_code == 200
    assert not MentorProfile.objects.exists()
    assert "a number from 1 to 10" in field_error(response, "capacity")
    assert "at least one sector" in field_error(response, "sectors")
    assert "a few sentences" in field_error(response, "bio")
    html = html_of(response)
    assert 'value="070-765 43 21"' in html
    assert "Aurobay" in html
    assert 'aria-invalid="true"' in html


def test_mentor_apply_with_a_profile_goes_to_the_profile(client, mentor):
    response = client.get(url("mentor_apply"))
    assert response.status_code == 302 and response.url == url("mentor_profile")


def test_mentor_profile_past_back_on_when_paused_is_a_field_error(client, mentor):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    data = {**PROFILE_POST, "paused": "on", "back_on": yesterday.isoformat()}

    response = client.post(url("mentor_profile"), data)

    assert response.status_code == 200
    assert "The date has passed" in field_error(response, "back_on")
    mentor.refresh_from_db()
    assert not mentor.paused


def test_mentor_profile_capacity_below_places_taken_is_a_field_error(client, mentor):
    factories.MentorshipFactory(mentor=mentor, status=MentorshipStatus.ACTIVE)
    factories.MentorshipFactory(mentor=mentor, status=MentorshipStatus.PROPOSED)

    response = client.post(url("mentor_profile"), {**PROFILE_POST, "capacity": "1"})

    assert response.status_code == 200
    assert "You have 2 mentees and proposals now" in field_error(response, "capacity")
    assert 'value="1"' in html_of(response)  # what the mentor typed is kept
    mentor.refresh_from_db()
    assert mentor.capacity >= 2


def test_mentor_profile_pause_is_saved_and_shown(client, mentor):
    back_on = timezone.localdate() + dt.timedelta(days=30)
    data = {**PROFILE_POST, "paused": "on", "back_on": back_on.isoformat()}

    response = client.post(url("mentor_profile"), data)

    assert response.status_code == 302
    mentor.refresh_from_db()
    assert mentor.paused and mentor.back_on == back_on and mentor.is_approved
    assert "Paused" in html_of(client.get(url("mentor_dashboard")))


def test_mentor_profile_without_one_sends_to_apply(client, person):
    response = client.get(url("mentor_profile"))
    assert response.status_code == 302 and response.url == url("mentor_apply")


# --- The invitation link --------------------------------------------------------------------------


@pytest.fixture
def invitation_link(coordinator, now):
    """The join link of a fresh invitation, as the e-mail gives it (path only)."""
    invitation = services.mentor_invite(
        email="nora@example.org", name="Nora Nilsson", actor=coordinator, now=now
    )
    token = services.mentor_invitation_token(invitation=invitation, now=now)
    return invitation, url("mentor_join", token=token)


def test_mentor_join_sends_anonymous_visitors_to_sign_up_and_back(client, invitation_link):
    _, link = invitation_link

    response = client.get(link)

    assert response.status_code == 302
    target = urlparse(response.url)
    assert target.path == reverse("account_signup")
    assert parse_qs(target.query)["next"] == [link]


def test_mentor_join_signed_in_saves_the_profile_with_the_invitation(client, person, invitation_link):
    invitation, link = invitation_link
    form = client.get(link)
    assert form.status_code == 200 and 'value="Nora"' in html_of(form)

    response = client.post(link, PROFILE_POST)

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.used_at is not None
    assert MentorProfile.objects.get(user=person).invitation == invitation


def test_mentor_join_with_an_altered_link_is_a_friendly_404(client, person):
    response = client.get(url("mentor_join", token="1:abc:forged"))

    assert response.status_code == 404
    assert "not valid" in html_of(response) and "coordinator" in html_of(response)


def test_mentor_join_with_an_expired_link_is_a_friendly_404(client, coordinator, now):
    sent = now - dt.timedelta(days=15)
    invitation = MentorInvitation.objects.create(
        email="late@example.org", invited_by=coordinator, sent_at=sent
    )
    link = url("mentor_join", token=services.mentor_invitation_token(invitation=invitation, now=sent))

    response = client.get(link)

    assert response.status_code == 404
    assert "expired" in html_of(response)


# --- The dashboard ------------------------------------------------------------------------------------


def test_mentor_dashboard_shows_mentees_proposals_and_free_places(client, mentor, now):
    active = factories.MentorshipFactory(mentor=mentor, status=MentorshipStatus.ACTIVE, answered_at=now)
    proposed = factories.MentorshipFactory(mentor=mentor)
    factories.MentorshipFactory(mentor=mentor, status=MentorshipStatus.DECLINED)
    elsewhere = factories.MentorshipFactory()

    html = html_of(client.get(url("mentor_dashboard")))

    mentee = active.participant.applicant
    assert mentee.applicant_profile.full_name in html
    assert mentee.email in html and mentee.applicant_profile.phone in html
    assert proposed.participant.idea_title in html
    assert "Other services" in html and "Financing" in html and "Mölndal" in html
    assert url("mentorship_accept", proposed.pk) in html
    assert url("mentorship_decline", proposed.pk) in html
    assert "1 of 3 places free" in html
    assert elsewhere.participant.idea_title not in html
    # A proposed participant's contact details wait until the mentor accepts.
    assert proposed.participant.applicant.email not in html


def test_mentorship_accept_makes_it_active(client, mentor):
    proposed = factories.MentorshipFactory(mentor=mentor)

    response = client.post(url("mentorship_accept", proposed.pk))

    assert response.status_code == 302 and response.url == url("mentor_dashboard")
    proposed.refresh_from_db()
    assert proposed.status == MentorshipStatus.ACTIVE
    page = html_of(client.get(response.url))
    assert "You have accepted" in page
    assert proposed.participant.applicant.email in page


def test_mentorship_accept_when_already_answered_says_so(client, mentor):
    declined = factories.MentorshipFactory(mentor=mentor, status=MentorshipStatus.DECLINED)

    response = client.post(url("mentorship_accept", declined.pk), follow=True)

    assert response.status_code == 200
    assert "already been answered" in html_of(response)
    declined.refresh_from_db()
    assert declined.status == MentorshipStatus.DECLINED


def test_mentorship_of_another_mentor_is_404(client, mentor):
    theirs = factories.MentorshipFactory()

    assert client.post(url("mentorship_accept", theirs.pk)).status_code == 404
    assert client.get(url("mentorship_decline", theirs.pk)).status_code == 404
    reason = {f"decline-{theirs.pk}-reason": "Nej"}
    assert client.post(url("mentorship_decline", theirs.pk), reason).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == MentorshipStatus.PROPOSED


def test_mentorship_decline_without_reason_is_a_field_error(client, mentor):
    proposed = factories.MentorshipFactory(mentor=mentor)

    response = client.post(url("mentorship_decline", proposed.pk), {f"decline-{proposed.pk}-reason": "  "})

    assert response.status_code == 200
    assert "Write why you decline" in field_error(response, f"decline-{proposed.pk}-reason")
    proposed.refresh_from_db()
    assert proposed.status == MentorshipStatus.PROPOSED


def test_mentorship_decline_with_reason_declines(client, mentor):
    proposed = factories.MentorshipFactory(mentor=mentor)
    assert client.get(url("mentorship_decline", proposed.pk)).status_code == 200

    response = client.post(
        url("mentorship_decline", proposed.pk), {f"decline-{proposed.pk}-reason": "Jag känner personen."}
    )

    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == MentorshipStatus.DECLINED
    assert proposed.decline_reason == "Jag känner personen."


# --- The coordinators' list of mentors ------------------------------------------------------------------


@pytest.mark.parametrize("role", [roles.MENTORS, roles.EDITORS])
def test_mentor_list_pages_are_forbidden_without_the_role(client, role):
    client.force_login(factories.user_with_role(role))
    pending = factories.MentorProfileFactory(unapproved=True)

    assert client.get(url("mentor_list")).status_code == 403
    assert client.post(url("mentor_invite"), {"email": "x@example.org"}).status_code == 403
    assert client.post(url("mentor_approve", pending.pk)).status_code == 403
    pending.refresh_from_db()
    assert not pending.is_approved and not MentorInvitation.objects.exists()


def test_mentor_list_shows_pending_first_then_approved_and_invitations(client, coordinator, now):
    client.force_login(coordinator)
    pending = factories.MentorProfileFactory(unapproved=True, user__last_name="Väntande")
    approved = factories.MentorProfileFactory(user__last_name="Godkänd", capacity=3)
    factories.MentorshipFactory(mentor=approved)
    MentorInvitation.objects.create(email="inbjuden@example.org", invited_by=coordinator, sent_at=now)

    html = html_of(client.get(url("mentor_list")))

    assert html.index("Väntande") < html.index("Godkänd")
    assert url("mentor_approve", pending.pk) in html
    assert url("mentor_approve", approved.pk) not in html
    assert "inbjuden@example.org" in html


def test_mentor_approve_from_the_list(client, coordinator):
    client.force_login(coordinator)
    pending = factories.MentorProfileFactory(unapproved=True)

    response = client.post(url("mentor_approve", pending.pk))

    assert response.status_code == 302 and response.url == url("mentor_list")
    pending.refresh_from_db()
    assert pending.is_approved and pending.user.groups.filter(name=roles.MENTORS).exists()
    assert OutboxMessage.objects.filter(to=[pending.user.email]).exists()


def test_mentor_invite_from_the_list_sends_the_invitation(client, coordinator):
    client.force_login(coordinator)

    response = client.post(url("mentor_invite"), {"email": "nora@example.org", "name": "Nora"})

    assert response.status_code == 302
    assert MentorInvitation.objects.get().email == "nora@example.org"
    assert OutboxMessage.objects.get().to == ["nora@example.org"]


def test_mentor_invite_with_a_bad_address_is_a_field_error_keeping_the_name(client, coordinator):
    client.force_login(coordinator)

    response = client.post(url("mentor_invite"), {"email": "nora@", "name": "Nora Nilsson"})

    assert response.status_code == 200
    assert "whole e-mail address" in field_error(response, "email")
    assert 'value="Nora Nilsson"' in html_of(response)
    assert not MentorInvitation.objects.exists()
