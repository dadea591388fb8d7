"""E-mails about an application or a mentorship, written to the outbox.

Called inside the service's transaction: the message is stored with the change
and delivered only if the change commits.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from mentoring.models import Application, Mentorship
from mentoring.workflow import DECISIONS, Status

TEMPLATES = {
    Status.SUBMITTED: "receipt",
    Status.ACCEPTED: "accepted",
    Status.WAITLISTED: "waitlisted",
    Status.REJECTED: "rejected",
    Status.WITHDRAWN: "withdrawn",
}


def applicant_language(application: Application) -> str:
    profile = getattr(application.applicant, "applicant_profile", None)
    return profile.contact_language if profile else settings.LANGUAGE_CODE


def status_changed(*, application: Application, source: Status, target: Status) -> None:
    name = TEMPLATES.get(target)
    if name is None:
        return
    language = applicant_language(application)
    with translation.override(language):
        context = {
            "application": application,
            "intake": application.intake,
            "profile": getattr(application.applicant, "applicant_profile", None),
            "reason": application.decision_reason if target in DECISIONS else "",
            # The intake's own wording of this decision, if the coordinators wrote one for this language.
            "message": (
                application.intake.decision_message(decision=target, language=language)
                if target in DECISIONS
                else ""
            ),
            # Reversed inside the override, so the link opens the dashboard in the applicant's language.
            "dashboard_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("mentoring:dashboard"),
        }
        subject = render_to_string(f"mentoring/email/{name}_subject.txt", context).strip()
        body = render_to_string(f"mentoring/email/{name}.txt", context)
    EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[application.applicant.email],
        headers={"X-Portal-Application": str(application.pk), "X-Portal-Status": str(target)},
    ).send()


# --- Mentorships -------------------------------------------------------------
#
# Mentors have no language of contact of their own yet: they are written to in
# the programme's language. The participant is written to in theirs.


def absolute_url(url_name: str, **kwargs) -> str:
    """The full address of a named URL, in the active language, for a link in an e-mail."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(url_name, kwargs=kwargs or None)


def send_from_templates(*, template: str, context: dict, to: str, language: str, headers: dict) -> None:
    """Render `mentoring/email/<template>.txt` and its subject in `language` and write it to the outbox."""
    with translation.override(language):
        subject = render_to_string(f"mentoring/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"mentoring/email/{template}.txt", context)
    EmailMessage(subject=" ".join(subject.split()), body=body, to=[to], headers=headers).send()


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
        "mentor_name": mentor_user.get_full_name() or mentor_user.email,
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
    language = applicant_language(application)
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
