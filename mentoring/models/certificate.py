"""Course certificates: proof of the hours a participant attended an occasion, checkable by its code.

A certificate keeps the facts it states as they were when it was issued (name, hours,
dates are read from the occasion), so the PDF made again on a later download says
the same, and the verification page can say "withdrawn" when the facts moved on.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Twenty characters of Crockford's base32: 100 random bits (mentoring.certificates.codes).
CERTIFICATE_CODE_LENGTH = 20


class CertificateLanguage(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class WithdrawalReason(models.TextChoices):
    HOURS_CHANGED = "hours_changed", _("The hours were changed after the certificate was issued")
    ERASED = "erased", _("The holder's personal data was erased")


class Certificate(models.Model):
    # Goes with its enrolment: that outlives an erasure (the hours count) and goes only when the
    # anonymised record's retention ends, after which no certificate of it can be checked.
    enrolment = models.ForeignKey(
        "mentoring.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    occasion = models.ForeignKey(
        "content.TrainingOccasion",
        verbose_name=_("occasion"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # As printed: a later change of name in the profile does not change an issued certificate.
    holder_name = models.CharField(_("holder's name"), max_length=300, blank=True)
    hours = models.DecimalField(_("hours attended"), max_digits=5, decimal_places=1)
    language = models.CharField(_("language"), max_length=2, choices=CertificateLanguage)
    issued_at = models.DateTimeField(_("issued at"))
    # Stored as it is printed (without the dashes), because each download makes the PDF again.
    code = models.CharField(_("verification code"), max_length=CERTIFICATE_CODE_LENGTH, unique=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_reason = models.CharField(
        _("why it was withdrawn"), max_length=20, choices=WithdrawalReason, blank=True
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["issued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "language"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="certificate_one_valid_per_enrolment_and_language",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True, withdrawn_reason="")
                | models.Q(withdrawn_at__isnull=False) & ~models.Q(withdrawn_reason=""),
                name="certificate_withdrawn_has_time_and_reason",
            ),
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="certificate_hours_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.enrolment_id}, {self.language})"

    @property
    def is_valid(self) -> bool:
        return self.withdrawn_at is None
