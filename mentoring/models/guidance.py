"""Study guidance: counsellors publish slots, a person books one, the counsellor records the outcome."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GUIDANCE_MINUTES_MIN, GUIDANCE_MINUTES_MAX = 15, 120


class GuidanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class GuidanceOutcome(models.TextChoices):
    ADULT_EDUCATION = "adult_education", _("Referred to adult education")
    COURSE = "course", _("Referred to a course")
    EMPLOYMENT_SERVICE = "employment_service", _("Referred to the employment service")
    PLAN_MADE = "plan_made", _("A study plan was made")
    OTHER = "other", _("Other")


class GuidanceSlot(models.Model):
    """A time a counsellor offers for one guidance conversation."""

    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("counsellor"),
        on_delete=models.CASCADE,
        related_name="guidance_slots",
    )
    starts_at = models.DateTimeField(_("starts"))
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"))
    mode = models.CharField(_("how you meet"), max_length=12, choices=GuidanceMode)
    place = models.CharField(_("place"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("published"))
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("guidance slot")
        verbose_name_plural = _("guidance slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gte=GUIDANCE_MINUTES_MIN, minutes__lte=GUIDANCE_MINUTES_MAX),
                name="guidanceslot_minutes_15_to_120",
            ),
            # An in-person conversation needs somewhere to meet.
            models.CheckConstraint(
                condition=models.Q(mode=GuidanceMode.ONLINE) | ~models.Q(place=""),
                name="guidanceslot_in_person_has_place",
            ),
        ]
        indexes = [models.Index(fields=["starts_at"], name="guidanceslot_starts_idx")]

    def __str__(self) -> str:
        return f"{self.counsellor_id} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)


class GuidanceBooking(models.Model):
    """A person's booking of a slot. Cancelled bookings stay as history; a slot has one active booking."""

    # A foreign key with a conditional unique constraint rather than a one-to-one field:
    # a cancelled booking is kept, and the slot can be booked again.
    slot = models.ForeignKey(
        GuidanceSlot, verbose_name=_("slot"), on_delete=models.CASCADE, related_name="bookings"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="guidance_bookings",
    )
    booked_at = models.DateTimeField(_("booked"))
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    topic = models.TextField(_("what you want to talk about"), max_length=1000, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=GuidanceOutcome, blank=True)
    outcome_note = models.TextField(_("outcome note"), max_length=2000, blank=True)
    outcome_recorded_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)

    class Meta:
        verbose_name = _("guidance booking")
        verbose_name_plural = _("guidance bookings")
        ordering = ["slot__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=models.Q(cancelled_at__isnull=True),
                name="guidancebooking_one_active_per_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.slot_id} {self.person_id}"
