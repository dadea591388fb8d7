"""What every audit row of a workflow holds beside its subject: when, who, and a note."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditRow(models.Model):
    """When, by whom (kept as none once the account is gone) and why; the subclass adds what changed."""

    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]
