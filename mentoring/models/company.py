"""Company requests: a company in the automotive industry or its supply chain asks for a
tailored effort, and the coordinators plan one (a reserved course occasion, or mentoring places).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentoring.models.audit import AuditRow
from portal.validators import validate_name

EMPLOYEES_CONCERNED_MAX = 500


class CompanyNeed(models.TextChoices):
    """What the company asks for: the training offers' topics, plus mentoring."""

    TECHNOLOGY = "technology", _("Technology and production")
    LEADERSHIP = "leadership", _("Leadership and communication")
    BUSINESS = "business", _("Business and economics")
    DIGITAL = "digital", _("Digital tools")
    LANGUAGE = "language", _("Language")
    MENTORING = "mentoring", _("Mentoring")


class CompanyRequestStatus(models.TextChoices):
    NEW = "new", _("New")
    PLANNED = "planned", _("Effort planned")
    DECLINED = "declined", _("Declined")
    CLOSED = "closed", _("Closed")


class EffortKind(models.TextChoices):
    OCCASION = "occasion", _("A course occasion reserved for the company")
    MENTORING = "mentoring", _("Mentoring places")


class CompanyRequest(models.Model):
    company_name = models.CharField(_("company name"), max_length=200, validators=[validate_name])
    org_number = models.CharField(_("organisation number"), max_length=11)
    contact_name = models.CharField(_("contact person"), max_length=200, validators=[validate_name])
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_language = models.CharField(_("contact language"), max_length=8, default="sv")
    employees_concerned = models.PositiveSmallIntegerField(_("employees concerned"))
    needs = models.JSONField(_("needs"), default=list, blank=True)
    needs_text = models.TextField(_("needs in your own words"), max_length=4000)
    status = models.CharField(
        _("status"), max_length=12, choices=CompanyRequestStatus, default=CompanyRequestStatus.NEW
    )
    created_at = models.DateTimeField(_("received"))

    effort_kind = models.CharField(_("effort"), max_length=12, choices=EffortKind, blank=True)
    # One reservation per occasion: an occasion held for one company is closed to everyone else.
    reserved_occasion = models.OneToOneField(
        "content.TrainingOccasion",
        verbose_name=_("reserved occasion"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="company_reservation",
    )
    mentoring_places = models.PositiveSmallIntegerField(_("mentoring places"), null=True, blank=True)
    planned_at = models.DateTimeField(_("planned at"), null=True, blank=True)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # When retention removed the contact's name, e-mail, phone and free text (COMPANY_REQUEST_RETENTION_DAYS).
    contact_removed_at = models.DateTimeField(_("contact details removed"), null=True, blank=True)

    class Meta:
        verbose_name = _("company request")
        verbose_name_plural = _("company requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    employees_concerned__gte=1, employees_concerned__lte=EMPLOYEES_CONCERNED_MAX
                ),
                name="companyrequest_employees_1_to_500",
            ),
            # A planned effort is one of the two kinds, with what that kind needs.
            models.CheckConstraint(
                condition=~models.Q(status__in=["planned", "closed"]) | ~models.Q(effort_kind=""),
                name="companyrequest_planned_has_effort",
            ),
            models.CheckConstraint(
                condition=~models.Q(effort_kind="occasion") | models.Q(reserved_occasion__isnull=False),
                name="companyrequest_occasion_effort_has_occasion",
            ),
            models.CheckConstraint(
                condition=~models.Q(effort_kind="mentoring") | models.Q(mentoring_places__gte=1),
                name="companyrequest_mentoring_effort_has_places",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company_name} ({self.org_number})"


class CompanyRequestChange(AuditRow):
    """The audit row of a company request's status."""

    request = models.ForeignKey(
        CompanyRequest, verbose_name=_("company request"), on_delete=models.CASCADE, related_name="changes"
    )
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12)

    class Meta(AuditRow.Meta):
        verbose_name = _("company request change")
        verbose_name_plural = _("company request changes")

    def __str__(self) -> str:
        return f"{self.request_id} {self.from_status}→{self.to_status}"
