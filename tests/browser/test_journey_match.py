"""Journey 3: a coordinator matches an intake, a mentor answers, the participant meets her mentor.

The coordinator runs matching, reads the reasons, locks one pair, runs again and
confirms; the mentor declines one proposal with a reason and accepts another;
the participant finds her mentor on her page; the declined pair is shown to the
coordinator with its reason and is not proposed again. Locators accept the
Swedish or the English text (`ui`), like the other journeys.
"""

import re

import pytest
from playwright.sync_api import expect

from mentoring.applications.workflow import Status
from mentoring.core.choices import BusinessSector, SupportNeed
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import MatchingChoice, MatchingRun, Mentorship
from portal.models import OutboxMessage
from tests import factories
from tests.browser.conftest import sign_in
from tests.browser.test_journey_apply import ui

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DECLINE_REASON = "Jag känner Bos familj privat, så någon annan passar bättre."
MANUFACTURING, RETAIL = BusinessSector.MANUFACTURING.value, BusinessSector.TRADE.value


@pytest.fixture
def cohort(site_tree):
    """Three accepted participants; Maja (two places, manufacturing) and Omar (one place, trade)."""
    intake = factories.IntakeFactory(programme=site_tree.programme)
    needs = [SupportNeed.FINANCING.value, SupportNeed.BUSINESS_PLAN.value]

    def participant(first, last, title, sector):
        applicant = factories.ApplicantFactory(
            email=f"{first.lower()}@example.org",
            first_name=first,
            last_name=last,
            profile__first_name=first,
            profile__last_name=last,
        )
        return factories.ApplicationFactory(
            intake=intake,
            applicant=applicant,
            idea_title=title,
            business_sector=sector,
            support_needs=needs,
            status=Status.ACCEPTED,
        )

    lina = participant("Lina", "Berg", "Svetsverkstad i Mölndal", MANUFACTURING)
    bo = participant("Bo", "Lund", "Möbelsnickeri på Hisingen", MANUFACTURING)
    cara = participant("Cara", "Ek", "Second hand-butik i Kungälv", RETAIL)
    maja = factories.MentorProfileFactory(
        user__email="maja@example.org",
        user__first_name="Maja",
        user__last_name="Holm",
        sectors=[MANUFACTURING],
        expertise=needs,
        capacity=2,
        phone="070-111 22 33",
    )
    omar = factories.MentorProfileFactory(
        user__email="omar@example.org",
        user__first_name="Omar",
        user__last_name="Haddad",
        sectors=[RETAIL],
        expertise=needs,
        capacity=1,
        gender="man",
    )
    return {"intake": intake, "lina": lina, "bo": bo, "cara": cara, "maja": maja, "omar": omar}


def pair_row(page, name: str):
    """The row of the proposed pairs' table whose participant is `name`."""
    table = page.locator("table.matching-pairs")
    return table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=re.compile(name)))


def test_coordinator_matches_mentor_answers_participant_sees_mentor(
    page,
    new_page,
    live_server,
    cohort,
    axe_check,
    mail_via_outbox,
):
    intake, maja = cohort["intake"], cohort["maja"]
    coordinator = factories.coordinator_user(first_name="Karin", last_name="Sjö")
    board = f"/en/coordinator/intakes/{intake.pk}/matching/"

    # The coordinator runs matching and reads why each pair was proposed.
    sign_in(page, live_server, board, coordinator)
    page.get_by_role("button", name=ui("Run matching")).click()
    rows = page.locator("table.matching-pairs tbody tr")
    expect(rows).to_have_count(3)
    expect(pair_row(page, "Lina Berg")).to_contain_text("Maja Holm")
    expect(pair_row(page, "Lina Berg")).to_contain_text(re.compile(r"same sector|samma bransch", re.I))
    expect(pair_row(page, "Lina Berg")).to_contain_text(re.compile(r"2 of 2|2 av 2"))
    expect(pair_row(page, "Cara Ek")).to_contain_text("Omar Haddad")
    axe_check(page)

    # She locks Cara with Omar and runs again: the lock holds.
    pair_row(page, "Cara Ek").get_by_role("button", name=re.compile(r"^(?:Lock|Lås)\b")).click()
    expect(pair_row(page, "Cara Ek")).to_contain_text(ui("Locked", exact=False))
    page.get_by_role("button", name=ui("Run again (locks kept)")).click()
    expect(rows).to_have_count(3)
    expect(pair_row(page, "Cara Ek")).to_contain_text(ui("Locked", exact=False))
    assert MatchingRun.objects.filter(intake=intake).count() == 2

    # She confirms all three pairs: each mentor is asked by e-mail.
    for checkbox in page.locator("table.matching-pairs").get_by_role("checkbox").all():
        checkbox.check()
    page.get_by_role("button", name=ui("Propose the selected pairs")).click()
    expect(pair_row(page, "Lina Berg")).to_contain_text(ui("Proposed", exact=False))
    assert Mentorship.objects.filter(status=MentorshipStatus.PROPOSED).count() == 3
    assert OutboxMessage.objects.filter(to=["maja@example.org"]).count() == 2
    axe_check(page)

    # Maja declines Bo, saying why, and accepts Lina.
    mentor_page = new_page()
    sign_in(mentor_page, live_server, "/en/mentor/", maja.user)
    proposals = mentor_page.get_by_role("article")
    expect(proposals).to_have_count(2)
    axe_check(mentor_page)
    bo_proposal = proposals.filter(has_text="Möbelsnickeri på Hisingen")
    bo_proposal.get_by_role("textbox").fill(DECLINE_REASON)
    bo_proposal.get_by_role("button", name=re.compile(r"^(?:Decline|Avböj)")).click()
    expect(mentor_page.get_by_role("article")).to_have_count(1)
    mentor_page.get_by_role("button", name=re.compile(r"^(?:Accept|Tacka ja|Acceptera)")).click()
    expect(mentor_page.get_by_role("article")).to_have_count(0)
    expect(mentor_page.get_by_role("region", name=ui("Your mentees"))).to_contain_text("Lina Berg")
    axe_check(mentor_page)

    # Lina is introduced by e-mail and finds Maja, with her contact details, on her page.
    (introduction,) = [
        message
        for message in OutboxMessage.objects.filter(to=["lina@example.org"])
        if message.headers.get("X-Portal-Event") == "started"
    ]
    assert "maja@example.org" in introduction.body
    participant_page = new_page()
    sign_in(participant_page, live_server, "/en/my/", cohort["lina"].applicant)
    expect(participant_page.get_by_role("main")).to_contain_text("Maja Holm")
    expect(participant_page.get_by_role("main")).to_contain_text("070-111 22 33")
    axe_check(participant_page)

    # The coordinator sees the decline with its reason; the next run leaves Bo and Maja apart.
    page.goto(f"{live_server.url}{board}")
    declined = page.get_by_role("region", name=ui("Declined and returned proposals"))
    expect(declined).to_contain_text("Bo Lund")
    expect(declined).to_contain_text(DECLINE_REASON)
    page.get_by_role("button", name=ui("Run again (locks kept)")).click()
    expect(page.locator("table.matching-pairs tbody tr")).to_have_count(0)
    assert not Mentorship.objects.filter(participant=cohort["bo"], status=MentorshipStatus.PROPOSED).exists()


def test_board_shows_progress_of_a_queued_run_and_the_result_when_it_is_done(
    page, live_server, cohort, axe_check
):
    from django.utils import timezone

    intake = cohort["intake"]
    coordinator = factories.coordinator_user()
    run = MatchingRun.objects.create(
        intake=intake,
        started_by=coordinator,
        created_at=timezone.now(),
        state=MatchingRun.State.RUNNING,
        progress=40,
        participants_count=3,
        mentors_count=2,
    )
    board = f"/en/coordinator/intakes/{intake.pk}/matching/"

    sign_in(page, live_server, board, coordinator)
    expect(page.locator("progress")).to_have_attribute("value", "40")
    axe_check(page)

    # The worker finishes; the page notices by itself and shows the pairs.
    lina, maja = cohort["lina"], cohort["maja"]
    MatchingRun.objects.filter(pk=run.pk).update(
        state=MatchingRun.State.DONE,
        progress=100,
        finished_at=timezone.now(),
        total_score=7.0,
        pairs=[
            {
                "participant": lina.pk,
                "mentor": maja.pk,
                "score": 7.0,
                "locked": False,
                "reasons": [["same_sector", {"sector": MANUFACTURING}]],
            }
        ],
    )
    expect(page.locator("table.matching-pairs tbody tr")).to_have_count(1, timeout=8_000)
    expect(page.locator("progress")).to_have_count(0)


def test_coordinator_chooses_another_mentor_on_a_page_of_their_own(page, live_server, cohort, axe_check):
    intake = cohort["intake"]
    board = f"/en/coordinator/intakes/{intake.pk}/matching/"
    sign_in(page, live_server, board, factories.coordinator_user())
    page.get_by_role("button", name=ui("Run matching")).click()
    expect(page.locator("table.matching-pairs tbody tr")).to_have_count(3)
    sara = factories.MentorProfileFactory(user__first_name="Sara", user__last_name="Nilsson", capacity=1)

    # The board lists no mentors on the rows: a link per pair leads to the choice.
    expect(page.locator("table.matching-pairs select")).to_have_count(0)
    pair_row(page, "Bo Lund").get_by_role("link", name=ui("Choose another mentor", exact=False)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bo Lund")
    axe_check(page)
    search = page.get_by_role("search", name=ui("Search mentors"))
    search.get_by_role("textbox").fill("Nilsson")
    search.get_by_role("button").click()
    mentors = page.get_by_test_id("swap-mentors").locator("tbody tr")
    expect(mentors).to_have_count(1)
    mentors.get_by_role("button", name=re.compile("Sara Nilsson")).click()

    # Back on the board: Bo is locked to Sara, and the next run keeps the pair.
    expect(page).to_have_url(re.compile(rf"/coordinator/intakes/{intake.pk}/matching/$"))
    expect(page.get_by_role("status").first).to_contain_text("Sara Nilsson")
    assert MatchingChoice.objects.get(participant=cohort["bo"]).mentor == sara
