"""Journey 2: a coordinator screens the applications to an intake, scores one and accepts it.

The coordinator works on the English site; the applicant reads her decision on
the Swedish one (the default), where locators accept the Swedish or the English
text while the Swedish catalogue may lack the mentoring pages' texts.
"""

import re

import pytest
from playwright.sync_api import expect

from mentoring.applications.workflow import Status
from mentoring.core.choices import Municipality
from mentoring.models import Application
from portal.models import OutboxMessage
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

IDEA_TITLE = "Elcykelservice i Mölndal"
REASON = "En genomtänkt idé med tydliga kunder, och ett stort behov av stöd med finansieringen."
ACCEPTED = re.compile(r"^\s*(?:antagen|godkänd|beviljad|accepterad|accepted)\s*$", re.I)
# Applications in the queue: (idea title, municipality, last name) — two of them from Mölndal.
OTHERS = [
    ("Kafé vid Mölndals kvarnby", Municipality.MOLNDAL, "Holm"),
    ("Elektriker för villaägare", Municipality.GOTEBORG, "Nilsson"),
    ("Redovisningsbyrå för hantverkare", Municipality.GOTEBORG, "Ek"),
    ("Båtvarv på Tjörn", Municipality.TJORN, "Strand"),
]


def test_coordinator_scores_and_accepts_and_applicant_sees_the_decision(
    page, new_page, live_server, site_tree, axe_check, mail_via_outbox
):
    intake = factories.IntakeFactory(programme=site_tree.programme)
    lina = factories.ApplicantFactory(
        email="lina.berg@example.org",
        first_name="Lina",
        last_name="Berg",
        profile__municipality=Municipality.MOLNDAL,
    )
    known = factories.ApplicationFactory(
        intake=intake, applicant=lina, idea_title=IDEA_TITLE, status=Status.SUBMITTED
    )
    for title, municipality, last_name in OTHERS:
        applicant = factories.ApplicantFactory(last_name=last_name, profile__municipality=municipality)
        factories.ApplicationFactory(
            intake=intake, applicant=applicant, idea_title=title, status=Status.SUBMITTED
        )
    coordinator = factories.coordinator_user(first_name="Cecilia", last_name="Samordnare")

    # The coordinator opens the intake's review queue (English site) and signs in on the way.
    queue_path = f"/en/coordinator/intakes/{intake.pk}/"
    sign_in(page, live_server, queue_path, coordinator)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Review queue: {intake.title}")
    queue = page.get_by_role("table", name=re.compile(r"^Applications to"))
    expect(queue.get_by_role("rowheader")).to_have_count(5)
    queue_status = page.get_by_role("status").filter(has_text="in your queue")
    expect(queue_status).to_contain_text("5 applications in your queue.")
    axe_check(page)

    # Filter by municipality: the two from Mölndal.
    filters = page.get_by_role("search", name="Filter and sort")
    filters.get_by_label("Municipality").select_option(label="Mölndal")
    filters.get_by_role("button", name="Show applications").click()
    expect(page).to_have_url(re.compile(r"[?&]municipality=molndal"))
    expect(queue.get_by_role("rowheader")).to_have_count(2)
    expect(queue.get_by_role("link", name=IDEA_TITLE, exact=True)).to_be_visible()
    expect(queue.get_by_role("link", name=OTHERS[0][0], exact=True)).to_be_visible()
    expect(queue_status).to_contain_text("2 applications in your queue. Filters are applied.")

    # …and search within them, by the applicant's surname.
    expect(filters.get_by_label("Municipality")).to_have_value("molndal")
    filters.get_by_label("Search").fill("berg")
    filters.get_by_role("button", name="Show applications").click()
    expect(queue.get_by_role("rowheader")).to_have_count(1)
    expect(queue.get_by_role("link", name=IDEA_TITLE, exact=True)).to_be_visible()
    expect(filters.get_by_label("Search")).to_have_value("berg")
    axe_check(page)

    # She opens the application and reads it.
    queue.get_by_role("link", name=IDEA_TITLE, exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/en/coordinator/applications/{known.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(IDEA_TITLE)
    applicant_section = page.get_by_role("region", name="Applicant")
    expect(applicant_section).to_contain_text("Lina Berg")
    expect(applicant_section).to_contain_text("Mölndal")
    axe_check(page)

    # She scores it against the rubric and saves her review.
    review = page.get_by_role("region", name="Your review")
    for criterion, score in (
        ("Viability of the idea", "4 – good"),
        ("Motivation", "5 – very good"),
        ("Need for support", "5 – very good"),
        ("Fit with the programme", "3 – fair"),
    ):
        review.get_by_role("group", name=re.compile(rf"^{criterion} \(weight \d+\)")).get_by_role(
            "radio", name=score
        ).check()
    review.get_by_label("Comment").fill("Stark motivation; behöver hjälp med finansiering och kalkyl.")
    review.get_by_role("button", name="Save my review").click()
    expect(page.get_by_text("Your review is saved.")).to_be_visible()
    reviews = page.get_by_role("region", name="Reviews", exact=True)
    my_row = reviews.get_by_role("row", name=re.compile(r"Cecilia Samordnare"))
    # (4·3 + 5·2 + 5·2 + 3·1) / 8
    expect(my_row).to_contain_text("4.38")
    expect(page.get_by_role("complementary", name="Summary")).to_contain_text("4.38")
    # The form keeps her scores, to change rather than retype.
    expect(
        page.get_by_role("region", name="Your review")
        .get_by_role("group", name=re.compile(r"^Motivation"))
        .get_by_role("radio", name="5 – very good")
    ).to_be_checked()
    axe_check(page)

    # She accepts it, with a reason for the applicant.
    decision = page.get_by_role("region", name="Decision")
    decision.get_by_label("Reason for the applicant").fill(REASON)
    decision.get_by_role("button", name="Accept", exact=True).click()
    expect(page.get_by_text(re.compile(r"^Decision recorded: Accepted\."))).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accepted")
    history = page.get_by_role("region", name="Status history")
    expect(history.get_by_role("row", name=re.compile(r"Accepted.*Cecilia Samordnare"))).to_be_visible()
    axe_check(page)

    # The applicant is told by e-mail, with the reason, through the outbox.
    known.refresh_from_db()
    assert (known.status, known.decision_reason) == (Status.ACCEPTED, REASON)
    decision_mail = OutboxMessage.objects.filter(to=[lina.email], body__contains=REASON).get()
    assert decision_mail.status == OutboxMessage.Status.SENT
    assert intake.title in decision_mail.subject
    assert not OutboxMessage.objects.filter(body__contains=REASON).exclude(to=[lina.email]).exists()

    # She signs in (Swedish site) and sees the decision and the reason on her dashboard.
    applicant_page = new_page()
    sign_in(applicant_page, live_server, "/my/", lina)
    entry = applicant_page.get_by_role("region", name=IDEA_TITLE)
    expect(entry.locator(".badge")).to_have_text(ACCEPTED)
    expect(entry.get_by_role("listitem").filter(has_text=REASON).locator("strong")).to_have_text(ACCEPTED)
    axe_check(applicant_page)
    # The other applicants' applications are untouched.
    assert set(Application.objects.exclude(pk=known.pk).values_list("status", flat=True)) == {
        Status.SUBMITTED
    }
