"""The mentorship page, logging and editing meetings, goals, ending, and the coordinators' list."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from mentoring.applications.workflow import Status
from mentoring.core.choices import MeetingFormat
from mentoring.mentorships.services import meetings as services
from mentoring.mentorships.services.lifecycle import mentorship_complete, mentorship_propose_completion
from mentoring.mentorships.views import coordinator as coordinator_views
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import MatchingReturn, Meeting, MentorshipChange
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_via_outbox")]

MENTOR_SECRET = "Mentor private: worried about cash flow"
PARTICIPANT_SECRET = "Participant private: unsure about the mentor"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def url(name: str, *args) -> str:
    return reverse(f"mentoring:{name}", args=args)


def active_mentorship(**participant_fields):
    start = timezone.now() - dt.timedelta(days=20)
    participant = factories.ApplicationFactory(
        status=Status.ACCEPTED, applicant=factories.ApplicantFactory(), **participant_fields
    )
    return factories.MentorshipFactory(
        participant=participant, status=MentorshipStatus.ACTIVE, proposed_at=start, answered_at=start
    )


@pytest.fixture
def mentorship(db):
    return active_mentorship(idea_title="Svetsverkstad")


@pytest.fixture
def mentor(mentorship):
    return mentorship.mentor.user


@pytest.fixture
def participant(mentorship):
    return mentorship.participant.applicant


@pytest.fixture
def meeting(mentorship, mentor, participant):
    now = timezone.now()
    meeting = services.meeting_log(
        mentorship=mentorship,
        actor=mentor,
        held_on=timezone.localdate(now) - dt.timedelta(days=2),
        minutes=45,
        format=MeetingFormat.IN_PERSON,
        topics=["financing"],
        shared_notes="We went through the budget.",
        private_note=MENTOR_SECRET,
        now=now,
    )
    services.meeting_private_note_save(meeting=meeting, actor=participant, text=PARTICIPANT_SECRET, now=now)
    return meeting


def meeting_post(**overrides):
    data = {
        "held_on": timezone.localdate().isoformat(),
        "minutes": "60",
        "format": "online",
        "topics": ["financing", "networking"],
        "shared_notes": "Shared text",
        "private_note": "",
    }
    data.update(overrides)
    return data


def test_mentorship_detail_shows_meetings_and_own_private_note_to_the_mentor(client, mentor, meeting):
    client.force_login(mentor)
    body = client.get(url("mentorship_detail", meeting.mentorship_id)).content.decode()
    assert "We went through the budget." in body and "Financing" in body
    assert MENTOR_SECRET in body
    assert PARTICIPANT_SECRET not in body


def test_mentorship_detail_never_shows_the_mentors_private_note_to_the_participant(
    client, participant, meeting
):
    client.force_login(participant)
    body = client.get(url("mentorship_detail", meeting.mentorship_id)).content.decode()
    assert "We went through the budget." in body
    assert PARTICIPANT_SECRET in body
    assert MENTOR_SECRET not in body


def test_coordinators_never_see_private_notes(client, meeting):
    client.force_login(factories.coordinator_user())
    assert client.get(url("mentorship_detail", meeting.mentorship_id)).status_code == 404
    assert client.get(url("meeting_edit", meeting.mentorship_id, meeting.pk)).status_code == 404
    body = client.get(url("coordinator_mentorships")).content.decode()
    assert MENTOR_SECRET not in body and PARTICIPANT_SECRET not in body


def test_mentorship_detail_is_404_for_another_mentor_and_participant(client, mentorship):
    other = active_mentorship()
    for user in (other.mentor.user, other.participant.applicant):
        client.force_login(user)
        assert client.get(url("mentorship_detail", mentorship.pk)).status_code == 404
        assert client.get(url("meeting_new", mentorship.pk)).status_code == 404


def test_mentorship_detail_is_404_for_the_participant_of_a_proposal(client):
    proposal = factories.MentorshipFactory()
    client.force_login(proposal.participant.applicant)
    assert client.get(url("mentorship_detail", proposal.pk)).status_code == 404


def test_meeting_new_logs_a_meeting(client, mentor, mentorship):
    client.force_login(mentor)
    response = client.post(url("meeting_new", mentorship.pk), meeting_post(private_note="Mine only"))
    assert response.status_code == 302
    (meeting,) = Meeting.objects.filter(mentorship=mentorship)
    assert meeting.topics == ["financing", "networking"] and meeting.logged_by == mentor


@pytest.mark.parametrize("minutes", ["10", "200", ""])
def test_meeting_new_minutes_error_keeps_the_input(client, mentor, mentorship, minutes):
    client.force_login(mentor)
    response = client.post(url("meeting_new", mentorship.pk), meeting_post(minutes=minutes))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Write a length between 15 and 180 minutes." in body
    assert "Shared text" in body
    assert not Meeting.objects.exists()


def test_meeting_new_future_date_is_a_field_error(client, mentor, mentorship):
    client.force_login(mentor)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(url("meeting_new", mentorship.pk), meeting_post(held_on=tomorrow))
    assert "The meeting cannot be in the future." in response.content.decode()
    assert not Meeting.objects.exists()


def test_meeting_edit_by_the_logger(client, mentor, meeting):
    client.force_login(mentor)
    response = client.post(
        url("meeting_edit", meeting.mentorship_id, meeting.pk),
        meeting_post(held_on=meeting.held_on.isoformat(), minutes="30", private_note=MENTOR_SECRET),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == 30


def test_meeting_edit_the_other_party_writes_only_a_private_note(client, participant, meeting):
    client.force_login(participant)
    page = client.get(url("meeting_edit", meeting.mentorship_id, meeting.pk)).content.decode()
    assert 'name="minutes"' not in page and MENTOR_SECRET not in page and PARTICIPANT_SECRET in page
    client.post(
        url("meeting_edit", meeting.mentorship_id, meeting.pk), {"private_note": "New", "minutes": "15"}
    )
    meeting.refresh_from_db()
    assert meeting.minutes == 45
    assert meeting.private_notes.get(author=participant).text == "New"


def test_meeting_edit_is_locked_after_seven_days(client, mentor, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(logged_at=timezone.now() - dt.timedelta(days=8))
    client.force_login(mentor)
    edit = url("meeting_edit", meeting.mentorship_id, meeting.pk)
    page = client.get(edit).content.decode()
    assert "can no longer be changed" in page and "<form" not in page.split("<main", 1)[-1]
    client.post(edit, meeting_post(minutes="30"))
    meeting.refresh_from_db()
    assert meeting.minutes == 45


def test_goal_add_and_done(client, participant, mentorship):
    client.force_login(participant)
    client.post(url("goal_add", mentorship.pk), {"title": "Write the budget", "target_date": "2030-01-31"})
    (goal,) = mentorship.goals.all()
    client.post(url("goal_done", mentorship.pk, goal.pk), {"done": "1"})
    goal.refresh_from_db()
    assert goal.is_done


def test_goal_add_error_keeps_the_input(client, mentor, mentorship):
    for i in range(services.MAX_OPEN_GOALS):
        services.goal_add(
            mentorship=mentorship, actor=mentor, title=f"G{i}", target_date=None, now=timezone.now()
        )
    client.force_login(mentor)
    response = client.post(url("goal_add", mentorship.pk), {"title": "The sixth goal", "target_date": ""})
    body = response.content.decode()
    assert "open goals" in body and 'value="The sixth goal"' in body
    assert mentorship.goals.count() == services.MAX_OPEN_GOALS


def test_goal_done_of_another_mentorship_is_404(client, mentor, mentorship):
    other = active_mentorship()
    goal = services.goal_add(
        mentorship=other, actor=other.mentor.user, title="Theirs", target_date=None, now=timezone.now()
    )
    client.force_login(mentor)
    assert client.post(url("goal_done", mentorship.pk, goal.pk), {"done": "1"}).status_code == 404
    assert client.post(url("goal_done", other.pk, goal.pk), {"done": "1"}).status_code == 404


def test_mentorship_end_offers_the_mentor_completion_and_ending_early_from_the_table(
    client, mentor, mentorship
):
    client.force_login(mentor)
    response = client.get(url("mentorship_end", mentorship.pk))
    assert [option.action for option in response.context["options"]] == ["propose_completion", "end_early"]
    body = response.content.decode()
    assert 'type="radio"' not in body
    # The reason for ending early is required and says so: no "(optional)" beside it.
    assert "Why does the mentorship end early?</label>" in body
    assert 'A note for the coordinators <span class="field__optional">(optional)</span>' in body


def test_mentorship_end_early_without_a_reason_is_an_error_beside_the_field(client, mentor, mentorship):
    client.force_login(mentor)
    response = client.post(
        url("mentorship_end", mentorship.pk),
        {"action": "end_early", "end_early-reason": "  ", "propose_completion-note": "Kept"},
    )
    assert response.status_code == 200
    (early,) = [o for o in response.context["options"] if o.action == "end_early"]
    assert early.form.errors == {"reason": ["Write why the mentorship ends early."]}
    assert 'aria-invalid="true"' in response.content.decode()
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.ACTIVE


def test_mentorship_end_the_mentor_proposes_completion_and_cannot_complete(client, mentor, mentorship):
    client.force_login(mentor)
    end = url("mentorship_end", mentorship.pk)
    client.post(end, {"action": "complete", "complete-note": "Done"})
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.ACTIVE  # not a move of the mentor's
    response = client.post(end, {"action": "propose_completion", "propose_completion-note": "Goals met"})
    assert response.status_code == 302
    mentorship.refresh_from_db()
    assert (mentorship.status, mentorship.end_reason) == (MentorshipStatus.COMPLETING, "Goals met")


def test_mentorship_end_by_the_participant_is_404(client, participant, mentorship):
    client.force_login(participant)
    assert (
        client.post(
            url("mentorship_end", mentorship.pk), {"action": "end_early", "end_early-reason": "x"}
        ).status_code
        == 404
    )


def test_mentorship_end_by_a_coordinator_completes(client, mentorship):
    client.force_login(factories.coordinator_user())
    response = client.post(url("mentorship_end", mentorship.pk), {"action": "complete", "complete-note": ""})
    assert response.status_code == 302
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.COMPLETED and mentorship.ended_at is not None


def test_coordinator_mentorships_lists_completions_to_confirm_and_the_coordinator_confirms(
    client, mentor, mentorship
):
    mentorship_propose_completion(mentorship=mentorship, actor=mentor, note="Goals met", now=timezone.now())
    client.force_login(factories.coordinator_user())
    response = client.get(url("coordinator_mentorships"))
    assert [row["pk"] for row in response.context["completions"]] == [mentorship.pk]
    assert "Confirm or end" in response.content.decode()

    page = client.get(url("mentorship_end", mentorship.pk))
    assert [o.action for o in page.context["options"]] == ["confirm_completion", "end_early"]
    assert "Goals met" in page.content.decode()
    client.post(url("mentorship_end", mentorship.pk), {"action": "confirm_completion"})
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.COMPLETED


def test_mentorship_return_view_returns_an_ended_mentorships_participant_with_a_reason(client, mentorship):
    coordinator = factories.coordinator_user()
    mentorship_complete(mentorship=mentorship, actor=coordinator, reason="", now=timezone.now())
    client.force_login(coordinator)
    listing = client.get(url("coordinator_mentorships")).content.decode()
    back = url("mentorship_return_to_matching", mentorship.pk)
    assert back in listing

    response = client.post(back, {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "reason": ["Write why the participant should have another mentor."]
    }
    assert client.post(back, {"reason": "A second business"}).status_code == 302
    assert MatchingReturn.objects.get(mentorship=mentorship).note == "A second business"
    assert back not in client.get(url("coordinator_mentorships")).content.decode()


def test_mentorship_return_view_is_404_for_a_running_mentorship_and_403_for_a_mentor(
    client, mentor, mentorship
):
    client.force_login(factories.coordinator_user())
    assert client.get(url("mentorship_return_to_matching", mentorship.pk)).status_code == 404
    client.force_login(mentor)
    assert client.get(url("mentorship_return_to_matching", mentorship.pk)).status_code == 403


def test_coordinator_mentorships_lists_those_at_risk(client, mentorship, meeting):
    quiet = active_mentorship(idea_title="Tyst")
    quiet.answered_at = timezone.now() - dt.timedelta(days=31)
    quiet.save()
    old_proposal = factories.MentorshipFactory(proposed_at=timezone.now() - dt.timedelta(days=8))
    client.force_login(factories.coordinator_user())
    response = client.get(url("coordinator_mentorships"))
    at_risk = [row["pk"] for row in response.context["at_risk"]]
    assert sorted(at_risk) == sorted([quiet.pk, old_proposal.pk])
    (row,) = [r for r in response.context["rows"] if r["pk"] == mentorship.pk]
    assert row["last_meeting_on"] == meeting.held_on and row["meeting_count"] == 1


def test_coordinator_mentorships_queries_do_not_grow(client, django_assert_max_num_queries):
    coordinator = factories.coordinator_user()
    client.force_login(coordinator)
    active_mentorship()
    listed = url("coordinator_mentorships")
    # 15: the page also lists the completions waiting for a coordinator's confirmation.
    with django_assert_max_num_queries(15) as few:
        client.get(listed)
    for _ in range(5):
        m = active_mentorship()
        services.goal_add(mentorship=m, actor=m.mentor.user, title="G", target_date=None, now=timezone.now())
    for status in (MentorshipStatus.DECLINED, MentorshipStatus.RETURNED, MentorshipStatus.COMPLETED):
        factories.MentorshipFactory(status=status, answered_at=timezone.now())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(listed)


def _when(response, mentorship) -> tuple[str, str]:
    """What the mentorship's row says of its date: the words before it, and the day (ISO)."""
    body = response.content.decode()
    row = body[body.index(f'data-mentorship="{mentorship.pk}"') :].split("</tr>")[0]
    cell = row.split("<td data-when>")[1].split("</td>")[0]
    return re.match(r'(.*) <time datetime="([^"]+)">', cell).groups()


def test_coordinator_mentorships_shows_the_date_that_goes_with_each_status(client):
    proposed_at = timezone.make_aware(dt.datetime(2026, 11, 20, 10))
    answered_at = timezone.make_aware(dt.datetime(2026, 12, 2, 10))
    ended_at = timezone.make_aware(dt.datetime(2026, 12, 5, 10))
    proposal = factories.MentorshipFactory(proposed_at=proposed_at)
    declined = factories.MentorshipFactory(
        status=MentorshipStatus.DECLINED, proposed_at=proposed_at, answered_at=answered_at
    )
    active = factories.MentorshipFactory(
        status=MentorshipStatus.ACTIVE, proposed_at=proposed_at, answered_at=answered_at
    )
    ended = factories.MentorshipFactory(
        status=MentorshipStatus.COMPLETED, proposed_at=proposed_at, answered_at=answered_at, ended_at=ended_at
    )
    returned = factories.MentorshipFactory(status=MentorshipStatus.RETURNED, proposed_at=proposed_at)
    MentorshipChange.objects.create(
        mentorship=returned,
        at=ended_at,
        from_status=MentorshipStatus.PROPOSED,
        to_status=MentorshipStatus.RETURNED,
    )
    client.force_login(factories.coordinator_user())

    response = client.get(url("coordinator_mentorships"))

    def day(moment):
        return timezone.localdate(moment).isoformat()

    assert _when(response, proposal) == ("Proposed on", day(proposed_at))
    assert _when(response, declined) == ("Declined on", day(answered_at))
    assert _when(response, active) == ("Started", day(answered_at))
    assert _when(response, ended) == ("Ended", day(ended_at))
    assert _when(response, returned) == ("Returned on", day(ended_at))
    body = response.content.decode()
    row = body[body.index(f'data-mentorship="{declined.pk}"') :].split("</tr>")[0]
    assert "Declined on" in row and "Started" not in row


def test_coordinator_mentorships_dates_use_the_sites_short_date_format(client):
    answered_at = timezone.make_aware(dt.datetime(2026, 10, 2, 10))
    mentorship = factories.MentorshipFactory(
        status=MentorshipStatus.ACTIVE, proposed_at=answered_at, answered_at=answered_at
    )
    client.force_login(factories.coordinator_user())

    with translation.override("sv"):
        body = client.get(url("coordinator_mentorships")).content.decode()
        row = body[body.index(f'data-mentorship="{mentorship.pk}"') :].split("</tr>")[0]
        assert formats.date_format(timezone.localtime(answered_at), "SHORT_DATE_FORMAT") in row
    assert "2026-10-02" in row and "okt" not in row.lower()


def test_coordinator_mentorships_link_the_people_and_the_mentorship(client, mentorship):
    client.force_login(factories.coordinator_user())

    body = client.get(url("coordinator_mentorships")).content.decode()

    record = url("person_record", mentorship.participant.applicant_id)
    assert f'href="{record}"' in body
    assert f'href="{record}#mentorship-{mentorship.pk}"' in body
    assert f'href="{url("mentor_list")}#mentor-{mentorship.mentor_id}"' in body
    assert f'id="mentorship-{mentorship.pk}"' in client.get(record).content.decode()
    assert f'id="mentor-{mentorship.mentor_id}"' in client.get(url("mentor_list")).content.decode()


def test_coordinator_mentorships_filter_by_status_and_intake(client, mentorship):
    declined = factories.MentorshipFactory(status=MentorshipStatus.DECLINED, answered_at=timezone.now())
    client.force_login(factories.coordinator_user())

    def listed(**query):
        return [row["pk"] for row in client.get(url("coordinator_mentorships"), query).context["rows"]]

    assert listed(status="declined") == [declined.pk]
    assert listed(intake=mentorship.participant.intake_id) == [mentorship.pk]
    assert listed(status="active", intake=declined.participant.intake_id) == []


def test_coordinator_mentorships_bad_filter_is_a_field_error_and_the_rest_still_apply(client, mentorship):
    factories.MentorshipFactory(status=MentorshipStatus.DECLINED, answered_at=timezone.now())
    client.force_login(factories.coordinator_user())

    response = client.get(
        url("coordinator_mentorships"), {"status": "lost", "intake": mentorship.participant.intake_id}
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["status"]
    assert [row["pk"] for row in response.context["rows"]] == [mentorship.pk]
    assert "“lost” is not one of the choices" in response.content.decode()


def test_coordinator_mentorships_are_paged(client, monkeypatch):
    monkeypatch.setattr(coordinator_views, "LIST_PAGE_SIZE", 2)
    now = timezone.now()
    made = [factories.MentorshipFactory(proposed_at=now - dt.timedelta(days=n)) for n in range(3)]
    client.force_login(factories.coordinator_user())

    first = client.get(url("coordinator_mentorships"))
    second = client.get(url("coordinator_mentorships"), {"page": 2})

    assert [row["pk"] for row in first.context["rows"]] == [made[0].pk, made[1].pk]
    assert [row["pk"] for row in second.context["rows"]] == [made[2].pk]
    assert "?page=2" in first.content.decode()


def test_mentor_dashboard_links_each_mentee_with_last_meeting_and_open_goals(client, mentor, meeting):
    services.goal_add(
        mentorship=meeting.mentorship, actor=mentor, title="G", target_date=None, now=timezone.now()
    )
    client.force_login(mentor)
    response = client.get(url("mentor_dashboard"))
    (mentee,) = response.context["mentees"]
    assert mentee.last_meeting == meeting.held_on and mentee.open_goals == 1
    assert url("mentorship_detail", meeting.mentorship_id) in response.content.decode()


def test_participant_dashboard_shows_what_is_due(client, participant, mentor, meeting):
    services.goal_add(
        mentorship=meeting.mentorship,
        actor=mentor,
        title="Open the shop",
        target_date=dt.date(2030, 5, 1),
        now=timezone.now(),
    )
    client.force_login(participant)
    body = client.get(url("dashboard")).content.decode()
    assert "Open the shop" in body and "1 May 2030" in body
    assert url("mentorship_detail", meeting.mentorship_id) in body


def test_participant_dashboard_after_the_mentorship_shows_it_its_goals_and_the_open_survey(
    client, participant, mentor, meeting
):
    services.goal_add(
        mentorship=meeting.mentorship,
        actor=mentor,
        title="Open the shop",
        target_date=None,
        now=timezone.now(),
    )
    mentorship_complete(
        mentorship=meeting.mentorship, actor=factories.coordinator_user(), reason="", now=timezone.now()
    )
    client.force_login(participant)
    response = client.get(url("dashboard"))
    body = response.content.decode()

    assert "We are looking for a mentor" not in body
    assert "Your mentorship" in body and "Completed" in body
    assert url("mentorship_detail", meeting.mentorship_id) in body
    (entry,) = response.context["entries"]
    assert "/survey/" in entry.survey_url and entry.survey_url in body
    detail = client.get(url("mentorship_detail", meeting.mentorship_id)).content.decode()
    assert "Open the shop" in detail and "We went through the budget." in detail
