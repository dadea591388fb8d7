"""E-mails of a mentorship, and the job that chases proposals nobody answers."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from mentoring.applications.workflow import Status
from mentoring.matching.selectors import matching_inputs
from mentoring.mentorships.services.lifecycle import (
    mentorship_accept,
    mentorship_decline,
    mentorship_propose,
    mentorships_chase_unanswered,
)
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import Mentorship, MentorshipChange
from portal.models import OutboxMessage
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_via_outbox")]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def mentor(db):
    return factories.MentorProfileFactory(
        user__first_name="Maja", user__last_name="Berg", phone="070-111 22 33", capacity=2
    )


@pytest.fixture
def participant(application_in):
    return application_in(
        Status.ACCEPTED,
        applicant=factories.ApplicantFactory(profile__contact_language="en", profile__phone="070-999 88 77"),
        idea_title="Bike repair van",
    )


@pytest.fixture
def proposal(participant, mentor, coordinator, now):
    OutboxMessage.objects.all().delete()
    return mentorship_propose(
        participant=participant, mentor=mentor, actor=coordinator, now=now, score=Decimal("7.5"), reasons=[]
    )


def mail_to(email: str) -> list[OutboxMessage]:
    return [message for message in OutboxMessage.objects.order_by("pk") if message.to == [email]]


def test_mentorship_propose_asks_the_mentor_by_email(proposal, mentor):
    (message,) = mail_to(mentor.user.email)
    assert message.headers["X-Portal-Event"] == "proposed"
    assert '"Bike repair van"' in message.body
    assert "/mentor/" in message.body


def test_mentorship_accept_introduces_both_with_contact_details(proposal, mentor, participant, now):
    OutboxMessage.objects.all().delete()

    mentorship_accept(mentorship=proposal, actor=mentor.user, now=now)

    (to_mentor,) = mail_to(mentor.user.email)
    (to_participant,) = mail_to(participant.applicant.email)
    assert participant.applicant.email in to_mentor.body and "070-999 88 77" in to_mentor.body
    assert mentor.user.email in to_participant.body and "070-111 22 33" in to_participant.body
    # The participant chose English; the mentor is written to in the programme's language.
    assert to_participant.subject == "You have a mentor"
    assert "Maja Berg" in to_participant.body


def test_mentorship_decline_sends_the_participant_nothing(proposal, mentor, participant, now):
    OutboxMessage.objects.all().delete()

    mentorship_decline(mentorship=proposal, actor=mentor.user, now=now, reason="Too far away")

    assert mail_to(participant.applicant.email) == []


def test_chase_leaves_proposal_younger_than_seven_days_alone(proposal, now):
    OutboxMessage.objects.all().delete()

    result = mentorships_chase_unanswered(now=now + timedelta(days=6, hours=23))

    assert (result.reminded, result.returned) == ([], [])
    assert OutboxMessage.objects.count() == 0


def test_chase_reminds_the_mentor_once_after_seven_days(proposal, mentor, now):
    OutboxMessage.objects.all().delete()
    day_7 = now + timedelta(days=7)

    first = mentorships_chase_unanswered(now=day_7)
    again = mentorships_chase_unanswered(now=day_7 + timedelta(hours=1))

    assert first.reminded == [proposal.pk] and again.reminded == []
    (reminder,) = mail_to(mentor.user.email)
    assert reminder.headers["X-Portal-Event"] == "reminder"
    proposal.refresh_from_db()
    assert proposal.status == MentorshipStatus.PROPOSED and proposal.reminded_at == day_7


def test_chase_returns_proposal_seven_days_after_the_reminder(proposal, mentor, now):
    mentorships_chase_unanswered(now=now + timedelta(days=7))
    assert mentorships_chase_unanswered(now=now + timedelta(days=13)).returned == []
    OutboxMessage.objects.all().delete()

    result = mentorships_chase_unanswered(now=now + timedelta(days=14))
    repeated = mentorships_chase_unanswered(now=now + timedelta(days=15))

    assert result.returned == [proposal.pk] and repeated.returned == []
    proposal.refresh_from_db()
    assert proposal.status == MentorshipStatus.RETURNED
    change = MentorshipChange.objects.filter(mentorship=proposal).last()
    assert (change.to_status, change.actor, change.reason) == ("returned", None, "No answer within 14 days.")
    (notice,) = mail_to(mentor.user.email)
    assert notice.headers["X-Portal-Event"] == "returned"


def test_chase_keeps_the_return_reason_untranslated_for_any_reader_to_read(proposal, now):
    """The job runs in Swedish; the row keeps the msgid so the English board reads it in English."""
    with translation.override("sv"):
        mentorships_chase_unanswered(now=now + timedelta(days=7))
        mentorships_chase_unanswered(now=now + timedelta(days=14))
    change = MentorshipChange.objects.filter(mentorship=proposal).last()
    assert change.reason == "No answer within 14 days."


def test_returned_proposal_puts_participant_back_in_the_pool_with_the_mentor_allowed(
    proposal, mentor, participant, now
):
    mentorships_chase_unanswered(now=now + timedelta(days=7))
    mentorships_chase_unanswered(now=now + timedelta(days=14))

    participants, mentors = matching_inputs(intake=participant.intake, now=now + timedelta(days=14))

    assert [p.id for p in participants] == [participant.pk]
    assert {m.id: m.capacity for m in mentors}[mentor.pk] == 2


def test_chase_skips_answered_proposals(proposal, mentor, now):
    mentorship_accept(mentorship=proposal, actor=mentor.user, now=now + timedelta(days=1))
    OutboxMessage.objects.all().delete()

    result = mentorships_chase_unanswered(now=now + timedelta(days=30))

    assert (result.reminded, result.returned) == ([], [])
    assert Mentorship.objects.get().status == MentorshipStatus.ACTIVE
