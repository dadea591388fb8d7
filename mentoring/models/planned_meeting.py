"""The next meeting a mentor and a participant have agreed on, before it happens."""

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentoring.core.choices import MeetingFormat
from portal.validators import validate_https_url, validate_plain_text, validate_single_line

PLANNED_MINUTES_MIN, PLANNED_MINUTES_MAX = 15, 180


class PlannedMeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held and logged")
    CANCELLED = "cancelled", _("Cancelled")
    DID_NOT_HAPPEN = "did_not_happen", _("Did not happen")


class PlannedMeeting(models.Model):
    """A meeting planned by either party of an active mentorship; at most one `planned` row per mentorship.

    - *upcoming*: status is `planned` and `starts_at` is in the future;
    - *prompt* ("How did it go? Log the meeting"): status is `planned` and
      `starts_at + duration_minutes` has passed; logging it sets `held`, "it did not
      happen" sets `did_not_happen`;
    - `cancelled`, `held` and `did_not_happen` rows are kept as history.

    `uid` is the stable calendar UID (`<uid>@<site host>` in the .ics files) and
    `sequence` rises by one each time the meeting is moved or cancelled.
    """

    mentorship = models.ForeignKey(
        "mentoring.Mentorship",
        verbose_name=_("mentorship"),
        on_delete=models.CASCADE,
        related_name="planned_meetings",
    )
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"))
    format = models.CharField(_("how you meet"), max_length=12, choices=MeetingFormat)
    place = models.CharField(_("place"), max_length=200, blank=True, validators=[validate_single_line])
    link = models.URLField(
        _("link"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["https"]), validate_https_url],
    )
    agenda = models.TextField(_("agenda"), max_length=2000, blank=True, validators=[validate_plain_text])
    status = models.CharField(
        _("status"), max_length=16, choices=PlannedMeetingStatus, default=PlannedMeetingStatus.PLANNED
    )
    uid = models.UUIDField(_("calendar id"), unique=True, default=uuid.uuid4, editable=False)
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    move_reason = models.CharField(
        _("why it was moved"), max_length=300, blank=True, validators=[validate_single_line]
    )
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancel_reason = models.CharField(
        _("why it was cancelled"), max_length=300, blank=True, validators=[validate_single_line]
    )
    did_not_happen_reason = models.CharField(
        _("why it did not happen"), max_length=300, blank=True, validators=[validate_single_line]
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # The meeting logged from the prompt, once it is held.
    meeting = models.OneToOneField(
        "mentoring.Meeting",
        verbose_name=_("logged meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_as",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("planned"))
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("planned meeting")
        verbose_name_plural = _("planned meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship"],
                condition=models.Q(status="planned"),
                name="one_planned_meeting_per_mentorship",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    duration_minutes__gte=PLANNED_MINUTES_MIN, duration_minutes__lte=PLANNED_MINUTES_MAX
                ),
                name="plannedmeeting_minutes_15_to_180",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in PlannedMeetingStatus]),
                name="plannedmeeting_status_known",
            ),
            # In person needs a place; online needs a link.
            models.CheckConstraint(
                condition=~models.Q(format=MeetingFormat.IN_PERSON, place=""),
                name="plannedmeeting_in_person_has_place",
            ),
            models.CheckConstraint(
                condition=~models.Q(format=MeetingFormat.ONLINE, link=""),
                name="plannedmeeting_online_has_link",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="planned_status_start_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.mentorship_id} {self.starts_at:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    def is_upcoming(self, *, now: datetime) -> bool:
        return self.status == PlannedMeetingStatus.PLANNED and self.starts_at > now

    def is_prompt(self, *, now: datetime) -> bool:
        return self.status == PlannedMeetingStatus.PLANNED and self.ends_at <= now
