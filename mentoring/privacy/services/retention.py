"""Retention: what nobody asked to erase still goes when its time is up.

`retention_purge` (a daily job) deletes drafts untouched for DRAFT_RETENTION_DAYS and
rejected or withdrawn applications CLOSED_APPLICATION_RETENTION_DAYS after the
decision, each after a warning e-mail sent PURGE_WARNING_DAYS before; and anonymised
records past `retain_until`. Company requests go too: a declined one is deleted, and a
closed one loses its contact's details and free text, COMPANY_REQUEST_RETENTION_DAYS after
the decision (the effort and its links stay, for the coordinators' history).
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation

from mentoring.core import mail
from mentoring.core.language import language_of
from mentoring.models import (
    Application,
    ApplicationStatus,
    CompanyRequest,
    CompanyRequestStatus,
    ErasureRequest,
    IdentityReveal,
    MentorProfile,
    Review,
)
from mentoring.privacy.services.erasure import (
    CLOSED_STATUSES,
    _delete_application,
    _delete_files_after_commit,
)

logger = logging.getLogger(__name__)


# --- Retention -----------------------------------------------------------------------------------


@dataclass
class PurgeResult:
    warned: list[int] = field(default_factory=list)
    purged_drafts: list[int] = field(default_factory=list)
    purged_closed: list[int] = field(default_factory=list)
    purged_anonymised: list[int] = field(default_factory=list)
    purged_company_requests: list[int] = field(default_factory=list)
    stripped_company_requests: list[int] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "warned": len(self.warned),
            "purged_drafts": len(self.purged_drafts),
            "purged_closed": len(self.purged_closed),
            "purged_anonymised": len(self.purged_anonymised),
            "purged_company_requests": len(self.purged_company_requests),
            "stripped_company_requests": len(self.stripped_company_requests),
        }


def _purge_date(application: Application) -> datetime | None:
    """When `application` falls due for deletion, or None when retention does not apply to it."""
    if application.anonymised_at is not None:
        return None
    if application.status == ApplicationStatus.DRAFT:
        return application.updated_at + timedelta(days=settings.DRAFT_RETENTION_DAYS)
    if application.status in CLOSED_STATUSES:
        # The move into the closed status (a withdrawal sets no decided_at; a waiting-list one is older).
        change = application.status_changes.filter(to_status=application.status).order_by("-at").first()
        closed_at = change.at if change else (application.decided_at or application.updated_at)
        return closed_at + timedelta(days=settings.CLOSED_APPLICATION_RETENTION_DAYS)
    return None


def retention_purge(*, now: datetime) -> PurgeResult:
    """Warn of, and later delete, expired drafts and closed applications; delete expired anonymised records.

    Each application is handled in its own transaction under its row lock and checked
    again there, so a second run (or a second worker) finds the work done.
    """
    result = PurgeResult()
    warning = timedelta(days=settings.PURGE_WARNING_DAYS)
    draft_cutoff = now + warning - timedelta(days=settings.DRAFT_RETENTION_DAYS)
    closed_cutoff = now + warning - timedelta(days=settings.CLOSED_APPLICATION_RETENTION_DAYS)
    candidates = Application.objects.filter(anonymised_at__isnull=True).filter(
        Q(status=ApplicationStatus.DRAFT, updated_at__lte=draft_cutoff)
        | Q(
            status__in=CLOSED_STATUSES,
            status_changes__to_status=F("status"),
            status_changes__at__lte=closed_cutoff,
        )
        # A draft touched after its warning: the stale warning is reset below.
        | Q(status=ApplicationStatus.DRAFT, purge_warned_at__isnull=False)
    )
    for pk in candidates.order_by("pk").values_list("pk", flat=True).distinct():
        step = _retain_or_purge(pk=pk, now=now)
        if step:
            getattr(result, step).append(pk)
    expired = Application.objects.filter(
        anonymised_at__isnull=False, retain_until__lt=timezone.localdate(now)
    )
    for pk in expired.values_list("pk", flat=True):
        if _purge_anonymised(pk=pk, now=now):
            result.purged_anonymised.append(pk)
    _purge_company_requests(result=result, now=now)
    if any(result.counts().values()):
        logger.info("retention purge: %s", result.counts())
    return result


@transaction.atomic
def _retain_or_purge(*, pk: int, now: datetime) -> str | None:
    """Warn, reset a stale warning, or purge application `pk`, whichever is due; under its lock."""
    application = Application.objects.select_for_update().filter(pk=pk).select_related("applicant").first()
    if application is None:
        return None
    due = _purge_date(application)
    if due is None:
        return None
    warned = application.purge_warned_at
    if warned is not None and application.updated_at > warned:
        # Touched since the warning: untouched time starts again, and so does the warning.
        Application.objects.filter(pk=pk).update(purge_warned_at=None)
        logger.info("application %s: touched after the purge warning, warning reset", pk)
        warned = None
    warning = timedelta(days=settings.PURGE_WARNING_DAYS)
    if warned is None:
        if now < due - warning:
            return None
        Application.objects.filter(pk=pk).update(purge_warned_at=now)
        _mail_warning(application=application, purge_on=max(due, now + warning))
        logger.info("application %s: warned of deletion on %s", pk, due.date())
        return "warned"
    if now < due or now < warned + warning:
        return None
    if application.mentorships.exists():
        return None
    kind = "purged_drafts" if application.status == ApplicationStatus.DRAFT else "purged_closed"
    _delete_files_after_commit([application.business_plan.name] if application.business_plan else [])
    _delete_application(application)
    logger.info("application %s: purged (%s)", pk, kind)
    return kind


@transaction.atomic
def _purge_anonymised(*, pk: int, now: datetime) -> bool:
    application = Application.objects.select_for_update().filter(pk=pk).first()
    if (
        application is None
        or application.retain_until is None
        or application.retain_until >= timezone.localdate(now)
    ):
        return False
    user = application.applicant
    _delete_application(application)
    # The placeholder account goes with the last record that needed it.
    if (
        not user.is_active
        and user.email.endswith("@invalid")
        and not Application.objects.filter(applicant=user).exists()
        and not MentorProfile.objects.filter(user=user).exists()
        and not Review.objects.filter(reviewer=user).exists()
        and not IdentityReveal.objects.filter(coordinator=user).exists()
    ):
        ErasureRequest.objects.filter(user=user).update(user=None)
        user.delete()
    logger.info("application %s: anonymised record past its retention date deleted", pk)
    return True


def _purge_company_requests(*, result: PurgeResult, now: datetime) -> None:
    """Delete declined company requests and strip closed ones of their contact, once their time is up."""
    cutoff = now - timedelta(days=settings.COMPANY_REQUEST_RETENTION_DAYS)
    due = CompanyRequest.objects.filter(
        changes__to_status=F("status"), changes__at__lte=cutoff, contact_removed_at__isnull=True
    )
    with transaction.atomic():
        declined = list(
            due.filter(status=CompanyRequestStatus.DECLINED).values_list("pk", flat=True).distinct()
        )
        CompanyRequest.objects.filter(pk__in=declined).delete()
        closed = list(due.filter(status=CompanyRequestStatus.CLOSED).values_list("pk", flat=True).distinct())
        CompanyRequest.objects.filter(pk__in=closed).update(
            contact_name="", contact_email="", contact_phone="", needs_text="", contact_removed_at=now
        )
    result.purged_company_requests.extend(declined)
    result.stripped_company_requests.extend(closed)


def _mail_warning(*, application: Application, purge_on: datetime) -> None:
    language = language_of(application.applicant)
    with translation.override(language):
        dashboard_url = mail.absolute_url("mentoring:dashboard")
    mail.send_from_templates(
        template="purge_warning",
        context={
            "application": application,
            "intake": application.intake,
            "is_draft": application.status == ApplicationStatus.DRAFT,
            "purge_on": timezone.localdate(purge_on),
            "profile": getattr(application.applicant, "applicant_profile", None),
            "dashboard_url": dashboard_url,
        },
        to=application.applicant.email,
        language=language,
        headers={"X-Portal-Application": str(application.pk), "X-Portal-Event": "purge_warning"},
    )
