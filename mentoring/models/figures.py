"""The programme's targets: data that coordinators edit, read by the figures dashboard."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeTargets(models.Model):
    """What a programme promises its funder: participants in all, by status at entry, and women."""

    programme = models.OneToOneField(
        "content.ProgrammePage", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="targets"
    )
    participants = models.PositiveIntegerField(_("participants"), default=3500)
    employed = models.PositiveIntegerField(_("employed at entry"), default=2500)
    job_seekers = models.PositiveIntegerField(_("job seekers at entry"), default=1000)
    women = models.PositiveIntegerField(_("women"), default=1000)
    women_share_aim = models.PositiveSmallIntegerField(
        _("aim for women's share (per cent)"),
        default=40,
        help_text=_("The pipeline warns at each step where women's share falls below this."),
    )

    class Meta:
        verbose_name = _("programme targets")
        verbose_name_plural = _("programme targets")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(women_share_aim__lte=100), name="targets_share_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return str(self.programme)
