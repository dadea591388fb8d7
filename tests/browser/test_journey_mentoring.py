"""Journey 4: the mentor logs three meetings (one with a private note) and a goal; the participant sees them.

The participant, at another computer, finds the mentorship from her page, sees
the goal and the three meetings with their shared notes, and never the mentor's
private note. The coordinators' list of mentorships is checked too. axe runs on
each new page.
"""

import re

import pytest
from playwright.sync_api import expect

from mentoring.applications.workflow import Status
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import Meeting
from tests import factories
from tests.browser.conftest import follow, sign_in
from tests.browser.test_journey_apply import ui

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PRIVATE = "Privat: Lina verkar stressad över lånet."


@pytest.fixture
def mentorship(site_tree):
    import datetime as dt

    from django.utils import timezone

    start = timezone.now() - dt.timedelta(days=20)
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


def log_meeting(page, *, held_on: str, minutes: str, notes: str, private: str = ""):
    page.get_by_role("link", name=ui("Log a meeting")).click()
    page.get_by_label(ui("Date")).fill(held_on)
    page.get_by_label(ui("Length in minutes")).fill(minutes)
    page.get_by_label(ui("Online")).check()
    page.get_by_label(ui("Financing")).check()
    page.get_by_label(ui("Notes for both of you", exact=False)).fill(notes)
    if private:
        page.get_by_label(ui("Private notes", exact=False)).fill(private)
    page.get_by_role("button", name=ui("Log the meeting")).click()


def test_mentor_logs_meetings_and_a_goal_participant_sees_them_not_the_private_note(
    page, new_page, live_server, mentorship, axe_check, mail_via_outbox
):
    import datetime as dt

    from django.utils import timezone

    maja = mentorship.mentor.user
    sign_in(page, live_server, "/en/mentor/", maja)
    mentees = page.get_by_role("region", name=ui("Your mentees"))
    mentees.get_by_role("link", name="Lina Berg").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lina Berg")
    axe_check(page)

    # A length outside 15–180 minutes is a field error that keeps what was typed.
    today = timezone.localdate()
    follow(page.get_by_role("link", name=ui("Log a meeting")))
    axe_check(page)
    page.get_by_label(ui("Date")).fill(today.isoformat())
    page.get_by_label(ui("Length in minutes")).fill("5")
    page.get_by_label(ui("Notes for both of you", exact=False)).fill("Första mötet")
    page.get_by_role("button", name=ui("Log the meeting")).click()
    expect(
        page.get_by_text(ui("Write a length between 15 and 180 minutes.", exact=False)).first
    ).to_be_visible()
    expect(page.get_by_label(ui("Notes for both of you", exact=False))).to_have_value("Första mötet")
    axe_check(page)
    page.get_by_role("link", name=ui("Back to the mentorship")).click()

    for days_ago, notes in (
        (14, "Vi gick igenom budgeten."),
        (7, "Marknadsplan klar."),
        (1, "Lånet från Almi."),
    ):
        log_meeting(
            page,
            held_on=(today - dt.timedelta(days=days_ago)).isoformat(),
            minutes="60",
            notes=notes,
            private=PRIVATE if days_ago == 1 else "",
        )
        expect(page.get_by_role("region", name=ui("Meetings"))).to_contain_text(notes)
    assert Meeting.objects.filter(mentorship=mentorship).count() == 3
    expect(page.get_by_role("main")).to_contain_text(PRIVATE)

    page.get_by_label(ui("Goal")).fill("Ansöka om lån")
    page.get_by_label(ui("Target date", exact=False)).fill((today + dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name=ui("Add the goal")).click()
    expect(page.get_by_role("region", name=ui("Goals"))).to_contain_text("Ansöka om lån")
    axe_check(page)

    # Lina, at her own computer, goes from her page to the mentorship.
    lina_page = new_page()
    sign_in(lina_page, live_server, "/en/my/", mentorship.participant.applicant)
    expect(lina_page.get_by_role("main")).to_contain_text("Ansöka om lån")
    axe_check(lina_page)
    lina_page.get_by_role("link", name=ui("Goals and meetings", exact=False)).click()
    meetings = lina_page.get_by_role("region", name=ui("Meetings"))
    expect(meetings.get_by_role("article")).to_have_count(3)
    for notes in ("Vi gick igenom budgeten.", "Marknadsplan klar.", "Lånet från Almi."):
        expect(meetings).to_contain_text(notes)
    expect(lina_page.get_by_role("region", name=ui("Goals"))).to_contain_text("Ansöka om lån")
    expect(lina_page.get_by_role("main")).not_to_contain_text(PRIVATE)
    assert PRIVATE not in lina_page.content()
    axe_check(lina_page)

    # The mentor's dashboard now shows the last meeting and one open goal.
    page.goto(f"{live_server.url}/en/mentor/")
    row = page.get_by_role("region", name=ui("Your mentees")).get_by_role("row").filter(has_text="Lina Berg")
    expect(row).to_contain_text(re.compile(r"\b1\b"))
    axe_check(page)

    # The coordinators' list: the mentorship with its last meeting, and no private note.
    coordinator_page = new_page()
    sign_in(coordinator_page, live_server, "/en/coordinator/mentorships/", factories.coordinator_user())
    expect(coordinator_page.get_by_role("region", name=ui("All mentorships"))).to_contain_text("Lina Berg")
    assert PRIVATE not in coordinator_page.content()
    axe_check(coordinator_page)
    follow(coordinator_page.get_by_role("link", name=re.compile(r"^(?:End|Avsluta)")).first)
    axe_check(coordinator_page)
