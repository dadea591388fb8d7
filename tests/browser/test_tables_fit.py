"""Tables fit their content on a laptop and scroll inside their own box on a phone.

The mentor's "your mentees" table has seven columns; in the text column it was cut off at
1280 px (since, last meeting and open goals out of sight, the phone number over three lines).
"""

import pytest
from playwright.sync_api import expect

from mentoring.applications.workflow import Status
from mentoring.mentorships.workflow import MentorshipStatus
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MEASURE = """(selector) => {
    const wrap = document.querySelector(selector);
    const phone = wrap.querySelector("a[href^='tel:']");
    return {
        wrap: wrap.clientWidth,
        table: wrap.scrollWidth,
        page: document.scrollingElement.scrollWidth,
        window: window.innerWidth,
        phoneLines: phone.getClientRects().length,
    };
}"""


@pytest.fixture
def mentor(site_tree):
    from django.utils import timezone

    applicant = factories.ApplicantFactory(
        email="lina.berg-johansson@example.org",
        profile__first_name="Lina",
        profile__last_name="Berg-Johansson",
        profile__phone="+46 70 123 45 67",
    )
    application = factories.ApplicationFactory(
        applicant=applicant, idea_title="Svetsverkstad för tunnplåt i Mölndal", status=Status.ACCEPTED
    )
    mentor = factories.MentorProfileFactory(user__email="maja@example.org", user__first_name="Maja")
    factories.MentorshipFactory(
        participant=application,
        mentor=mentor,
        status=MentorshipStatus.ACTIVE,
        proposed_at=timezone.now(),
        answered_at=timezone.now(),
    )
    return mentor.user


def test_mentees_table_fits_at_1280_and_scrolls_in_its_box_on_a_phone(page, live_server, mentor):
    sign_in(page, live_server, "/en/mentor/", mentor)
    table = page.get_by_role("region", name="Your mentees").locator(".table-wrap")
    expect(table).to_contain_text("Lina Berg-Johansson")

    laptop = page.evaluate(MEASURE, "#mentees-title ~ .table-wrap")
    assert laptop["table"] <= laptop["wrap"], "a column is out of sight at 1280 px"
    assert laptop["phoneLines"] == 1

    page.set_viewport_size({"width": 375, "height": 800})
    phone = page.evaluate(MEASURE, "#mentees-title ~ .table-wrap")
    assert phone["table"] > phone["wrap"], "on a phone the table scrolls inside its box"
    assert phone["page"] <= phone["window"], "the page itself never scrolls sideways"
