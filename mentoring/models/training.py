"""Enrolments in the occasions of training offers (competence development).

The offers and their occasions are Wagtail pages in `content`; who has a place
is workflow data and lives here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
