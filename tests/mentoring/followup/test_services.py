"""Follow-up surveys: sending, the reminder schedule on stated days, the link, answers and outcomes."""

from datetime import date, timedelta

import pytest
from django.utils import translation

from mentoring.applications.workflow import Status
from mentoring.core.choices import Improvement, Situation
from mentoring.followup import services as followup
from mentoring.followup.forms import SurveyForm
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import AnswerSource, FollowUpSurvey, Outcome
from portal.models import OutboxMessage
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_via_outbox")]

VALID_ORGNR = "556036-0793"
DAY = timedelta(days=1)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def participant(application_in):
    return application_in(
        Status.ACCEPTED,
        applicant=factories.ApplicantFactory(
            email="lina@example.org", profile__first_name="Lina", profile__contact_language="en"
        ),
    )


@pytest.fixture
def surveys(participant, now):
    """Lina's exit survey (sent now) and six-month survey, after her mentorship ended `now`."""
    mentorship = factories.MentorshipFactory(participant=participant, status=MentorshipStatus.COMPLETED)
    OutboxMessage.objects.all().delete()
    exit_survey, six_months = followup.surveys_after_mentorship(mentorship=mentorship, now=now)
    return exit_survey, six_months


@pytest.fixture
def sent(surveys, now):
    """The exit survey, sent `now` as the mentorship ended."""
    return FollowUpSurvey.objects.get(pk=surveys[0].pk)


def events() -> list[str]:
    return [m.headers["X-Portal-Event"] for m in OutboxMessage.objects.order_by("pk")]


ANSWERS = {
    "situation": Situation.NEW_JOB,
    "organisation_number": "",
    "business_started_on": None,
    "improvements": [Improvement.MORE_HOURS],
    "satisfaction_mentoring": 5,
    "satisfaction_programme": 4,
    "comments": "Tack!",
}
OWN_BUSINESS = {
    **ANSWERS,
    "situation": Situation.OWN_BUSINESS,
    "organisation_number": VALID_ORGNR,
    "business_started_on": date(2025, 1, 15),
}


# --- Sending ---------------------------------------------------------------------


def test_surveys_after_mentorship_sends_the_exit_survey_with_its_link_in_the_participants_language(sent):
    (message,) = OutboxMessage.objects.all()
    assert message.to == ["lina@example.org"]
    assert message.headers == {"X-Portal-Survey": str(sent.pk), "X-Portal-Event": "sent"}
    assert message.subject == "How did it go? A short survey after your mentorship"
    assert "Hello Lina," in message.body
    assert "/en/survey/" in message.body
    assert sent.sent_at is not None


def test_surveys_send_due_after_the_end_sends_no_second_exit_survey(sent, now):
    assert followup.surveys_send_due(now=now) == []
    assert followup.surveys_send_due(now=now + DAY) == []
    assert OutboxMessage.objects.count() == 1


def test_surveys_after_mentorship_a_second_ended_mentorship_sends_no_second_exit_survey(
    sent, participant, now
):
    again = factories.MentorshipFactory(participant=participant, status=MentorshipStatus.COMPLETED)
    followup.surveys_after_mentorship(mentorship=again, now=now + 30 * DAY)
    assert FollowUpSurvey.objects.filter(participant=participant).count() == 2
    assert events() == ["sent"]


def test_surveys_send_due_sends_an_exit_survey_missed_at_the_end(participant, now):
    """An exit survey written without its e-mail (before sending at the end existed) is sent by the job."""
    mentorship = factories.MentorshipFactory(participant=participant, status=MentorshipStatus.COMPLETED)
    OutboxMessage.objects.all().delete()
    missed = FollowUpSurvey.objects.create(
        participant=participant, mentorship=mentorship, kind="exit", due_at=now
    )
    assert followup.surveys_send_due(now=now) == [missed.pk]
    assert followup.surveys_send_due(now=now) == []
    assert events() == ["sent"]


def test_surveys_send_due_sends_the_six_month_survey_only_when_due(surveys, now):
    six_months = surveys[1]
    followup.surveys_send_due(now=now)

    assert followup.surveys_send_due(now=now + followup.SIX_MONTHS - DAY) == []
    assert followup.surveys_send_due(now=now + followup.SIX_MONTHS) == [six_months.pk]
    assert OutboxMessage.objects.last().subject == "Six months on: how are things going?"


# --- The schedule ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "stamps", "last_event"),
    [
        (6, [], "sent"),
        (7, ["first_reminder_at"], "reminder_1"),
        (14, ["first_reminder_at", "second_reminder_at"], "reminder_2"),
        (21, ["first_reminder_at", "second_reminder_at", "call_requested_at"], "reminder_2"),
        (28, ["first_reminder_at", "second_reminder_at", "call_requested_at", "expired_at"], "reminder_2"),
    ],
)
def test_surveys_chase_takes_each_step_on_its_day(sent, now, day, stamps, last_event):
    """The job runs every day from the sending to `day`: each step happens on its day, once."""
    for elapsed in range(1, day + 1):
        followup.surveys_chase(now=now + elapsed * DAY)
    sent.refresh_from_db()

    taken = ("first_reminder_at", "second_reminder_at", "call_requested_at", "expired_at")
    assert [s for s in taken if getattr(sent, s) is not None] == stamps
    assert events()[-1] == last_event
    assert events().count("reminder_1") == (day >= 7)
    assert events().count("reminder_2") == (day >= 14)


def test_surveys_chase_day_6_does_nothing(sent, now):
    assert followup.surveys_chase(now=now + 6 * DAY).counts() == {
        "reminded_first": 0,
        "reminded_second": 0,
        "calls_requested": 0,
        "expired": 0,
    }


def test_surveys_chase_day_7_sends_the_first_reminder_once(sent, now):
    first = followup.surveys_chase(now=now + 7 * DAY)
    again = followup.surveys_chase(now=now + 7 * DAY + timedelta(hours=1))

    assert first.reminded_first == [sent.pk]
    assert again.counts() == dict.fromkeys(again.counts(), 0)
    (reminder,) = [m for m in OutboxMessage.objects.all() if m.headers["X-Portal-Event"] == "reminder_1"]
    assert reminder.to == ["lina@example.org"]
    assert reminder.subject == "Reminder: a short survey is waiting for your answer"
    # The same link as in the first e-mail.
    first_link = [line for line in OutboxMessage.objects.first().body.splitlines() if "/survey/" in line]
    assert first_link and first_link[0] in reminder.body


def test_surveys_chase_day_14_sends_the_second_reminder_once(sent, now):
    followup.surveys_chase(now=now + 7 * DAY)

    first = followup.surveys_chase(now=now + 14 * DAY)
    again = followup.surveys_chase(now=now + 14 * DAY)

    assert first.reminded_second == [sent.pk] and first.reminded_first == []
    assert again.reminded_second == []
    assert events() == ["sent", "reminder_1", "reminder_2"]


def test_surveys_chase_day_21_asks_a_coordinator_to_call_once(sent, now):
    followup.surveys_chase(now=now + 14 * DAY)
    outbox_before = OutboxMessage.objects.count()

    first = followup.surveys_chase(now=now + 21 * DAY)
    again = followup.surveys_chase(now=now + 21 * DAY)

    assert first.calls_requested == [sent.pk] and again.calls_requested == []
    sent.refresh_from_db()
    assert sent.call_requested_at == now + 21 * DAY
    assert OutboxMessage.objects.count() == outbox_before  # the participant gets no third reminder


def test_surveys_chase_day_28_expires_with_outcome_unknown_once(sent, now):
    followup.surveys_chase(now=now + 21 * DAY)

    first = followup.surveys_chase(now=now + 28 * DAY)
    again = followup.surveys_chase(now=now + 29 * DAY)

    assert first.expired == [sent.pk] and again.expired == []
    sent.refresh_from_db()
    assert sent.expired_at == now + 28 * DAY and sent.source == AnswerSource.EXPIRED
    (outcome,) = Outcome.objects.all()
    assert (outcome.participant_id, outcome.point, outcome.result, outcome.source, outcome.survey_id) == (
        sent.participant_id,
        Outcome.Point.EXIT,
        Outcome.Result.UNKNOWN,
        AnswerSource.EXPIRED,
        sent.pk,
    )


def test_surveys_chase_missed_days_take_every_step_once_and_send_only_the_latest(sent, now):
    """The job did not run for two weeks: both reminders are recorded, one e-mail goes out."""
    result = followup.surveys_chase(now=now + 15 * DAY)

    assert result.reminded_first == [sent.pk] and result.reminded_second == [sent.pk]
    assert events() == ["sent", "reminder_2"]
    sent.refresh_from_db()
    assert sent.first_reminder_at == sent.second_reminder_at == now + 15 * DAY


def test_surveys_chase_missed_month_expires_without_a_reminder(sent, now):
    result = followup.surveys_chase(now=now + 40 * DAY)

    assert result.counts() == {"reminded_first": 1, "reminded_second": 1, "calls_requested": 1, "expired": 1}
    assert events() == ["sent"]
    assert Outcome.objects.get().result == Outcome.Result.UNKNOWN


def test_surveys_chase_leaves_answered_surveys_alone(sent, now):
    followup.survey_answer(survey=sent, answers=ANSWERS, language="en", now=now + DAY)

    result = followup.surveys_chase(now=now + 30 * DAY)

    assert result.counts() == dict.fromkeys(result.counts(), 0)
    assert events() == ["sent"]
    assert Outcome.objects.get().result == Situation.NEW_JOB


def test_surveys_chase_leaves_unsent_surveys_alone(surveys, now):
    six_months = surveys[1]
    followup.surveys_chase(now=now + 30 * DAY)
    six_months.refresh_from_db()
    assert (six_months.first_reminder_at, six_months.expired_at) == (None, None)


def test_six_month_survey_reminded_and_expired_on_its_own_days(surveys, now):
    exit_survey, six_months = surveys
    followup.surveys_send_due(now=now)
    followup.survey_answer(survey=exit_survey, answers=ANSWERS, language="en", now=now)
    sent_on = now + followup.SIX_MONTHS
    followup.surveys_send_due(now=sent_on)

    assert followup.surveys_chase(now=sent_on + 7 * DAY).reminded_first == [six_months.pk]
    assert followup.surveys_chase(now=sent_on + 28 * DAY).expired == [six_months.pk]
    assert Outcome.objects.get(point=Outcome.Point.SIX_MONTHS).result == Outcome.Result.UNKNOWN


# --- The link --------------------------------------------------------------------


def test_survey_from_token_finds_the_sent_survey(sent, now):
    token = followup.survey_token(survey=sent, now=sent.sent_at)
    assert followup.survey_from_token(token=token, now=now + DAY) == sent


def test_survey_from_token_refuses_a_tampered_link(sent, now):
    token = followup.survey_token(survey=sent, now=sent.sent_at)
    other = FollowUpSurvey.objects.exclude(pk=sent.pk).get()
    tampered = str(other.pk) + token[len(str(sent.pk)) :]

    with pytest.raises(followup.SurveyLinkInvalid):
        followup.survey_from_token(token=tampered, now=now)
    with pytest.raises(followup.SurveyLinkInvalid):
        followup.survey_from_token(token="nonsense", now=now)


def test_survey_from_token_refuses_an_unsent_survey(surveys, now):
    token = followup.survey_token(survey=surveys[1], now=now)
    with pytest.raises(followup.SurveyLinkInvalid):
        followup.survey_from_token(token=token, now=now)


def test_survey_from_token_refuses_a_link_past_its_age(sent, now):
    old = followup.survey_token(survey=sent, now=now - followup.LINK_VALID_FOR - DAY)
    with pytest.raises(followup.SurveyExpired):
        followup.survey_from_token(token=old, now=now)


def test_survey_from_token_refuses_after_the_survey_closes_even_before_the_job_runs(sent, now):
    token = followup.survey_token(survey=sent, now=sent.sent_at)
    with pytest.raises(followup.SurveyExpired):
        followup.survey_from_token(token=token, now=now + 28 * DAY)


def test_survey_from_token_says_when_already_answered(sent, now):
    followup.survey_answer(survey=sent, answers=ANSWERS, language="en", now=now)
    token = followup.survey_token(survey=sent, now=sent.sent_at)

    with pytest.raises(followup.SurveyAlreadyAnswered):
        followup.survey_from_token(token=token, now=now)


# --- Answers ---------------------------------------------------------------------


def test_survey_answer_records_answers_and_outcome(sent, now):
    followup.survey_answer(survey=sent, answers=OWN_BUSINESS, language="sv", now=now)

    sent.refresh_from_db()
    assert (sent.answered_at, sent.source, sent.language) == (now, AnswerSource.WEB, "sv")
    assert (sent.situation, sent.organisation_number, sent.satisfaction_mentoring) == (
        Situation.OWN_BUSINESS,
        VALID_ORGNR,
        5,
    )
    outcome = Outcome.objects.get()
    assert (outcome.point, outcome.result, outcome.organisation_number, outcome.business_started_on) == (
        Outcome.Point.EXIT,
        Situation.OWN_BUSINESS,
        VALID_ORGNR,
        date(2025, 1, 15),
    )
    assert outcome.source == AnswerSource.WEB and outcome.improvements == [Improvement.MORE_HOURS]
    assert outcome.business_registered


def test_survey_answer_is_given_once(sent, now):
    followup.survey_answer(survey=sent, answers=ANSWERS, language="en", now=now)

    with pytest.raises(followup.SurveyAlreadyAnswered):
        followup.survey_answer(survey=sent, answers=OWN_BUSINESS, language="en", now=now + DAY)
    assert Outcome.objects.get().result == Situation.NEW_JOB


def test_survey_answer_refuses_an_expired_survey(sent, now):
    followup.surveys_chase(now=now + 28 * DAY)
    with pytest.raises(followup.SurveyExpired):
        followup.survey_answer(survey=sent, answers=ANSWERS, language="en", now=now + 28 * DAY)


def test_survey_answer_drops_business_details_of_another_situation(sent, now):
    followup.survey_answer(
        survey=sent, answers={**OWN_BUSINESS, "situation": Situation.LOOKING}, language="en", now=now
    )
    outcome = Outcome.objects.get()
    assert outcome.organisation_number == "" and not outcome.business_registered


def test_survey_record_phone_marks_the_source_and_who(sent, coordinator, now):
    followup.survey_record_phone(survey=sent, answers=ANSWERS, actor=coordinator, now=now + 22 * DAY)

    sent.refresh_from_db()
    assert (sent.source, sent.recorded_by) == (AnswerSource.PHONE, coordinator)
    assert Outcome.objects.get().source == AnswerSource.PHONE


def test_survey_record_phone_by_a_non_coordinator_is_refused(sent, participant, now):
    with pytest.raises(followup.PhoneAnswerNotAllowed):
        followup.survey_record_phone(survey=sent, answers=ANSWERS, actor=participant.applicant, now=now)
    assert not Outcome.objects.exists()


def test_survey_record_phone_before_the_survey_is_due_is_refused(surveys, coordinator, now):
    with pytest.raises(followup.SurveyNotDue):
        followup.survey_record_phone(survey=surveys[1], answers=ANSWERS, actor=coordinator, now=now)


# --- The form --------------------------------------------------------------------


def form_data(**changes):
    data = {
        "situation": Situation.OWN_BUSINESS,
        "organisation_number": "5560360793",
        "business_started_on": "2025-01-15",
        "improvements": [Improvement.PROMOTION],
        "satisfaction_mentoring": "4",
        "satisfaction_programme": "5",
        "comments": "Bra",
    }
    return {**data, **changes}


def test_survey_form_normalises_a_valid_organisation_number():
    form = SurveyForm(form_data(), today=date(2025, 6, 1))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["organisation_number"] == VALID_ORGNR
    assert form.cleaned_data["satisfaction_mentoring"] == 4


@pytest.mark.parametrize("number", ["556036-0794", "12345", ""])
def test_survey_form_own_business_needs_a_valid_organisation_number(number):
    form = SurveyForm(form_data(organisation_number=number), today=date(2025, 6, 1))
    assert not form.is_valid()
    assert list(form.errors) == ["organisation_number"]


def test_survey_form_own_business_needs_a_start_date_not_in_the_future():
    missing = SurveyForm(form_data(business_started_on=""), today=date(2025, 6, 1))
    future = SurveyForm(form_data(business_started_on="2025-06-02"), today=date(2025, 6, 1))
    assert list(missing.errors) == ["business_started_on"]
    assert list(future.errors) == ["business_started_on"]


def test_survey_form_other_situations_need_no_business_details():
    form = SurveyForm(
        form_data(situation=Situation.KEPT_JOB, organisation_number="", business_started_on=""),
        today=date(2025, 6, 1),
    )
    assert form.is_valid(), form.errors


def test_survey_form_satisfaction_is_one_to_five():
    form = SurveyForm(
        form_data(satisfaction_programme="6", satisfaction_mentoring=""), today=date(2025, 6, 1)
    )
    assert set(form.errors) == {"satisfaction_programme", "satisfaction_mentoring"}
