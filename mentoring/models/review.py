"""A coordinator's review of an application against the intake's rubric."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Criterion:
    key: str
    label: Promise
    weight: int


DEFAULT_RUBRIC = (
    Criterion("viability", _("Viability of the idea"), 3),
    Criterion("motivation", _("Motivation"), 2),
    Criterion("need", _("Need for support"), 2),
    Criterion("fit", _("Fit with the programme"), 1),
)
SCORE_RANGE = range(1, 6)
# The lowest and highest score a criterion, and so a weighted mean, can have.
SCORE_MIN, SCORE_MAX = SCORE_RANGE[0], SCORE_RANGE[-1]


def weighted_score(*, scores: dict[str, int], weights: dict[str, int]) -> Decimal | None:
    """The weighted mean of `scores` (1–5), or None when nothing was scored."""
    total_weight = sum(weights.get(key, 0) for key in scores)
    if not total_weight:
        return None
    total = sum(score * weights.get(key, 0) for key, score in scores.items())
    return (Decimal(total) / Decimal(total_weight)).quantize(Decimal("0.01"))


class Review(models.Model):
    application = models.ForeignKey("mentoring.Application", on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews")
    # Empty for a reviewer who declared a conflict of interest and so scores nothing.
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    score = models.DecimalField(_("weighted score"), max_digits=3, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    conflict_of_interest = models.BooleanField(_("conflict of interest"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="one_review_per_reviewer"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="review_score_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} / {self.reviewer_id}"


class IdentityReveal(models.Model):
    """A coordinator chose to see who applied to a blind-review application, in order to decide it.

    From then on they may decide but no longer score it (a reviewer stays blind).
    The rows are also the log of staff access to applicants' personal data, so
    a coordinator's account cannot be deleted while they are referred to here.
    """

    application = models.ForeignKey(
        "mentoring.Application", on_delete=models.CASCADE, related_name="identity_reveals"
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="identity_reveals"
    )
    at = models.DateTimeField(_("revealed at"))

    class Meta:
        verbose_name = _("identity reveal")
        verbose_name_plural = _("identity reveals")
        constraints = [
            models.UniqueConstraint(fields=["application", "coordinator"], name="one_reveal_per_coordinator"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} / {self.coordinator_id} @ {self.at:%Y-%m-%d %H:%M}"
