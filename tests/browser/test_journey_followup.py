"""Journey 5: follow-up. A mentorship ends; the participant answers the exit survey from the e-mailed link.

She needs no account to sign in with: the link is the key, and it works once. Six
months later the follow-up survey is sent, reminded, put on the coordinators'
call list and, never answered, expires to an "unknown" outcome. The jobs are run
with stated dates, as django-q2 would run them on those days. Locators accept the
Swedish or the English text (`ui`), like the other journeys.
"""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentoring.applications.workflow import Status
from mentoring.core.choices import Situation
from mentoring.followup import services as followup
from mentoring.mentorships.services.lifecycle import mentorship_complete
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import AnswerSource, FollowUpSurvey, Outcome, SurveyKind
from portal.models import OutboxMessage
from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_journey_apply import ui

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VALID_ORGNR = "556036-0793"
LINK = re.compile(r"https?://\S+/survey/\S+/")
DAY = timedelta(days=1)


def survey_mail(survey: FollowUpSurvey) -> list[OutboxMessage]:
    return [
        m for m in OutboxMessage.objects.order_by("pk") if m.headers.get("X-Portal-Survey") == str(survey.pk)
    ]


def link_path(message: OutboxMessage) -> str:
    """The survey link in the e-mail, as a path on the test's server."""
    return urlsplit(LINK.search(message.body).group(0)).path


def test_participant_answers_exit_survey_once_six_month_survey_expires_unknown(
    page, new_page, live_server, site_tree, axe_check, mail_via_outbox
):
    intake = factories.IntakeFactory(programme=site_tree.programme)
    lina = factories.ApplicationFactory(
        intake=intake,
        status=Status.ACCEPTED,
        applicant=factories.ApplicantFactory(
            email="lina@example.org",
            profile__first_name="Lina",
            profile__last_name="Berg",
            profile__contact_language="sv",
        ),
    )
    mentorship = factories.MentorshipFactory(
        participant=lina, status=MentorshipStatus.ACTIVE, answered_at=timezone.now() - 120 * DAY
    )
    coordinator = factories.coordinator_user(first_name="Karin", last_name="Sjö")
    now = timezone.now()

    # The coordinator records the mentorship as completed; the exit survey goes out at once, and
    # the hourly job finds nothing more to send.
    mentorship_complete(mentorship=mentorship, actor=coordinator, reason="", now=now)
    exit_survey = lina.surveys.get(kind=SurveyKind.EXIT)
    assert exit_survey.sent_at == now
    assert followup.surveys_send_due(now=now) == []
    (invitation,) = survey_mail(exit_survey)
    assert invitation.to == ["lina@example.org"]
    survey_path = link_path(invitation)

    # Lina opens the link without signing in, chooses English, and answers.
    page.goto(f"{live_server.url}{survey_path}")
    expect(page.get_by_role("heading", level=1)).to_have_text(ui("How did it go? The exit survey"))
    axe_check(page)
    page.get_by_role("navigation", name=ui("Answer in another language")).get_by_role(
        "link", name=re.compile("^English$", re.I)
    ).click()
    expect(page).to_have_url(re.compile(r"/en/survey/"))
    # By value: the label's "/" is more than Playwright's regular expressions take.
    page.locator(f'input[name="situation"][value="{Situation.OWN_BUSINESS}"]').check()
    page.get_by_label(ui("Your business's organisation number", exact=False)).fill(VALID_ORGNR)
    page.get_by_label(ui("When did your business start?", exact=False)).fill("2025-01-15")
    page.get_by_role("checkbox", name=ui("More hours", exact=False)).check()
    page.get_by_role("group", name=ui("How satisfied are you with the mentoring?")).get_by_role(
        "radio", name=ui("5 – Very satisfied")
    ).check()
    page.get_by_role("group", name=ui("How satisfied are you with the programme as a whole?")).get_by_role(
        "radio", name=ui("4 – Satisfied")
    ).check()
    page.get_by_label(ui("Anything else you would like to tell us?", exact=False)).fill("Tack för stödet!")
    page.get_by_role("button", name=ui("Send my answers")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ui("Thank you for your answers"))
    axe_check(page)

    outcome = Outcome.objects.get(participant=lina, point=Outcome.Point.EXIT)
    assert (outcome.result, outcome.organisation_number, outcome.source) == (
        Situation.OWN_BUSINESS,
        VALID_ORGNR,
        AnswerSource.WEB,
    )
    exit_survey.refresh_from_db()
    assert exit_survey.language == "en"

    # The same link again: the survey is answered, so there is no form to answer twice.
    page.goto(f"{live_server.url}{survey_path}")
    expect(page.get_by_role("heading", level=1)).to_have_text(ui("This survey is already answered"))
    expect(page.get_by_role("button", name=ui("Send my answers"))).to_have_count(0)
    axe_check(page)

    # Six months later: sent, reminded twice, on the call list, then expired to "unknown".
    six_months = lina.surveys.get(kind=SurveyKind.SIX_MONTHS)
    assert followup.surveys_send_due(now=now + followup.SIX_MONTHS - DAY) == []
    sent_on = now + followup.SIX_MONTHS
    assert followup.surveys_send_due(now=sent_on) == [six_months.pk]
    assert followup.surveys_send_due(now=sent_on) == []
    for day, step in ((7, "reminded_first"), (14, "reminded_second"), (21, "calls_requested")):
        assert getattr(followup.surveys_chase(now=sent_on + day * DAY), step) == [six_months.pk]
        assert followup.surveys_chase(now=sent_on + day * DAY).counts() == dict.fromkeys(
            ("reminded_first", "reminded_second", "calls_requested", "expired"), 0
        )
    assert [m.headers["X-Portal-Event"] for m in survey_mail(six_months)] == [
        "sent",
        "reminder_1",
        "reminder_2",
    ]

    # The coordinator finds Lina on the call list, with a form to record what she says by phone.
    office = new_page()
    sign_in(office, live_server, "/en/coordinator/surveys/", coordinator)
    row = office.locator("table").first.get_by_role("row").filter(has_text="Lina Berg")
    expect(row).to_contain_text(ui("Six-month survey", exact=False))
    axe_check(office)
    row.get_by_role("link", name=ui("Record a phone answer", exact=False)).click()
    expect(office.get_by_role("heading", level=1)).to_have_text(ui("Record a phone answer"))
    axe_check(office)

    # Nobody reaches her: on day 28 the survey expires and the outcome is recorded as unknown.
    assert followup.surveys_chase(now=sent_on + 28 * DAY).expired == [six_months.pk]
    assert followup.surveys_chase(now=sent_on + 29 * DAY).expired == []
    outcome = Outcome.objects.get(participant=lina, point=Outcome.Point.SIX_MONTHS)
    assert (outcome.result, outcome.source) == (Outcome.Result.UNKNOWN, AnswerSource.EXPIRED)

    # Her six-month link now says the survey has closed.
    page.goto(f"{live_server.url}{link_path(survey_mail(six_months)[0])}")
    expect(page.get_by_role("heading", level=1)).to_have_text(ui("The survey link does not work"))
    axe_check(page)
