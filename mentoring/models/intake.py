"""An intake: one round of applications to a programme."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentoring.core.choices import MEMBER_MUNICIPALITIES, EmploymentStatus, IneligibilityReason
from portal.localized import LocalText, local_text

# Target groups are situations in the profile's own vocabulary (EmploymentStatus).
DEFAULT_TARGET_GROUPS = [
    EmploymentStatus.EMPLOYED,
    EmploymentStatus.UNDER_NOTICE,
    EmploymentStatus.UNEMPLOYED,
]


def default_municipalities() -> list[str]:
    return list(MEMBER_MUNICIPALITIES)


def default_target_groups() -> list[str]:
    return [str(group) for group in DEFAULT_TARGET_GROUPS]


def default_weights() -> dict[str, int]:
    from mentoring.models.review import DEFAULT_RUBRIC

    return {criterion.key: criterion.weight for criterion in DEFAULT_RUBRIC}


class Intake(models.Model):
    programme = models.ForeignKey(
        "content.ProgrammePage", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="intakes"
    )
    title = models.CharField(_("title"), max_length=120, help_text=_("In Swedish."))
    title_en = models.CharField(
        _("title in English"),
        max_length=120,
        blank=True,
        help_text=_("Shown on the English pages and in English e-mails; empty shows the Swedish title."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    places = models.PositiveIntegerField(_("places"))
    municipalities = models.JSONField(
        _("eligible municipalities"),
        default=default_municipalities,
        help_text=_("Codes of the municipalities."),
    )
    target_groups = models.JSONField(
        _("eligible target groups"),
        default=default_target_groups,
        help_text=_("Codes of the situations (employment status) the intake is open to."),
    )
    business_max_age_months = models.PositiveSmallIntegerField(
        _("largest age of a business, in months"),
        null=True,
        blank=True,
        help_text=_(
            "Where the self-employed may apply: only with a business registered less than this many "
            "months ago, for example 24. Empty: any business."
        ),
    )
    for_women = models.BooleanField(
        _("for women"),
        default=False,
        help_text=_(
            "The intake is for women. Applications from others are marked in the review queue; "
            "accepting one asks for a reason."
        ),
    )
    blind_review = models.BooleanField(
        _("blind review"),
        default=False,
        help_text=_("Reviewers see no name, gender, age or contact details until the decision."),
    )
    rubric_weights = models.JSONField(_("weights of the review criteria"), default=default_weights)

    # The coordinators' own wording of a decision e-mail, per language; blank keeps the default text.
    accepted_message_sv = models.TextField(_("acceptance message (Swedish)"), blank=True)
    accepted_message_en = models.TextField(_("acceptance message (English)"), blank=True)
    waitlisted_message_sv = models.TextField(_("waiting list message (Swedish)"), blank=True)
    waitlisted_message_en = models.TextField(_("waiting list message (English)"), blank=True)
    rejected_message_sv = models.TextField(_("rejection message (Swedish)"), blank=True)
    rejected_message_en = models.TextField(_("rejection message (English)"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="intake_closes_after_opening"
            )
        ]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def name(self) -> LocalText:
        """The title in the language being rendered, else the Swedish one (which says it is Swedish)."""
        return local_text(sv=self.title, en=self.title_en)

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The intake must close after it opens.")})
        if self.business_max_age_months and EmploymentStatus.SELF_EMPLOYED not in (self.target_groups or []):
            raise ValidationError(
                {
                    "business_max_age_months": _(
                        "Add “Self-employed” to the target groups, or leave the age of a business empty."
                    )
                }
            )

    def is_open(self, *, now: datetime) -> bool:
        return self.opens_at <= now < self.closes_at

    def decision_message(self, *, decision: str, language: str) -> str:
        """This intake's own text for `decision` ("accepted", "waitlisted", "rejected") in `language`.

        Empty when the coordinators wrote none: the e-mail then uses its default wording.
        """
        return getattr(self, f"{decision}_message_{language}", "").strip()


class EligibilityRefusal(models.Model):
    """How many people the eligibility check turned away, by reason and day — and nothing about them."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="refusals")
    reason = models.CharField(max_length=20, choices=IneligibilityReason)
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("eligibility refusal count")
        verbose_name_plural = _("eligibility refusal counts")
        constraints = [
            models.UniqueConstraint(fields=["intake", "reason", "day"], name="refusal_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.intake_id} {self.reason} {self.day}: {self.count}"
