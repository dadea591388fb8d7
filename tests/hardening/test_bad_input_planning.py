"""Generated bad input on the forms of planning a meeting: plan, move, cancel, log from the prompt,
and "it did not take place".

The same search and the same three promises as `test_bad_input` (its module says
which): never a server error, errors beside their fields with what was typed kept,
nothing stored half-way (an accepted plan passes the model's validation: an https
link, no control characters in what goes into the calendar file).
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from mentoring.applications.workflow import Status
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import Meeting, PlannedMeeting, PrivateNote
from portal import roles
from tests import factories
from tests.hardening.test_bad_input import FormCase, check_broken, check_generated
from tests.planning_factories import PlannedMeetingFactory


@pytest.fixture
def planning(site_tree):
    """Maja mentors Petra (nothing planned), Rut (a meeting planned next week) and Siv (a meeting
    planned yesterday, not yet logged)."""
    now = timezone.now()
    mentor = factories.user_with_role(roles.MENTORS, first_name="Maja")
    maja = factories.MentorProfileFactory(user=mentor, capacity=3)
    start = now - dt.timedelta(days=20)

    def mentorship():
        return factories.MentorshipFactory(
            participant=factories.ApplicationFactory(status=Status.ACCEPTED, now=now),
            mentor=maja,
            status=MentorshipStatus.ACTIVE,
            proposed_at=start,
            answered_at=start,
        )

    free, ahead, passed = mentorship(), mentorship(), mentorship()
    return SimpleNamespace(
        mentor=mentor,
        free=free,
        upcoming=PlannedMeetingFactory(mentorship=ahead, starts_at=now + dt.timedelta(days=7)),
        prompt=PlannedMeetingFactory(mentorship=passed, starts_at=now - dt.timedelta(days=1)),
    )


def _plan(**changes) -> dict:
    valid = {
        "starts_on": (timezone.localdate() + dt.timedelta(days=10)).isoformat(),
        "starts_time": "14:30",
        "duration_minutes": "60",
        "format": "in_person",
        "place": "Café Husaren, Haga",
        "link": "",
        "agenda": "Kalkylen\nFörsta kunderna",
    }
    return valid | changes


def _new_case(planning) -> FormCase:
    return FormCase(
        url=reverse("mentoring:planned_meeting_new", args=[planning.free.pk]),
        valid=_plan(),
        stored=[PlannedMeeting],
        log_in=planning.mentor,
        # A refusal of the service that names no field (see the view) is shown above the form.
        non_field_ok=True,
    )


@given(data=st.data())
def test_planned_meeting_new_survives_bad_input(client, planning, data):
    check_generated(client, _new_case(planning), data)


@pytest.mark.parametrize(
    "breaks",
    [
        {"format": "online", "link": "http://meet.example.org/a"},
        {"format": "online", "link": "javascript:alert(1)"},
        {"place": "Haga\r\nATTENDEE:mailto:x@example.org"},
        {"agenda": "Kalkyl\u202eevil"},
    ],
)
def test_planned_meeting_new_refuses_what_would_break_the_calendar_file(client, planning, breaks):
    check_broken(client, _new_case(planning), breaks)
    assert not PlannedMeeting.objects.filter(mentorship=planning.free).exists()


@given(data=st.data())
def test_planned_meeting_move_survives_bad_input(client, planning, data):
    case = FormCase(
        url=reverse(
            "mentoring:planned_meeting_move", args=[planning.upcoming.mentorship_id, planning.upcoming.pk]
        ),
        valid=_plan(format="online", place="", link="https://meet.example.org/vk", reason="Sjukt barn"),
        stored=[PlannedMeeting],
        log_in=planning.mentor,
        non_field_ok=True,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_planned_meeting_cancel_survives_bad_input(client, planning, data):
    case = FormCase(
        url=reverse(
            "mentoring:planned_meeting_cancel", args=[planning.upcoming.mentorship_id, planning.upcoming.pk]
        ),
        valid={"reason": "Fick ett jobb"},
        stored=[PlannedMeeting],
        log_in=planning.mentor,
        non_field_ok=True,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_planned_meeting_did_not_happen_survives_bad_input(client, planning, data):
    case = FormCase(
        url=reverse(
            "mentoring:planned_meeting_missed", args=[planning.prompt.mentorship_id, planning.prompt.pk]
        ),
        valid={"reason": "Hon var sjuk"},
        stored=[PlannedMeeting],
        log_in=planning.mentor,
        non_field_ok=True,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_planned_meeting_log_survives_bad_input(client, planning, data):
    case = FormCase(
        url=reverse(
            "mentoring:planned_meeting_log", args=[planning.prompt.mentorship_id, planning.prompt.pk]
        ),
        valid={
            "held_on": timezone.localdate(planning.prompt.starts_at).isoformat(),
            "minutes": "60",
            "format": "online",
            "topics": ["financing"],
            "shared_notes": "Vi gick igenom kalkylen.",
            "private_note": "Följ upp banken.",
        },
        stored=[Meeting, PrivateNote, PlannedMeeting],
        log_in=planning.mentor,
        non_field_ok=True,
    )
    check_generated(client, case, data)
