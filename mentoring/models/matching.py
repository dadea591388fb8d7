"""The coordinator's matching board for an intake: its runs, and the pairs locked or excluded."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentoring.models.audit import AuditRow


class MatchingRun(models.Model):
    """One run of the matching engine over an intake's waiting participants.

    The result is stored as the engine gave it (ids, scores and coded reasons), so
    the board can show, sort and filter it without running again; a large cohort
    runs in the task queue and reports its progress here.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    intake = models.ForeignKey(
        "mentoring.Intake", verbose_name=_("intake"), on_delete=models.CASCADE, related_name="matching_runs"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=8, choices=State, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (per cent)"), default=0)
    participants_count = models.PositiveIntegerField(_("participants"), default=0)
    mentors_count = models.PositiveIntegerField(_("mentors"), default=0)
    total_score = models.FloatField(_("total score"), default=0)
    # [{"participant": id, "mentor": id, "score": float, "locked": bool, "reasons": [[code, {params}], …]}, …]
    pairs = models.JSONField(_("pairs"), default=list, blank=True)
    # [{"participant": id, "reasons": [[code, {params}], …]}, …]
    unmatched = models.JSONField(_("unmatched participants"), default=list, blank=True)
    # Locked pairs the hard rules no longer allowed: [{"participant", "mentor", "reasons"}, …]
    released_locks = models.JSONField(_("released locks"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="matching_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intake_id} @ {self.created_at:%Y-%m-%d %H:%M} ({self.state})"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)


class MatchingChoice(models.Model):
    """A coordinator's choice about one pair on the board: keep it in every run, or never propose it."""

    class Kind(models.TextChoices):
        LOCK = "lock", _("Locked")
        EXCLUDE = "exclude", _("Excluded")

    intake = models.ForeignKey(
        "mentoring.Intake",
        verbose_name=_("intake"),
        on_delete=models.CASCADE,
        related_name="matching_choices",
    )
    participant = models.ForeignKey(
        "mentoring.Application", verbose_name=_("participant"), on_delete=models.CASCADE, related_name="+"
    )
    mentor = models.ForeignKey(
        "mentoring.MentorProfile", verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("choice"), max_length=8, choices=Kind)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    made_at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("matching choice")
        verbose_name_plural = _("matching choices")
        ordering = ["made_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "mentor"], name="one_choice_per_pair"),
            # A participant is locked to one mentor at most.
            models.UniqueConstraint(
                fields=["participant"], condition=models.Q(kind="lock"), name="one_lock_per_participant"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.participant_id} ↔ {self.mentor_id}"


class MatchingReturn(AuditRow):
    """A coordinator's decision to put a participant back into matching after her mentorship ended.

    Without one, a participant whose mentorship was completed or ended early is out of the
    pool: she has had her mentorship. `note` says why she is given another.
    """

    mentorship = models.OneToOneField(
        "mentoring.Mentorship",
        verbose_name=_("mentorship"),
        on_delete=models.CASCADE,
        related_name="matching_return",
    )

    class Meta(AuditRow.Meta):
        verbose_name = _("return to matching")
        verbose_name_plural = _("returns to matching")

    def __str__(self) -> str:
        return f"{self.mentorship_id} → matching"
