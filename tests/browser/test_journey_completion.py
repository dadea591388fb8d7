"""Journeys 4 and 5 at the end of a mentorship, as the three people meet it.

The mentor proposes completion (ending early needs a reason, said beside the field); the
coordinator, starting from the coordinators' start page, finds the completion to confirm and
confirms it, and finds the follow-up call list from the same page; the participant's page then
shows the finished mentorship, its goals and meetings, and the exit survey to answer at once,
and never says a mentor is being looked for. axe runs on each new page.
"""

import re

import pytest
from playwright.sync_api import expect

from mentoring.applications.workflow import Status
from mentoring.matching.selectors import matching_inputs
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import FollowUpSurvey, Mentorship
from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_journey_apply import ui

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def mentorship(site_tree):
    import datetime as dt

    from django.utils import timezone

    start = timezone.now() - dt.timedelta(days=120)
    lina = factories.ApplicantFactory(
        email="lina@example.org", profile__first_name="Lina", profile__last_name="Berg"
    )
    application = factories.ApplicationFactory(
        applicant=lina, idea_title="Svetsverkstad i Mölndal", status=Status.ACCEPTED
    )
    maja = factories.MentorProfileFactory(
        user__email="maja@example.org", user__first_name="Maja", user__last_name="Holm"
    )
    return factories.MentorshipFactory(
        participant=application,
        mentor=maja,
        status=MentorshipStatus.ACTIVE,
        proposed_at=start,
        answered_at=start,
    )


def test_mentor_proposes_completion_coordinator_confirms_participant_answers_the_exit_survey(
    page, new_page, live_server, mentorship, axe_check, mail_via_outbox
):
    # Maja says the mentorship is completed; ending early without a reason is refused beside the field.
    sign_in(page, live_server, f"/en/mentorships/{mentorship.pk}/", mentorship.mentor.user)
    page.get_by_role("link", name=ui("Complete or end the mentorship")).click()
    expect(page.get_by_role("radio")).to_have_count(0)
    axe_check(page)
    early = page.get_by_role("region", name=ui("End the mentorship early"))
    early.get_by_role("button", name=ui("End early")).click()
    early = page.get_by_role("region", name=ui("End the mentorship early"))
    reason = early.get_by_label(ui("Why does the mentorship end early?", exact=False))
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(early).to_contain_text(ui("Write why the mentorship ends early.", exact=False))
    axe_check(page)
    completed = page.get_by_role("region", name=ui("The mentorship is completed"))
    completed.get_by_label(ui("A note for the coordinators", exact=False)).fill(
        "Lånet beviljat, butiken öppen."
    )
    completed.get_by_role("button", name=ui("Propose completion")).click()
    expect(page.get_by_role("main")).to_contain_text(ui("Completion proposed", exact=False))
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.COMPLETING

    # The coordinator starts at the coordinators' start page and finds the completion to confirm.
    coordinator_page = new_page()
    sign_in(coordinator_page, live_server, "/en/coordinator/", factories.coordinator_user())
    axe_check(coordinator_page)
    coordinator_page.get_by_role("navigation", name=ui("Coordination")).get_by_role(
        "link", name=ui("Mentorships")
    ).click()
    to_confirm = coordinator_page.get_by_role("region", name=ui("Completions to confirm"))
    expect(to_confirm).to_contain_text("Lina Berg")
    axe_check(coordinator_page)
    to_confirm.get_by_role("link", name=re.compile(r"^(?:Confirm or end|Bekräfta eller avsluta)")).click()
    expect(coordinator_page.get_by_role("main")).to_contain_text("Lånet beviljat, butiken öppen.")
    axe_check(coordinator_page)
    coordinator_page.get_by_role("button", name=ui("Confirm completion")).click()
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.COMPLETED

    # The exit survey went out as the mentorship ended, and the call list is one click from the start.
    survey = FollowUpSurvey.objects.get(participant=mentorship.participant, kind="exit")
    assert survey.sent_at is not None
    coordinator_page.goto(f"{live_server.url}/en/coordinator/")
    coordinator_page.get_by_role("link", name=ui("Follow-up surveys")).first.click()
    expect(coordinator_page.get_by_role("region", name=ui("Waiting for an answer"))).to_contain_text("Lina")
    axe_check(coordinator_page)

    # Lina's page shows the finished mentorship and what comes next, not a search for a mentor.
    lina_page = new_page()
    sign_in(lina_page, live_server, "/en/my/", mentorship.participant.applicant)
    main = lina_page.get_by_role("main")
    expect(main).to_contain_text(ui("Your mentorship", exact=False))
    expect(main).not_to_contain_text(ui("We are looking for a mentor", exact=False))
    axe_check(lina_page)
    lina_page.get_by_role("link", name=ui("Answer the survey", exact=False)).click()
    expect(lina_page).to_have_url(re.compile(r"/en/survey/"))
    axe_check(lina_page)
    lina_page.go_back()
    lina_page.get_by_role("link", name=ui("Goals and meetings", exact=False)).click()
    expect(lina_page.get_by_role("heading", level=1)).to_contain_text("Lina Berg")

    # Matching would not propose her again: she has had her mentorship.
    participants, _mentors = matching_inputs(intake=mentorship.participant.intake, now=survey.sent_at)
    assert mentorship.participant_id not in [p.id for p in participants]
    assert Mentorship.objects.filter(participant=mentorship.participant).count() == 1
