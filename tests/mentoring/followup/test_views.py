"""The survey page behind the e-mailed link, and the coordinators' follow-up pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from mentoring.applications.workflow import Status
from mentoring.core.choices import Situation
from mentoring.followup import services as followup
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import AccessLog, AnswerSource, FollowUpSurvey, Outcome
from tests import factories

pytestmark = pytest.mark.django_db

ANSWER = {
    "situation": Situation.OWN_BUSINESS,
    "organisation_number": "556036-0793",
    "business_started_on": "2025-01-15",
    "improvements": ["promotion"],
    "satisfaction_mentoring": "5",
    "satisfaction_programme": "4",
    "comments": "Tack för allt",
}


@pytest.fixture(autouse=True)
def _language_restored():
    """A request under /en/ leaves English active in this thread (LocaleMiddleware): undo it after."""
    with translation.override(None):
        yield


@pytest.fixture
def participant(application_in):
    return application_in(
        Status.ACCEPTED,
        applicant=factories.ApplicantFactory(profile__first_name="Lina", profile__last_name="Berg"),
        idea_title="Lina's secret idea",
    )


@pytest.fixture
def sent(participant):
    """Lina's exit survey, sent a day ago."""
    mentorship = factories.MentorshipFactory(participant=participant, status=MentorshipStatus.COMPLETED)
    sent_at = timezone.now() - timedelta(days=1)
    exit_survey, _six_months = followup.surveys_after_mentorship(mentorship=mentorship, now=sent_at)
    followup.surveys_send_due(now=sent_at)
    return FollowUpSurvey.objects.get(pk=exit_survey.pk)


def link(survey, *, language="sv", signed_at=None) -> str:
    token = followup.survey_token(survey=survey, now=signed_at or survey.sent_at)
    with translation.override(language):
        return reverse("mentoring:survey", kwargs={"token": token})


def test_survey_page_opens_without_signing_in_and_shows_nobody(client, sent):
    response = client.get(link(sent, language="en"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "How did it go? The exit survey" in body
    assert "Lina" not in body and "secret idea" not in body
    assert 'hreflang="sv"' in body  # the choice of language on the page


def test_survey_answer_shows_thanks_and_records_the_outcome(client, sent):
    response = client.post(link(sent, language="en"), ANSWER)

    assert response.status_code == 200
    assert "Thank you for your answers" in response.content.decode()
    sent.refresh_from_db()
    assert (sent.source, sent.language, sent.organisation_number) == (AnswerSource.WEB, "en", "556036-0793")
    assert Outcome.objects.get().result == Situation.OWN_BUSINESS


def test_survey_second_answer_is_refused(client, sent):
    client.post(link(sent), ANSWER)

    again = client.post(link(sent), {**ANSWER, "situation": Situation.LOOKING})
    opened = client.get(link(sent, language="en"))

    assert again.status_code == 409
    assert opened.status_code == 200
    assert "already been answered" in opened.content.decode()
    assert "<form" not in opened.content.decode().split("<main", 1)[-1]
    assert Outcome.objects.get().result == Situation.OWN_BUSINESS


def test_survey_invalid_answer_keeps_what_was_typed_and_ties_errors_to_fields(client, sent):
    response = client.post(link(sent, language="en"), {**ANSWER, "organisation_number": "556036-0794"})

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["organisation_number"]
    body = response.content.decode()
    assert 'value="556036-0794"' in body and "Tack för allt" in body
    assert 'aria-invalid="true"' in body
    assert not Outcome.objects.exists()


def test_survey_tampered_link_is_404(client, sent):
    response = client.get(link(sent)[:-3] + "xyz/")
    assert response.status_code == 404


def test_survey_expired_link_is_410(client, sent):
    followup.surveys_chase(now=sent.sent_at + followup.EXPIRE_AFTER)

    response = client.get(link(sent, language="en"))

    assert response.status_code == 410
    assert "This survey has closed" in response.content.decode()


def test_survey_list_shows_the_coordinator_whom_to_call(client, coordinator, sent):
    followup.surveys_chase(now=sent.sent_at + followup.CALL_AFTER)
    client.force_login(coordinator)

    with translation.override("en"):
        response = client.get(reverse("mentoring:survey_list"))

    assert response.status_code == 200
    assert [row.survey for row in response.context["to_call"]] == [sent]
    assert reverse("mentoring:survey_phone", kwargs={"pk": sent.pk}) in response.content.decode()


def test_survey_phone_records_the_answer_as_given_by_phone(client, coordinator, sent):
    client.force_login(coordinator)
    url = reverse("mentoring:survey_phone", kwargs={"pk": sent.pk})

    assert client.get(url).status_code == 200
    response = client.post(url, {**ANSWER, "situation": Situation.NEW_JOB})

    assert response.status_code == 302
    sent.refresh_from_db()
    assert (sent.source, sent.recorded_by) == (AnswerSource.PHONE, coordinator)
    assert Outcome.objects.get().source == AnswerSource.PHONE
    figures = client.get(reverse("mentoring:survey_list")).context["figures"]
    assert figures[0].answered_by_phone == 1


def test_survey_phone_page_is_in_the_participants_access_log(client, coordinator, sent):
    client.force_login(coordinator)

    client.get(reverse("mentoring:survey_phone", kwargs={"pk": sent.pk}))

    (entry,) = AccessLog.objects.all()
    assert (entry.viewer, entry.subject, entry.what) == (coordinator, sent.participant.applicant, "survey")


def test_survey_phone_of_an_answered_survey_goes_back_to_the_list(client, coordinator, sent):
    followup.survey_answer(
        survey=sent,
        answers={**ANSWER, "business_started_on": None, "situation": "looking"},
        language="sv",
        now=timezone.now(),
    )
    client.force_login(coordinator)

    response = client.post(reverse("mentoring:survey_phone", kwargs={"pk": sent.pk}), ANSWER)

    assert response.status_code == 302
    assert Outcome.objects.get().source == AnswerSource.WEB
