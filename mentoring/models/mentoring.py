"""What happens inside a mentorship: the goals mentor and participant agree, and the meetings they log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentoring.core.choices import MeetingFormat

MEETING_MINUTES_MIN, MEETING_MINUTES_MAX = 15, 180


class Goal(models.Model):
    mentorship = models.ForeignKey(
        "mentoring.Mentorship", verbose_name=_("mentorship"), on_delete=models.CASCADE, related_name="goals"
    )
    title = models.CharField(_("goal"), max_length=200)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"))

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["done_at", "target_date", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class Meeting(models.Model):
    """A meeting as logged by the mentor or the participant; its shared notes are read by both."""

    mentorship = models.ForeignKey(
        "mentoring.Mentorship",
        verbose_name=_("mentorship"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    held_on = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"))
    format = models.CharField(_("how you met"), max_length=12, choices=MeetingFormat)
    # Codes of SupportNeed: the same vocabulary as the participant's support needs.
    topics = models.JSONField(_("topics"), default=list, blank=True)
    shared_notes = models.TextField(_("notes for both of you"), max_length=4000, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logged_at = models.DateTimeField(_("logged"))
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gte=MEETING_MINUTES_MIN, minutes__lte=MEETING_MINUTES_MAX),
                name="meeting_minutes_15_to_180",
            ),
        ]
        indexes = [models.Index(fields=["mentorship", "-held_on"], name="meeting_mentorship_held_idx")]

    def __str__(self) -> str:
        return f"{self.mentorship_id} {self.held_on}"


class PrivateNote(models.Model):
    """A note on a meeting that only its writer ever sees: one per meeting and writer."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="private_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("private notes"), max_length=4000)
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        verbose_name = _("private note")
        verbose_name_plural = _("private notes")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "author"], name="one_private_note_per_writer")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} / {self.author_id}"
