"""A mentorship: one participant and one mentor, with the match's score and reasons, and its log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentoring.mentorships.workflow import OPEN, MentorshipStatus


class MentorshipStatusChoices(models.TextChoices):
    PROPOSED = MentorshipStatus.PROPOSED, _("Proposed")
    ACTIVE = MentorshipStatus.ACTIVE, _("Active")
    COMPLETING = MentorshipStatus.COMPLETING, _("Completion proposed")
    COMPLETED = MentorshipStatus.COMPLETED, _("Completed")
    ENDED_EARLY = MentorshipStatus.ENDED_EARLY, _("Ended early")
    DECLINED = MentorshipStatus.DECLINED, _("Declined")
    RETURNED = MentorshipStatus.RETURNED, _("Returned unanswered")


class Mentorship(models.Model):
    participant = models.ForeignKey(
        "mentoring.Application",
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="mentorships",
    )
    mentor = models.ForeignKey(
        "mentoring.MentorProfile",
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="mentorships",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=MentorshipStatusChoices, default=MentorshipStatusChoices.PROPOSED
    )
    score = models.DecimalField(_("match score"), max_digits=7, decimal_places=3)
    # The engine's coded reasons for this pair, as it gave them (rendered in words by the board).
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    proposed_at = models.DateTimeField(_("proposed"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # Set when the mentor was reminded of an unanswered proposal: they are reminded once.
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    # The last reminder to log a meeting: at most one per mentorship in 14 days.
    meeting_reminded_at = models.DateTimeField(_("reminded to meet"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    end_reason = models.TextField(_("reason for ending"), blank=True)
    # When the mentor proposed completion: it completes by itself MENTORSHIP_COMPLETE_AFTER_DAYS later.
    completion_proposed_at = models.DateTimeField(_("completion proposed"), null=True, blank=True)
    # What its meetings add up to, kept by the meeting services whenever a meeting is logged or
    # changed (`meeting_summary_refresh`): the lists of mentorships read and filter them by the
    # hundred, where a subquery per row and per filter cost more than the rest of the list.
    last_meeting_on = models.DateField(_("last meeting"), null=True, blank=True, editable=False)
    meeting_count = models.PositiveIntegerField(_("meetings"), default=0, editable=False)

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant"],
                condition=models.Q(status__in=sorted(str(s) for s in OPEN)),
                name="one_open_mentorship_per_participant",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in MentorshipStatus]),
                name="mentorship_status_known",
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "status"], name="mentorship_mentor_status_idx"),
            models.Index(fields=["status", "proposed_at"], name="mentorship_status_proposed_idx"),
            # The coordinators' list, newest proposal first: a page of 25 is read in order and
            # the rest left alone, instead of sorting every mentorship for each page.
            models.Index(fields=["-proposed_at", "-id"], name="mentorship_listed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} ↔ {self.mentor_id} ({self.status})"


class MentorshipChange(models.Model):
    """One move in a mentorship's workflow: who, when, from, to, and why."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("when"))
    # Empty for the proposal itself, which comes from nowhere.
    from_status = models.CharField(_("from"), max_length=12, choices=MentorshipStatusChoices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=MentorshipStatusChoices)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("mentorship change")
        verbose_name_plural = _("mentorship changes")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.mentorship_id}: {self.from_status or '∅'} → {self.to_status}"
