"""Privacy records: who viewed whose personal data, and each erasure with its steps."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLog(models.Model):
    """A staff member opened a person's application or profile: who, what, when."""

    class What(models.TextChoices):
        APPLICATION = "application", _("Application")
        PROFILE = "profile", _("Applicant profile")
        BUSINESS_PLAN = "business_plan", _("Business plan")
        SURVEY = "survey", _("Follow-up survey")

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("viewed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The person whose data it is; the row goes when their data is erased.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("whose data"),
        on_delete=models.CASCADE,
        related_name="data_views",
    )
    what = models.CharField(_("what"), max_length=16, choices=What)
    object_id = models.PositiveIntegerField(_("object"), null=True, blank=True)
    at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject", "-at"], name="accesslog_subject_at_idx")]

    def __str__(self) -> str:
        return f"{self.viewer_id} → {self.subject_id} {self.what} {self.at:%Y-%m-%d %H:%M}"


class ErasureRequest(models.Model):
    """A person asked for their data to be erased; `steps` records what was done, in order.

    The request outlives the account (user becomes null) so that the erasure itself
    stays documented, without saying whose it was beyond the pseudonymous reference.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="erasure_requests",
    )
    reference = models.CharField(_("pseudonymous reference"), max_length=32)
    requested_at = models.DateTimeField(_("requested"))
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    # [{"at": iso time, "step": code, "count": n}, …]
    steps = models.JSONField(_("steps"), default=list, blank=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return self.reference
