"""E-mails about a mentorship (proposed, reminded, returned, started), written to the outbox.

Called inside the service's transaction: the message is stored with the change
and delivered only if the change commits.
"""

from django.conf import settings
from django.utils import translation

from mentoring.core.display import person_name
from mentoring.core.language import language_of
from mentoring.core.mail import absolute_url, send_from_templates
from mentoring.models import Mentorship


def _send(
    *, template: str, context: dict, to: str, language: str, mentorship: Mentorship, event: str
) -> None:
    send_from_templates(
        template=template,
        context=context,
        to=to,
        language=language,
        headers={"X-Portal-Mentorship": str(mentorship.pk), "X-Portal-Event": event},
    )


def _mentor_context(mentorship: Mentorship) -> dict:
    mentor_user = mentorship.mentor.user
    with translation.override(settings.LANGUAGE_CODE):
        dashboard_url = absolute_url("mentoring:mentor_dashboard")
    return {
        "mentorship": mentorship,
        "application": mentorship.participant,
        "intake": mentorship.participant.intake,
        "mentor_name": person_name(mentor_user),
        "dashboard_url": dashboard_url,
    }


def mentorship_proposed(*, mentorship: Mentorship) -> None:
    """Ask the mentor to answer a proposal."""
    _send(
        template="mentorship_proposed",
        context=_mentor_context(mentorship),
        to=mentorship.mentor.user.email,
        language=settings.LANGUAGE_CODE,
        mentorship=mentorship,
        event="proposed",
    )


def mentorship_reminded(*, mentorship: Mentorship, return_on) -> None:
    """Remind the mentor of an unanswered proposal, saying when it goes back to the coordinators."""
    _send(
        template="mentorship_reminder",
        context={**_mentor_context(mentorship), "return_on": return_on},
        to=mentorship.mentor.user.email,
        language=settings.LANGUAGE_CODE,
        mentorship=mentorship,
        event="reminder",
    )


def mentorship_returned(*, mentorship: Mentorship) -> None:
    """Tell the mentor an unanswered proposal is withdrawn and their place free again."""
    _send(
        template="mentorship_returned",
        context=_mentor_context(mentorship),
        to=mentorship.mentor.user.email,
        language=settings.LANGUAGE_CODE,
        mentorship=mentorship,
        event="returned",
    )


def mentorship_started(*, mentorship: Mentorship) -> None:
    """Introduce mentor and participant to each other, each with the other's contact details."""
    application = mentorship.participant
    profile = getattr(application.applicant, "applicant_profile", None)
    mentor = mentorship.mentor
    participant_name = profile.full_name if profile else application.applicant.email
    context = {
        **_mentor_context(mentorship),
        "profile": profile,
        "participant_name": participant_name,
        "participant_email": application.applicant.email,
        "participant_phone": profile.phone if profile else "",
        "mentor_email": mentor.user.email,
        "mentor_phone": mentor.phone,
    }
    _send(
        template="mentorship_started_mentor",
        context=context,
        to=mentor.user.email,
        language=settings.LANGUAGE_CODE,
        mentorship=mentorship,
        event="started",
    )
    language = language_of(application.applicant)
    with translation.override(language):
        participant_dashboard = absolute_url("mentoring:dashboard")
    _send(
        template="mentorship_started_participant",
        context={**context, "dashboard_url": participant_dashboard},
        to=application.applicant.email,
        language=language,
        mentorship=mentorship,
        event="started",
    )
