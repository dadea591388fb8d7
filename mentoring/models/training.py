"""Enrolments in the occasions of training offers (competence development).

The offers and their occasions are Wagtail pages in `content`; who has a place
is workflow data and lives here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentoring.models.audit import AuditRow


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_ENROLMENT = (EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED)


class Enrolment(models.Model):
    occasion = models.ForeignKey(
        "content.TrainingOccasion",
        verbose_name=_("occasion"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    status = models.CharField(_("status"), max_length=12, choices=EnrolmentStatus)
    created_at = models.DateTimeField(_("enrolled at"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    hours_confirmed_at = models.DateTimeField(
        _("hours confirmed by the participant at"), null=True, blank=True
    )
    company_request = models.ForeignKey(
        "mentoring.CompanyRequest",
        verbose_name=_("company effort"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolments",
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["occasion", "person"],
                condition=models.Q(status__in=["enrolled", "waitlisted"]),
                name="enrolment_one_open_per_person_and_occasion",
            ),
            models.CheckConstraint(
                condition=models.Q(status="cancelled", cancelled_at__isnull=False)
                | ~models.Q(status="cancelled"),
                name="enrolment_cancelled_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.occasion} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ENROLMENT


# Hours a day a course can count: a long day with a lunch break is eight; ten leaves room for
# an evening session without letting a typo (70 for 7.0) into the funder's figures.
ATTENDANCE_HOURS_MAX = 10


class Attendance(models.Model):
    """One person's presence on one day of an occasion, in hours (0 for absent).

    Marked by a coordinator or course leader; the hours count toward the person's
    participation time once the person has confirmed them (`Enrolment.hours_confirmed_at`).
    """

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="attendance"
    )
    day = models.DateField(_("day"))
    hours = models.DecimalField(_("hours"), max_digits=3, decimal_places=1)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked at"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["day", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "day"], name="attendance_one_per_enrolment_and_day"),
            models.CheckConstraint(
                condition=models.Q(hours__gte=0, hours__lte=ATTENDANCE_HOURS_MAX),
                name="attendance_hours_0_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.day:%Y-%m-%d} {self.hours}"


class EnrolmentEvent(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    WAITLISTED = "waitlisted", _("Put on the waiting list")
    PROMOTED = "promoted", _("Moved up from the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDANCE = "attendance", _("Attendance marked")
    HOURS_CONFIRMED = "hours_confirmed", _("Hours confirmed")
    LINKED = "linked", _("Linked to a company effort")
    UNLINKED = "unlinked", _("Unlinked from a company effort")
    CERTIFICATE_ISSUED = "cert_issued", _("Certificate issued")
    CERTIFICATE_WITHDRAWN = "cert_withdrawn", _("Certificate withdrawn")


class EnrolmentChange(AuditRow):
    """The audit row of an enrolment: who did what to it, when, and from which status to which."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="changes"
    )
    event = models.CharField(_("event"), max_length=20, choices=EnrolmentEvent)
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12, blank=True)

    class Meta(AuditRow.Meta):
        verbose_name = _("enrolment change")
        verbose_name_plural = _("enrolment changes")

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.event} {self.at:%Y-%m-%d %H:%M}"
