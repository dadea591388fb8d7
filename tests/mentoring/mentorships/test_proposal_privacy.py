"""A mentor learns the participant's name by accepting: never from a proposal, nor after declining.

Each place a mentor reads about a proposed, declined or returned mentorship is checked
for the participant's name and e-mail address: the mentor's page, the decline page, the
mentorship page and the e-mails. After acceptance the name is shown as before.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from mentoring.applications.workflow import Status
from mentoring.mentorships.services.lifecycle import (
    mentorship_accept,
    mentorship_decline,
    mentorship_propose,
    mentorships_chase_unanswered,
)
from mentoring.mentorships.workflow import MentorshipStatus
from portal.models import OutboxMessage
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_via_outbox")]

FIRST, LAST = "Zlatana", "Ekdahl-Birgersson"
EMAIL = "zlatana.ekdahl@example.org"


def url(name: str, *args) -> str:
    return reverse(f"mentoring:{name}", args=args)


@pytest.fixture
def proposal(application_in, coordinator, now):
    applicant = factories.ApplicantFactory(email=EMAIL, first_name=FIRST, last_name=LAST)
    participant = application_in(Status.ACCEPTED, applicant=applicant, idea_title="Bike repair van")
    mentor = factories.MentorProfileFactory(capacity=2)
    OutboxMessage.objects.all().delete()
    return mentorship_propose(
        participant=participant, mentor=mentor, actor=coordinator, now=now, score=Decimal("7.5"), reasons=[]
    )


@pytest.fixture(autouse=True)
def _english():
    """The pages in English (the assertions read English), and the language put back afterwards."""
    with translation.override("en"):
        yield


@pytest.fixture
def mentor(proposal, client):
    client.force_login(proposal.mentor.user)
    return proposal.mentor.user


def page(client, name: str, *args) -> str:
    return client.get(url(name, *args)).content.decode()


def assert_nameless(text: str) -> None:
    assert FIRST not in text and LAST not in text and EMAIL not in text


def mentor_mail(mentor) -> str:
    messages = OutboxMessage.objects.filter(to=[mentor.email])
    assert messages.exists()
    return "\n".join(f"{message.subject}\n{message.body}" for message in messages)


def test_mentor_dashboard_shows_a_proposal_by_its_idea_not_the_participants_name(client, mentor):
    body = page(client, "mentor_dashboard")

    assert "Bike repair van" in body
    assert_nameless(body)


def test_decline_page_shows_a_proposal_by_its_idea_not_the_participants_name(client, mentor, proposal):
    shown = page(client, "mentorship_decline", proposal.pk)
    refused = client.post(url("mentorship_decline", proposal.pk), {}).content.decode()

    assert "Bike repair van" in shown
    assert_nameless(shown)
    assert_nameless(refused)


def test_mentorship_page_of_a_proposal_does_not_name_the_participant_to_the_mentor(client, mentor, proposal):
    body = page(client, "mentorship_detail", proposal.pk)

    assert "Mentorship proposal" in body
    assert_nameless(body)


def test_mentorship_page_does_not_name_the_participant_after_the_mentor_declines(
    client, mentor, proposal, now
):
    declined = client.post(
        url("mentorship_decline", proposal.pk),
        {f"decline-{proposal.pk}-reason": "I know the family too well."},
        follow=True,
    )
    proposal.refresh_from_db()

    assert proposal.status == MentorshipStatus.DECLINED
    assert_nameless(declined.content.decode())
    assert_nameless(page(client, "mentorship_detail", proposal.pk))
    assert_nameless(page(client, "mentor_dashboard"))


def test_mentorship_page_of_a_returned_proposal_does_not_name_the_participant(client, mentor, proposal, now):
    mentorships_chase_unanswered(now=now + timedelta(days=7))
    mentorships_chase_unanswered(now=now + timedelta(days=14))
    proposal.refresh_from_db()

    assert proposal.status == MentorshipStatus.RETURNED
    assert_nameless(page(client, "mentorship_detail", proposal.pk))


def test_proposal_reminder_and_return_emails_never_name_the_participant(mentor, proposal, now):
    mentorships_chase_unanswered(now=now + timedelta(days=7))
    mentorships_chase_unanswered(now=now + timedelta(days=14))

    mail = mentor_mail(mentor)
    assert mail.count("Bike repair van") == 3
    assert_nameless(mail)


def test_decline_sends_the_mentor_nothing_that_names_the_participant(mentor, proposal, now):
    mentorship_decline(mentorship=proposal, actor=mentor, now=now, reason="No time this spring.")

    assert_nameless(mentor_mail(mentor))


def test_mentor_sees_the_participants_name_once_they_accept(client, mentor, proposal, now):
    mentorship_accept(mentorship=proposal, actor=mentor, now=now)

    assert f"Mentorship of {FIRST} {LAST}" in page(client, "mentorship_detail", proposal.pk)
    assert f"{FIRST} {LAST}" in page(client, "mentor_dashboard")
    assert f"{FIRST} {LAST}" in mentor_mail(mentor)


def test_participant_still_sees_their_own_name_on_an_accepted_mentorship(client, mentor, proposal, now):
    mentorship_accept(mentorship=proposal, actor=mentor, now=now)
    client.force_login(proposal.participant.applicant)

    assert f"Mentorship of {FIRST} {LAST}" in page(client, "mentorship_detail", proposal.pk)
