"""An application to an intake, and the log of every change of its status."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentoring.applications.workflow import Status
from mentoring.core.choices import BusinessSector, MeetingMode, Stage, WomanMentor


class ApplicationStatus(models.TextChoices):
    DRAFT = Status.DRAFT, _("Draft")
    SUBMITTED = Status.SUBMITTED, _("Submitted")
    IN_REVIEW = Status.IN_REVIEW, _("In review")
    ACCEPTED = Status.ACCEPTED, _("Accepted")
    WAITLISTED = Status.WAITLISTED, _("On the waiting list")
    REJECTED = Status.REJECTED, _("Not accepted")
    WITHDRAWN = Status.WITHDRAWN, _("Withdrawn")


class Step(models.TextChoices):
    IDEA = "idea", _("Business idea")
    MARKET = "market", _("Market and stage")
    NEEDS = "needs", _("Support needs")
    MENTOR = "mentor", _("Mentor preferences")
    ATTACHMENTS = "attachments", _("Attachments")
    REVIEW = "review", _("Review and submit")


def private_storage():
    # Outside MEDIA_ROOT: these files are served only through a view that checks who asks.
    return storages["private"]


def business_plan_path(application: "Application", filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"business-plans/{application.intake_id}/{uuid.uuid4().hex}.{suffix}"


class Application(models.Model):
    intake = models.ForeignKey(
        "mentoring.Intake", verbose_name=_("intake"), on_delete=models.PROTECT, related_name="applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ApplicationStatus, default=ApplicationStatus.DRAFT
    )
    step = models.CharField(_("step"), max_length=12, choices=Step, default=Step.IDEA)

    idea_title = models.CharField(_("name of the business idea"), max_length=120, blank=True)
    idea_description = models.TextField(_("describe the idea"), max_length=4000, blank=True)
    business_sector = models.CharField(_("sector"), max_length=2, choices=BusinessSector, blank=True)
    market_description = models.TextField(_("customers and market"), max_length=4000, blank=True)
    stage = models.CharField(_("stage"), max_length=12, choices=Stage, blank=True)
    organisation_number = models.CharField(_("organisation number"), max_length=11, blank=True)
    support_needs = models.JSONField(_("support needs"), default=list, blank=True)
    support_needs_other = models.TextField(_("anything else you need help with"), max_length=2000, blank=True)
    mentor_languages = models.JSONField(_("languages the mentor should speak"), default=list, blank=True)
    woman_mentor = models.CharField(
        _("woman mentor"), max_length=14, choices=WomanMentor, default=WomanMentor.NO_PREFERENCE
    )
    meeting_mode = models.CharField(
        _("meetings"), max_length=10, choices=MeetingMode, default=MeetingMode.EITHER
    )
    business_plan = models.FileField(
        _("business plan"), storage=private_storage, upload_to=business_plan_path, blank=True, max_length=200
    )
    business_plan_name = models.CharField(_("business plan file name"), max_length=200, blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # Privacy: the warning before a retention purge, and an erasure that kept only what the figures need.
    purge_warned_at = models.DateTimeField(_("warned of deletion"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    retain_until = models.DateField(_("keep the anonymised record until"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    # A company effort of mentoring places this participant fills (coordinators link it).
    company_request = models.ForeignKey(
        "mentoring.CompanyRequest",
        verbose_name=_("company effort"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["intake", "applicant"], name="one_application_per_intake"),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in Status]), name="application_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | models.Q(status="withdrawn", submitted_at__isnull=True)
                | models.Q(submitted_at__isnull=False),
                name="application_submitted_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["intake", "status"], name="application_queue_idx"),
            # The figures count each person's participations the filters choose from this index alone
            # (`mentoring.figures.tallies`), without reading the application.
            models.Index(
                fields=["applicant", "status", "intake", "decided_at"], name="application_figures_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title_of(self.idea_title, self.pk)

    @staticmethod
    def title_of(idea_title: str, pk) -> str:
        """What an application is called: its idea's title, else its number (for a list read as values)."""
        return idea_title or str(_("Application %(id)s") % {"id": pk})

    @property
    def business_plan_neutral_name(self) -> str:
        """A name for the business plan that says nothing about who wrote it, for a blind review.

        The suffix is the stored one, which comes from the file's content.
        """
        stored = self.business_plan.name or ""
        suffix = stored.rsplit(".", 1)[-1].lower() if "." in stored else "bin"
        return f"business-plan-{self.pk}.{suffix}"


class StatusChange(models.Model):
    """One move in the workflow: who, when, from, to, and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="status_changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("when"))
    from_status = models.CharField(_("from"), max_length=12, choices=ApplicationStatus)
    to_status = models.CharField(_("to"), max_length=12, choices=ApplicationStatus)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Shown to the applicant."))
    internal_note = models.TextField(
        _("internal note"), blank=True, help_text=_("Seen only by coordinators.")
    )

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status} → {self.to_status}"
