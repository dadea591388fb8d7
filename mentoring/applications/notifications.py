"""E-mails to an applicant when their application changes status, written to the outbox.

Called inside the service's transaction: the message is stored with the change
and delivered only if the change commits.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from mentoring.applications.workflow import DECISIONS, Status
from mentoring.core.language import language_of
from mentoring.models import Application

TEMPLATES = {
    Status.SUBMITTED: "receipt",
    Status.ACCEPTED: "accepted",
    Status.WAITLISTED: "waitlisted",
    Status.REJECTED: "rejected",
    Status.WITHDRAWN: "withdrawn",
}


def status_changed(*, application: Application, source: Status, target: Status) -> None:
    name = TEMPLATES.get(target)
    if name is None:
        return
    language = language_of(application.applicant)
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
