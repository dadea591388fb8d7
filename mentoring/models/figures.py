"""The programme's targets: data that coordinators edit, read by the figures dashboard."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
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
        # The check constraint below keeps the database right; this keeps the error beside the field.
        validators=[MaxValueValidator(100)],
        help_text=_("The pipeline warns at each step where women's share falls below this."),
    )
    # Both or neither: the forecast draws the path from the start to the end date.
    starts_on = models.DateField(
        _("programme starts"),
        null=True,
        blank=True,
        help_text=_("The day the programme started counting participants (YYYY-MM-DD)."),
    )
    ends_on = models.DateField(
        _("programme ends"),
        null=True,
        blank=True,
        help_text=_("The day by which the funder judges the targets (YYYY-MM-DD)."),
    )

    class Meta:
        verbose_name = _("programme targets")
        verbose_name_plural = _("programme targets")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(women_share_aim__lte=100), name="targets_share_at_most_100"
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True, ends_on__isnull=True)
                | models.Q(starts_on__isnull=False, ends_on__isnull=False, starts_on__lt=models.F("ends_on")),
                name="targets_dates_both_and_in_order",
            ),
        ]

    def __str__(self) -> str:
        return str(self.programme)

    def clean(self):
        super().clean()
        if (self.starts_on is None) != (self.ends_on is None):
            missing = "ends_on" if self.ends_on is None else "starts_on"
            raise ValidationError(
                {missing: _("Give both the start and the end date, or neither: the forecast needs both.")}
            )
        if self.starts_on is not None and self.ends_on is not None and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("The programme must end after it starts.")})

    @property
    def has_dates(self) -> bool:
        return self.starts_on is not None and self.ends_on is not None


class FiguresVersion(models.Model):
    """One row whose token changes with every committed change to what the figures count.

    Database triggers (migration 0026) replace `token` on each insert, update and delete in the
    tables the figures read, whatever wrote them: a service, a bulk update, the admin or a
    migration. `mentoring.figures.counted` keeps counts under the token read before counting, so a
    count is never served after its data changed. No row (after a flush) means no count is kept.
    """

    token = models.CharField(max_length=64)
    # PostgreSQL: the transaction that last replaced the token, so that it is replaced once per transaction.
    changed_in = models.BigIntegerField(null=True, editable=False)

    class Meta:
        verbose_name = _("figures version")

    def __str__(self):
        return self.token
