"""Follow-up surveys and outcomes: scheduled when a mentorship ends, sent, reminded, answered or expired.

Every step takes `now`, so tests state the day; each survey's steps have their
own time stamps, so running a job twice does nothing twice.

The schedule of a sent survey, counted from `sent_at`:

    +7 days   first reminder (e-mail)
    +14 days  second reminder (e-mail)
    +21 days  a coordinator is asked to call (the survey shows on their call list)
    +28 days  the survey expires; the outcome is recorded as "unknown"

A participant answers through a link that carries the survey's id signed with
the moment of sending (a TimestampSigner whose time is the `now` given, as for
mentor invitations). The link stops working when the survey is answered or
expired, and in any case LINK_VALID_FOR after sending.

Each step is taken per survey in its own transaction, under the survey's row
lock, and checked again there, so a second run of a job, or a second worker,
finds it done. When the job has not run for a while, every step that fell due
meanwhile is still taken once and in order (its time stamp set), but only the
latest one's e-mail goes out: a participant gets one message a day, never a
first and a second reminder at once; and no reminder goes with the expiry.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from mentoring.core import mail, orgnr
from mentoring.core.choices import Improvement, Situation
from mentoring.core.errors import PortalError
from mentoring.core.language import language_of
from mentoring.core.tokens import TokenInvalid, TokenKind
from mentoring.models import (
    AnswerSource,
    FollowUpSurvey,
    Mentorship,
    Outcome,
    SurveyKind,
)
from portal import roles
from portal.roles import user_has_role

logger = logging.getLogger(__name__)

# Six months after the exit survey is due; a fixed number of days keeps the arithmetic plain.
SIX_MONTHS = timedelta(days=182)

# Longer than the survey stays open (EXPIRE_AFTER), so it is the survey's own state that
# closes a link in practice; the signature's age is the backstop for a survey left open.
LINK_VALID_FOR = timedelta(days=35)
SURVEY_LINK = TokenKind(salt="mentoring.followup-survey", max_age=LINK_VALID_FOR)

FIRST_REMINDER_AFTER = timedelta(days=7)
SECOND_REMINDER_AFTER = timedelta(days=14)
CALL_AFTER = timedelta(days=21)
EXPIRE_AFTER = timedelta(days=28)


class FollowUpError(PortalError):
    """A rule of the follow-up said no; `message` says why in words a person understands."""


class SurveyLinkInvalid(FollowUpError):
    """The link was altered, never issued, or its survey is gone."""


class SurveyExpired(FollowUpError):
    """The link is genuine, but the survey closed without an answer (or the link is too old)."""


class SurveyAlreadyAnswered(FollowUpError):
    """The survey has its answer; it is answered once."""


class SurveyNotDue(FollowUpError):
    pass


class SurveyAnswerInvalid(FollowUpError):
    pass


class PhoneAnswerNotAllowed(FollowUpError):
    pass


# --- Scheduling --------------------------------------------------------------


@transaction.atomic
def surveys_after_mentorship(*, mentorship: Mentorship, now: datetime) -> list[FollowUpSurvey]:
    """Send the participant's exit survey now and schedule her six-month survey (due in six months).

    The exit survey's e-mail is written to the outbox in the caller's transaction, so it
    leaves when the mentorship's end commits, not at the next run of the hourly job
    (which still sends the six-month survey, and any survey missed).
    A participant has one survey of each kind: a second ended mentorship schedules and
    sends nothing new. (Accepted is a final status of an application, so a participant
    leaves the programme by the end of their mentorship: this is the one place surveys start.)
    """
    surveys = []
    for kind, due_at in ((SurveyKind.EXIT, now), (SurveyKind.SIX_MONTHS, now + SIX_MONTHS)):
        survey, created = FollowUpSurvey.objects.get_or_create(
            participant_id=mentorship.participant_id,
            kind=kind,
            defaults={"mentorship": mentorship, "due_at": due_at},
        )
        if created:
            logger.info(
                "survey %s (%s) of application %s due %s", survey.pk, kind, survey.participant_id, due_at
            )
        surveys.append(survey)
        if kind == SurveyKind.EXIT and _send(pk=survey.pk, now=now):
            survey.refresh_from_db()
    return surveys


# --- The link ----------------------------------------------------------------


def survey_token(*, survey: FollowUpSurvey, now: datetime) -> str:
    """The signed token of `survey`'s link, dated `now` (the moment of sending)."""
    return SURVEY_LINK.sign(survey.pk, now=now)


def survey_from_token(*, token: str, now: datetime) -> FollowUpSurvey:
    """The open survey that `token` was issued for.

    Raises SurveyLinkInvalid for an altered or unknown link, SurveyExpired for a
    link older than LINK_VALID_FOR or a survey that expired, SurveyAlreadyAnswered
    for a survey that has its answer.
    """
    invalid = SurveyLinkInvalid(
        _("This survey link is not valid. Check that you copied the whole link from the e-mail.")
    )
    try:
        signed = SURVEY_LINK.read(token, now=now)
    except TokenInvalid:
        raise invalid from None
    survey = FollowUpSurvey.objects.filter(pk=signed.pk, sent_at__isnull=False).first()
    if survey is None:
        raise invalid
    _check_open(survey=survey, now=now)
    if signed.expired:
        raise _expired()
    return survey


def _expired() -> SurveyExpired:
    return SurveyExpired(_("This survey has closed. Thank you all the same."))


def _check_open(*, survey: FollowUpSurvey, now: datetime) -> None:
    if survey.answered_at is not None:
        raise SurveyAlreadyAnswered(_("This survey has already been answered. Thank you!"))
    # Past its last day the survey is closed even if the job that records the expiry has not run yet.
    if survey.expired_at is not None or (survey.sent_at and now >= survey_closes_at(survey)):
        raise _expired()


def survey_closes_at(survey: FollowUpSurvey) -> datetime:
    """The moment a sent survey closes to answers (the day before is its last day)."""
    return survey.sent_at + EXPIRE_AFTER


def survey_path(*, survey: FollowUpSurvey) -> str:
    """The site-relative address of a sent `survey`'s link, in the active language (for her own page)."""
    return reverse("mentoring:survey", kwargs={"token": survey_token(survey=survey, now=survey.sent_at)})


def survey_url(*, survey: FollowUpSurvey, language: str) -> str:
    """The full address of `survey`'s link in `language`, dated at sending: every e-mail has the same link."""
    token = survey_token(survey=survey, now=survey.sent_at)
    with translation.override(language):
        return mail.absolute_url("mentoring:survey", token=token)


# --- Sending and chasing -----------------------------------------------------


def _mail(*, survey: FollowUpSurvey, template: str, event: str) -> None:
    application = survey.participant
    language = language_of(application.applicant)
    profile = getattr(application.applicant, "applicant_profile", None)
    mail.send_from_templates(
        template=template,
        context={
            "survey": survey,
            "is_exit": survey.kind == SurveyKind.EXIT,
            "first_name": profile.first_name if profile else "",
            "survey_url": survey_url(survey=survey, language=language),
            "closes_on": survey_closes_at(survey) - timedelta(days=1),
        },
        to=application.applicant.email,
        language=language,
        headers={"X-Portal-Survey": str(survey.pk), "X-Portal-Event": event},
    )


def _locked(pk: int) -> FollowUpSurvey:
    return (
        FollowUpSurvey.objects.select_for_update(of=("self",))
        .select_related("participant__applicant__applicant_profile")
        .get(pk=pk)
    )


def surveys_send_due(*, now: datetime) -> list[int]:
    """E-mail each due, unsent survey's link to its participant; the ids of the surveys sent.

    Each survey is sent in its own transaction and checked again under its lock,
    so running the job twice sends nothing twice. The e-mail is written to the
    outbox with the change, in the participant's language of contact.
    """
    due = FollowUpSurvey.objects.filter(
        sent_at__isnull=True, answered_at__isnull=True, expired_at__isnull=True, due_at__lte=now
    )
    sent = [pk for pk in due.values_list("pk", flat=True) if _send(pk=pk, now=now)]
    if sent:
        logger.info("surveys sent: %s", sent)
    return sent


@transaction.atomic
def _send(*, pk: int, now: datetime) -> bool:
    survey = _locked(pk)
    if survey.sent_at is not None or survey.is_closed or survey.due_at > now:
        return False
    survey.sent_at = now
    survey.save(update_fields=["sent_at"])
    _mail(survey=survey, template="survey_invitation", event="sent")
    return True


@dataclass
class SurveyChaseResult:
    reminded_first: list[int] = field(default_factory=list)
    reminded_second: list[int] = field(default_factory=list)
    calls_requested: list[int] = field(default_factory=list)
    expired: list[int] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "reminded_first": len(self.reminded_first),
            "reminded_second": len(self.reminded_second),
            "calls_requested": len(self.calls_requested),
            "expired": len(self.expired),
        }


# (time stamp, due after sending, the result's list), in the order they happen.
STEPS = (
    ("first_reminder_at", FIRST_REMINDER_AFTER, "reminded_first"),
    ("second_reminder_at", SECOND_REMINDER_AFTER, "reminded_second"),
    ("call_requested_at", CALL_AFTER, "calls_requested"),
    ("expired_at", EXPIRE_AFTER, "expired"),
)


def survey_outcome_unknown(*, survey: FollowUpSurvey, now: datetime) -> Outcome:
    """The outcome of a survey that expired unanswered: "unknown", once per participant and point."""
    outcome, _created = Outcome.objects.get_or_create(
        participant_id=survey.participant_id,
        point=survey.kind,
        defaults={
            "result": Outcome.Result.UNKNOWN,
            "source": AnswerSource.EXPIRED,
            "survey": survey,
            "recorded_at": now,
        },
    )
    return outcome


def surveys_chase(*, now: datetime) -> SurveyChaseResult:
    """Take each sent, unanswered survey's due steps: remind, remind again, ask for a call, expire.

    See the module's docstring for the schedule and for steps that fell due while
    the job did not run. An expired survey's outcome is recorded as "unknown".
    A survey appears in a list of the result for each step taken in this run.
    """
    result = SurveyChaseResult()
    waiting = FollowUpSurvey.objects.filter(
        sent_at__isnull=False,
        answered_at__isnull=True,
        expired_at__isnull=True,
        sent_at__lte=now - FIRST_REMINDER_AFTER,
    )
    for pk in waiting.values_list("pk", flat=True):
        for name in _chase(pk=pk, now=now):
            getattr(result, name).append(pk)
    if any(result.counts().values()):
        logger.info("surveys chased: %s", result.counts())
    return result


@transaction.atomic
def _chase(*, pk: int, now: datetime) -> list[str]:
    """The steps taken on survey `pk`, under its lock; each only if due and not taken before."""
    survey = _locked(pk)
    if survey.sent_at is None or survey.is_closed:
        return []
    age = now - survey.sent_at
    taken = [(stamp, name) for stamp, after, name in STEPS if age >= after and getattr(survey, stamp) is None]
    if not taken:
        return []
    for stamp, _name in taken:
        setattr(survey, stamp, now)
    latest = taken[-1][0]
    if latest == "expired_at":
        survey.source = AnswerSource.EXPIRED
        survey_outcome_unknown(survey=survey, now=now)
    survey.save(update_fields=[stamp for stamp, _name in taken] + ["source"])
    # Only the latest step's e-mail: never two reminders at once, none with the call or the expiry.
    if latest == "first_reminder_at":
        _mail(survey=survey, template="survey_reminder", event="reminder_1")
    elif latest == "second_reminder_at":
        _mail(survey=survey, template="survey_reminder", event="reminder_2")
    logger.info("survey %s: %s", pk, ", ".join(name for _stamp, name in taken))
    return [name for _stamp, name in taken]


# --- Answers -----------------------------------------------------------------


def _clean_answers(answers: dict) -> dict:
    """The stored form of validated `answers`; the business's details only with an own business."""
    values = {name: answers.get(name) for name in FollowUpSurvey.ANSWER_FIELDS}
    if values["situation"] not in Situation.values:
        raise SurveyAnswerInvalid(_("Choose your current situation."))
    if values["situation"] == Situation.OWN_BUSINESS:
        number = orgnr.normalise(values["organisation_number"] or "")
        if number is None or values["business_started_on"] is None:
            raise SurveyAnswerInvalid(_("Give the business's organisation number and the date it started."))
        values["organisation_number"] = number
    else:
        values["organisation_number"], values["business_started_on"] = "", None
    values["improvements"] = [code for code in values["improvements"] or [] if code in Improvement.values]
    values["comments"] = (values["comments"] or "").strip()
    for name in ("satisfaction_mentoring", "satisfaction_programme"):
        if values[name] is not None and not 1 <= int(values[name]) <= 5:
            raise SurveyAnswerInvalid(_("Satisfaction is a number from 1 to 5."))
    return values


def _record(
    *, survey: FollowUpSurvey, answers: dict, source: str, language: str, actor, now: datetime
) -> FollowUpSurvey:
    for name, value in _clean_answers(answers).items():
        setattr(survey, name, value)
    survey.answered_at, survey.source, survey.language, survey.recorded_by = now, source, language, actor
    survey.save()
    Outcome.objects.update_or_create(
        participant_id=survey.participant_id,
        point=survey.kind,
        defaults={
            "result": survey.situation,
            "organisation_number": survey.organisation_number,
            "business_registered": bool(survey.organisation_number),
            "business_started_on": survey.business_started_on,
            "improvements": survey.improvements,
            "source": source,
            "survey": survey,
            "recorded_at": now,
        },
    )
    logger.info("survey %s answered (%s)", survey.pk, source)
    return survey


@transaction.atomic
def survey_answer(*, survey: FollowUpSurvey, answers: dict, language: str, now: datetime) -> FollowUpSurvey:
    """Record the participant's own answer, given online, and their outcome at the survey's point.

    `answers` is a SurveyForm's cleaned data. Raises SurveyAlreadyAnswered or
    SurveyExpired when the survey has closed (an answer is given once),
    SurveyAnswerInvalid when the answers are incomplete.
    """
    survey = _locked(survey.pk)
    _check_open(survey=survey, now=now)
    return _record(
        survey=survey, answers=answers, source=AnswerSource.WEB, language=language, actor=None, now=now
    )


@transaction.atomic
def survey_record_phone(
    *, survey: FollowUpSurvey, answers: dict, actor, now: datetime, language: str = ""
) -> FollowUpSurvey:
    """A coordinator records the answer a participant gave by phone; marked as such, with who recorded it.

    Raises PhoneAnswerNotAllowed when `actor` is not a coordinator, SurveyNotDue
    before the survey is due, SurveyAlreadyAnswered or SurveyExpired when it has
    closed, SurveyAnswerInvalid when the answers are incomplete.
    """
    if actor is None or not (actor.is_superuser or user_has_role(actor, roles.COORDINATORS)):
        raise PhoneAnswerNotAllowed(_("Only a coordinator can record an answer given by phone."))
    survey = _locked(survey.pk)
    if survey.due_at > now:
        raise SurveyNotDue(_("This survey is not due yet."))
    _check_open(survey=survey, now=now)
    return _record(
        survey=survey,
        answers=answers,
        source=AnswerSource.PHONE,
        language=(language or translation.get_language() or "")[:2],
        actor=actor,
        now=now,
    )
