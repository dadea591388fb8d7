"""Journey 9: mentor and participant plan their next meeting, move it, cancel it; and after a meeting
they were planned to have, the prompt asks how it went and the meeting is logged from it.

Maja plans an online meeting from the mentorship page (a link that is not https is
refused beside its field first); both get an invitation in the outbox, each with an
.ics that parses. Lina, at her own computer, moves it with a reason; both get the
update with the same UID and a higher SEQUENCE; Maja sees the reason and cancels it;
both get a CANCEL. In the second journey the planned time passes (the planned
meeting is put in the past, as the clock would), the mentor's page asks "How did it
go?", and the meeting is logged from the form the plan filled in. axe runs on each
new page.
"""

import base64
import datetime as dt
import email

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from mentoring.applications.workflow import Status
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import Meeting, PlannedMeeting, PlannedMeetingStatus
from portal.models import OutboxMessage
from tests import factories
from tests.browser.conftest import follow, sign_in
from tests.browser.test_journey_apply import ui

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def mentorship(site_tree):
    start = timezone.now() - dt.timedelta(days=20)
    lina = factories.ApplicantFactory(
        email="lina@example.org",
        profile__first_name="Lina",
        profile__last_name="Berg",
        profile__contact_language="en",
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


def invitations(event: str) -> dict[str, tuple[str, Calendar]]:
    """The e-mails of `event` (invited, moved, cancelled) by recipient: (method, parsed .ics)."""
    found = {}
    for message in OutboxMessage.objects.all():
        if message.headers.get("X-Portal-Event") != f"planned_meeting_{event}":
            continue
        (attachment,) = message.attachments
        part = email.message_from_bytes(base64.b64decode(attachment["mime"]))
        found[message.to[0]] = (part.get_param("method"), Calendar.from_ical(part.get_payload(decode=True)))
    return found


def vevent(calendar: Calendar):
    return calendar.walk("VEVENT")[0]


def fill_plan(page, *, day: dt.date, time: str, online_link: str = "", place: str = ""):
    page.get_by_label(ui("Date")).fill(day.isoformat())
    page.get_by_label(ui("Time")).fill(time)
    page.get_by_label(ui("Length in minutes")).fill("60")
    if online_link:
        page.get_by_label(ui("Online")).check()
        page.get_by_label(ui("Link to the online meeting", exact=False)).fill(online_link)
    else:
        page.get_by_label(ui("In person")).check()
        page.get_by_label(ui("Place", exact=False)).fill(place)


def test_plan_move_and_cancel_with_invitations_to_both(
    page, new_page, live_server, mentorship, axe_check, mail_via_outbox
):
    maja, lina = mentorship.mentor.user, mentorship.participant.applicant
    detail = f"/en/mentorships/{mentorship.pk}/"
    sign_in(page, live_server, detail, maja)
    next_meeting = page.get_by_role("region", name=ui("Next meeting"))
    expect(next_meeting).to_contain_text(ui("No meeting is planned.", exact=False))
    axe_check(page)

    # A link that is not https is refused beside its field, and the agenda typed is kept.
    follow(next_meeting.get_by_role("link", name=ui("Plan the next meeting")))
    axe_check(page)
    day = timezone.localdate() + dt.timedelta(days=7)
    fill_plan(page, day=day, time="14:30", online_link="http://meet.example.org/lina")
    page.get_by_label(ui("Agenda", exact=False)).fill("Budget\nFirst customers")
    page.get_by_role("button", name=ui("Plan the meeting")).click()
    expect(page.get_by_text(ui("Give a link that starts with https://.", exact=False)).first).to_be_visible()
    expect(page.get_by_label(ui("Agenda", exact=False))).to_have_value("Budget\nFirst customers")
    axe_check(page)
    page.get_by_label(ui("Link to the online meeting", exact=False)).fill("https://meet.example.org/lina")
    page.get_by_role("button", name=ui("Plan the meeting")).click()
    expect(page.get_by_role("region", name=ui("Next meeting"))).to_contain_text(
        "https://meet.example.org/lina"
    )
    axe_check(page)

    invited = invitations("invited")
    assert sorted(invited) == ["lina@example.org", "maja@example.org"]
    uid = str(vevent(invited["lina@example.org"][1])["UID"])
    assert {str(vevent(calendar)["UID"]) for _method, calendar in invited.values()} == {uid}
    assert {method for method, _calendar in invited.values()} == {"REQUEST"}

    # Lina, at her own computer, moves it to 16:00 with a reason.
    lina_page = new_page()
    sign_in(lina_page, live_server, detail, lina)
    axe_check(lina_page)
    follow(lina_page.get_by_role("link", name=ui("Move the meeting")))
    axe_check(lina_page)
    lina_page.get_by_label(ui("Time")).fill("16:00")
    lina_page.get_by_label(ui("Why does the meeting move?")).fill("A job interview that afternoon")
    lina_page.get_by_role("button", name=ui("Move the meeting")).click()
    expect(lina_page.get_by_role("region", name=ui("Next meeting"))).to_contain_text("16:00")

    moved = invitations("moved")
    assert sorted(moved) == ["lina@example.org", "maja@example.org"]
    for method, calendar in moved.values():
        assert (
            method == "REQUEST" and str(vevent(calendar)["UID"]) == uid and vevent(calendar)["SEQUENCE"] == 1
        )
    starts = vevent(moved["maja@example.org"][1]).decoded("DTSTART")
    assert starts.utcoffset() == dt.timedelta(0)
    assert timezone.localtime(starts).strftime("%H:%M") == "16:00"

    # Maja reads why, and cancels it with her own reason.
    page.reload()
    expect(page.get_by_role("region", name=ui("Next meeting"))).to_contain_text(
        "A job interview that afternoon"
    )
    follow(page.get_by_role("link", name=ui("Cancel the meeting")))
    axe_check(page)
    page.get_by_role("button", name=ui("Cancel the meeting")).click()
    expect(page.get_by_text(ui("Write why the meeting is cancelled.", exact=False)).first).to_be_visible()
    axe_check(page)
    page.get_by_label(ui("Why is the meeting cancelled?")).fill("I am ill this week")
    page.get_by_role("button", name=ui("Cancel the meeting")).click()
    expect(page.get_by_role("region", name=ui("Next meeting"))).to_contain_text(
        ui("No meeting is planned.", exact=False)
    )

    cancelled = invitations("cancelled")
    assert sorted(cancelled) == ["lina@example.org", "maja@example.org"]
    for method, calendar in cancelled.values():
        assert method == "CANCEL" and str(calendar["METHOD"]) == "CANCEL"
        assert str(vevent(calendar)["UID"]) == uid and vevent(calendar)["SEQUENCE"] == 2
    lina_page.reload()
    expect(lina_page.get_by_role("region", name=ui("Next meeting"))).to_contain_text("I am ill this week")
    axe_check(lina_page)


def test_plan_then_time_passes_and_the_prompt_logs_the_meeting(
    page, live_server, mentorship, axe_check, mail_via_outbox
):
    maja = mentorship.mentor.user
    sign_in(page, live_server, f"/en/mentorships/{mentorship.pk}/", maja)
    page.get_by_role("link", name=ui("Plan the next meeting")).click()
    fill_plan(page, day=timezone.localdate() + dt.timedelta(days=2), time="09:00", place="Café Husaren, Haga")
    page.get_by_label(ui("Agenda", exact=False)).fill("Financing")
    page.get_by_role("button", name=ui("Plan the meeting")).click()
    expect(page.get_by_role("region", name=ui("Next meeting"))).to_contain_text("Café Husaren, Haga")

    # Time passes: the meeting was three hours ago.
    planned = PlannedMeeting.objects.get(mentorship=mentorship)
    PlannedMeeting.objects.filter(pk=planned.pk).update(starts_at=timezone.now() - dt.timedelta(hours=3))

    page.goto(f"{live_server.url}/en/mentor/")
    prompt = page.get_by_role("region", name=ui("How did it go? Log the meeting"))
    expect(prompt).to_contain_text("Lina Berg")
    axe_check(page)
    prompt.get_by_role("link", name=ui("Log the meeting", exact=False)).click()
    expect(page.get_by_label(ui("Length in minutes"))).to_have_value("60")
    expect(page.get_by_label(ui("In person"))).to_be_checked()
    expect(page.get_by_label(ui("Financing"))).to_be_checked()
    axe_check(page)
    page.get_by_label(ui("Notes for both of you", exact=False)).fill("Agreed to ask Almi about a loan.")
    page.get_by_role("button", name=ui("Log the meeting")).click()
    expect(page.get_by_role("region", name=ui("Meetings"))).to_contain_text(
        "Agreed to ask Almi about a loan."
    )
    expect(page.get_by_role("main")).not_to_contain_text(ui("How did it go? Log the meeting", exact=False))
    axe_check(page)

    planned.refresh_from_db()
    assert planned.status == PlannedMeetingStatus.HELD
    assert Meeting.objects.get(mentorship=mentorship).minutes == 60
    page.goto(f"{live_server.url}/en/mentor/")
    expect(page.get_by_role("main")).not_to_contain_text(ui("How did it go? Log the meeting", exact=False))
