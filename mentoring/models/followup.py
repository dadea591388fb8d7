"""Follow-up: the exit and six-month surveys a participant answers, and the outcome they record."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentoring.core.choices import Situation


class SurveyKind(models.TextChoices):
    EXIT = "exit", _("Exit survey")
    SIX_MONTHS = "six_months", _("Six-month survey")


class AnswerSource(models.TextChoices):
    WEB = "web", _("Answered online")
    PHONE = "phone", _("Answered by phone")
    EXPIRED = "expired", _("No answer (expired)")


class FollowUpSurvey(models.Model):
    """One survey of one participant: due, sent, reminded, answered or expired, and the answers.

    Each step has its own time stamp, so the recurring jobs can tell what is done
    and never do it twice.
    """

    # The answers a survey stores: what the service records and the personal data export gives.
    ANSWER_FIELDS = (
        "situation",
        "organisation_number",
        "business_started_on",
        "improvements",
        "satisfaction_mentoring",
        "satisfaction_programme",
        "comments",
    )

    participant = models.ForeignKey(
        "mentoring.Application",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="surveys",
    )
    mentorship = models.ForeignKey(
        "mentoring.Mentorship",
        verbose_name=_("mentorship"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surveys",
    )
    kind = models.CharField(_("survey"), max_length=12, choices=SurveyKind)
    due_at = models.DateTimeField(_("due"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    first_reminder_at = models.DateTimeField(_("first reminder"), null=True, blank=True)
    second_reminder_at = models.DateTimeField(_("second reminder"), null=True, blank=True)
    # Three weeks without an answer: a coordinator is asked to call.
    call_requested_at = models.DateTimeField(_("call requested"), null=True, blank=True)
    expired_at = models.DateTimeField(_("expired"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=8, choices=AnswerSource, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language of the answer"), max_length=2, blank=True)
    situation = models.CharField(_("current situation"), max_length=14, choices=Situation, blank=True)
    organisation_number = models.CharField(_("organisation number"), max_length=11, blank=True)
    business_started_on = models.DateField(_("business started"), null=True, blank=True)
    # Codes of Improvement.
    improvements = models.JSONField(_("improvements"), default=list, blank=True)
    satisfaction_mentoring = models.PositiveSmallIntegerField(
        _("satisfaction with the mentoring"), null=True, blank=True
    )
    satisfaction_programme = models.PositiveSmallIntegerField(
        _("satisfaction with the programme"), null=True, blank=True
    )
    comments = models.TextField(_("comments"), max_length=4000, blank=True)

    class Meta:
        verbose_name = _("follow-up survey")
        verbose_name_plural = _("follow-up surveys")
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "kind"], name="one_survey_of_each_kind"),
            models.CheckConstraint(
                condition=models.Q(satisfaction_mentoring__isnull=True)
                | models.Q(satisfaction_mentoring__gte=1, satisfaction_mentoring__lte=5),
                name="survey_satisfaction_mentoring_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(satisfaction_programme__isnull=True)
                | models.Q(satisfaction_programme__gte=1, satisfaction_programme__lte=5),
                name="survey_satisfaction_programme_1_to_5",
            ),
            models.CheckConstraint(
                condition=~(models.Q(answered_at__isnull=False) & models.Q(expired_at__isnull=False)),
                name="survey_answered_or_expired",
            ),
        ]
        indexes = [models.Index(fields=["answered_at", "expired_at", "sent_at"], name="survey_open_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.participant_id}"

    @property
    def is_closed(self) -> bool:
        return self.answered_at is not None or self.expired_at is not None


class Outcome(models.Model):
    """The participant's outcome at exit or at six months: the one place the figures read.

    Written from a survey answer (online or by phone) or, when the survey expired,
    as "unknown" — still counted in the figures' denominators.
    """

    class Point(models.TextChoices):
        EXIT = "exit", _("At exit")
        SIX_MONTHS = "six_months", _("At six months")

    class Result(models.TextChoices):
        KEPT_JOB = Situation.KEPT_JOB.value, Situation.KEPT_JOB.label
        NEW_JOB = Situation.NEW_JOB.value, Situation.NEW_JOB.label
        EDUCATION = Situation.EDUCATION.value, Situation.EDUCATION.label
        OWN_BUSINESS = Situation.OWN_BUSINESS.value, Situation.OWN_BUSINESS.label
        LOOKING = Situation.LOOKING.value, Situation.LOOKING.label
        OTHER = Situation.OTHER.value, Situation.OTHER.label
        UNKNOWN = "unknown", _("Unknown")

    participant = models.ForeignKey(
        "mentoring.Application",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="outcomes",
    )
    point = models.CharField(_("when"), max_length=12, choices=Point)
    result = models.CharField(_("outcome"), max_length=14, choices=Result)
    organisation_number = models.CharField(_("organisation number"), max_length=11, blank=True)
    # Whether an organisation number was given: what the figures count, and what erasure keeps
    # when it blanks the number (a sole trader's organisation number is their personal identity number).
    business_registered = models.BooleanField(_("business registered"), default=False)
    business_started_on = models.DateField(_("business started"), null=True, blank=True)
    improvements = models.JSONField(_("improvements"), default=list, blank=True)
    source = models.CharField(_("source"), max_length=8, choices=AnswerSource)
    survey = models.OneToOneField(
        FollowUpSurvey,
        verbose_name=_("survey"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcome",
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["participant_id", "point"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "point"], name="one_outcome_per_point"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} {self.point}: {self.result}"
