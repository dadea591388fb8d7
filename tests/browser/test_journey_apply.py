"""Journey 1: a founder finds the programme, applies, leaves half way, comes back the next day and submits.

The whole journey runs on the Swedish site (the default language). The mentoring
pages' texts may not be in the Swedish catalogue yet, so every locator accepts
the Swedish text or the English source text.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from mentoring.applications.workflow import Status
from mentoring.models import ApplicantProfile, Application, StatusChange
from portal.models import OutboxMessage
from tests import factories
from tests.browser.conftest import TIMEOUT_MS, follow
from tests.browser.conftest import sign_in as sign_in_as

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL = "lina.berg@example.org"
PASSWORD = "Mölndal-verkstad-2026"
IDEA_TITLE = "Elcykelservice i Mölndal"
INVALID_ORGNR = "556036-0794"  # the check digit of 556036-079_ is 3
VALID_ORGNR = "556036-0793"
PLAN_NAME = "affarsplan.pdf"
# The smallest thing the portal takes for a PDF: it judges the content, not the name.
PLAN_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


def either(*texts: str, exact: bool = True) -> re.Pattern:
    """The Swedish or the English wording (regex fragments), case-insensitive; whole text when `exact`."""
    alternatives = "|".join(texts)
    return re.compile(rf"^\s*(?:{alternatives})\s*$" if exact else rf"(?:{alternatives})", re.I)


def ui(msgid: str, *, exact: bool = True) -> re.Pattern:
    """The text a person sees for `msgid`: its Swedish translation from the catalogue, or the English."""
    with translation.override("sv"):
        swedish = gettext(msgid)
    return either(re.escape(swedish), re.escape(msgid), exact=exact)


# allauth's pages (translated by allauth) and the site's own.
EMAIL_LABEL = either("e-?post", "e-?mail", exact=False)
PASSWORD_LABEL = either("^lösenord$", "^password$", exact=False)
PASSWORD_AGAIN_LABEL = either("lösenord \\(igen\\)", "password \\(again\\)", exact=False)
SIGN_IN = either("logga in", "sign in")
SIGN_UP = either("registrera", "skapa konto", "sign up")
SIGN_UP_LINK = either("skapa ett konto", "registrera", "sign up", exact=False)
SIGN_OUT = either("logga ut", "sign out")
CONFIRM = either("bekräfta", "confirm")
# The application's pages.
APPLY = either("ansök", "apply", exact=False)
CONTINUE = either("fortsätt", "continue")
CREATE_ACCOUNT = ui("Create an account")
YOU_CAN_APPLY = ui("You can apply")
SELF_EMPLOYED = ui("Self-employed")
SAVE_AND_CONTINUE = ui("Save and continue")
SAVE_AND_LEAVE = ui("Save and leave")
START_APPLICATION = ui("Save and start the application")
SUBMIT = ui("Submit the application")
CONTINUE_DRAFT = ui("Continue your draft", exact=False)
DRAFT = ui("Draft")
SUBMITTED = ui("Submitted")
READ_APPLICATION = ui("Read your application", exact=False)
DOWNLOAD_PLAN = ui("Download your business plan")
CURRENT_STEP = "[aria-current=step]"


def label(*texts: str) -> re.Pattern:
    """A form label that starts with one of `texts` (a label may end in "(optional)")."""
    return re.compile(rf"^\s*(?:{'|'.join(texts)})", re.I)


def outbox_to(address: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(to=[address]).order_by("pk"))


def sign_in(page, live_server, path: str = "/my/") -> None:
    page.goto(f"{live_server.url}{path}")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label(EMAIL_LABEL).fill(EMAIL)
    page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    page.get_by_role("button", name=SIGN_IN).click()
    expect(page).to_have_url(f"{live_server.url}{path}")


@pytest.fixture
def new_page(chromium, db, live_server):
    """`new_page()`: a tab in a browser context of its own: the same person on another day, cookies gone."""
    contexts = []

    def make():
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def test_founder_applies_leaves_half_way_and_submits_next_day(
    page, new_page, live_server, site_tree, axe_check, mail_via_outbox
):
    # The women's programme: for women who want to start a business, or have just done so.
    intake = factories.IntakeFactory(
        programme=site_tree.programme,
        for_women=True,
        target_groups=["employed", "under_notice", "unemployed", "self_employed"],
        business_max_age_months=24,
    )
    # She registered her company ten months ago: she is the newly started founder the page speaks of.
    registered = timezone.localdate() - dt.timedelta(days=300)

    # The programme page offers "Apply" while the intake is open, and says who may apply from its rule.
    page.goto(f"{live_server.url}{site_tree.programme.url}")
    expect(page.get_by_role("heading", level=1, name=site_tree.programme.title)).to_be_visible()
    who = page.get_by_role("region", name=re.compile(re.escape(intake.title)))
    expect(who).to_contain_text(ui("The intake is for women.", exact=False))
    expect(who).to_contain_text(
        either(
            "egenföretagare, med ett företag som registrerades för mindre än 2 år sedan",
            "self-employed, with a business registered less than 2 years ago",
            exact=False,
        )
    )
    axe_check(page)
    page.get_by_role("main").get_by_role("link", name=APPLY).click()

    # The eligibility check, in Swedish: Mölndal, her own company, born 1984.
    expect(page).to_have_url(f"{live_server.url}/apply/{intake.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    axe_check(page)
    page.get_by_label(label("vilken kommun", "which municipality")).select_option(label="Mölndal")
    page.get_by_role("radio", name=SELF_EMPLOYED).check()
    page.get_by_label(label("när registrerades", "when was your business")).fill(registered.isoformat())
    page.get_by_label(label("födelseår", "vilket år", "year of birth")).fill("1984")
    page.get_by_role("button", name=CONTINUE).click()

    # She may apply: the page says so and what comes next, with both ways in side by side.
    expect(page.get_by_role("heading", level=1)).to_have_text(YOU_CAN_APPLY)
    axe_check(page)
    sign_in_link = page.get_by_role("main").get_by_role("link", name=SIGN_IN)
    expect(sign_in_link).to_have_attribute("href", re.compile(rf"next=%2Fapply%2F{intake.pk}%2Fprofile%2F"))
    # Nothing about her is stored yet: the answers wait in the session.
    assert not ApplicantProfile.objects.exists()
    page.get_by_role("main").get_by_role("link", name=CREATE_ACCOUNT).click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/\?next="))
    axe_check(page)
    page.get_by_label(EMAIL_LABEL).fill(EMAIL)
    page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    page.get_by_label(PASSWORD_AGAIN_LABEL).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name=SIGN_UP).click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    # The verification e-mail went through the outbox; she opens its link and confirms.
    (verification,) = outbox_to(EMAIL)
    assert verification.status == OutboxMessage.Status.SENT
    confirm_path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", verification.body).group(1)
    page.goto(f"{live_server.url}{confirm_path}")
    page.get_by_role("main").get_by_role("button", name=CONFIRM).click()

    # Signed in, back where she was going: her profile, once, with consent — and what the check
    # learnt already filled in, in the same words.
    expect(page).to_have_url(f"{live_server.url}/apply/{intake.pk}/profile/")
    axe_check(page)
    expect(page.get_by_label(label("kommun", "municipality"))).to_have_value("molndal")
    expect(page.get_by_label(label("födelseår", "year of birth"))).to_have_value("1984")
    expect(page.get_by_role("radio", name=SELF_EMPLOYED)).to_be_checked()
    expect(page.get_by_label(label("när registrerades", "when was your business"))).to_have_value(
        registered.isoformat()
    )
    page.get_by_label(label("förnamn", "first name")).fill("Lina")
    page.get_by_label(label("efternamn", "last name")).fill("Berg")
    page.get_by_label(label("telefon", "phone")).fill("070-765 43 21")
    page.get_by_role("radio", name=either("kvinna", "woman")).check()
    page.get_by_role(
        "radio", name=either("fordonsleverantör", "underleverantör.*", "automotive supplier")
    ).check()
    page.get_by_role("radio", name=label("gymnasi", "upper secondary")).check()
    page.get_by_role("checkbox", name=either("svenska", "swedish")).check()
    page.get_by_role("checkbox", name=either("arabiska", "arabic")).check()
    page.get_by_role("checkbox", name=label("jag (?:godkänner|samtycker)", "i agree")).check()
    page.get_by_role("button", name=START_APPLICATION).click()

    # Step 1: the idea.
    expect(page).to_have_url(re.compile(r"/application/\d+/idea/$"))
    expect(page.locator(CURRENT_STEP)).to_have_text(either("affärsidé", "business idea"))
    axe_check(page)
    page.get_by_label(label("vad heter", "what is your business idea called")).fill(IDEA_TITLE)
    page.get_by_label(label("beskriv", "describe")).fill(
        "Service och reparation av elcyklar, med hämtning och lämning på arbetsplatsen."
    )
    page.get_by_role("button", name=SAVE_AND_CONTINUE).click()

    # Step 2: market and stage; a registered company with a mistyped organisation number first.
    expect(page.locator(CURRENT_STEP)).to_have_text(
        either("marknad och (?:skede|fas|stadium)", "market and stage")
    )
    axe_check(page)
    page.get_by_label(label("vilken bransch", "inom vilken", "which sector")).select_option(value="S")
    page.get_by_label(label("marknad", "kunder", "market", "customers")).fill(
        "Pendlare på de stora arbetsplatserna i Mölndal och södra Göteborg."
    )
    page.get_by_role("radio", name=label("registrerat företag", "registered company")).check()
    orgnr = page.get_by_label(label("organisationsnummer", "organisation number"))
    orgnr.fill(INVALID_ORGNR)
    page.get_by_role("button", name=SAVE_AND_CONTINUE).click()

    expect(page).to_have_title(re.compile(r"^(?:Fel|Error):"))
    expect(orgnr).to_have_value(INVALID_ORGNR)
    expect(orgnr).to_have_attribute("aria-invalid", "true")
    error = page.locator(f"#{orgnr.get_attribute('id')}_error")
    expect(error).to_contain_text(either("organisationsnummer", "organisation number", exact=False))
    # Tied to the field: a screen reader reads the error with it.
    expect(orgnr).to_have_accessible_description(
        re.compile(r"(?:Fel|Error):.*(?:organisationsnummer|organisation number)", re.I)
    )
    # Nothing else she typed is lost either.
    expect(page.get_by_role("radio", name=label("registrerat företag", "registered company"))).to_be_checked()
    expect(page.get_by_label(label("marknad", "kunder", "market", "customers"))).to_have_value(
        re.compile("^Pendlare")
    )
    axe_check(page)
    # The help below the buttons names the button she is about to press, as the button reads.
    with translation.override("sv"):
        leave = gettext("Save and leave")
    expect(page.get_by_role("button", name=leave, exact=True)).to_be_visible()
    expect(page.get_by_role("main").locator("p.meta")).to_contain_text(f"”{leave}”")
    orgnr.fill(VALID_ORGNR)
    page.get_by_role("button", name=SAVE_AND_LEAVE).click()

    # Saved and left: the dashboard shows the draft; she signs out.
    expect(page).to_have_url(f"{live_server.url}/my/")
    draft = page.get_by_role("region", name=IDEA_TITLE)
    expect(draft.locator(".badge")).to_have_text(DRAFT)
    follow(page.get_by_role("button", name=SIGN_OUT))
    page.goto(f"{live_server.url}/my/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    application = Application.objects.get(applicant__email=EMAIL)
    assert (application.status, application.step, application.organisation_number) == (
        Status.DRAFT,
        "market",
        VALID_ORGNR,
    )

    # The next day, on another computer: she signs in and finds her draft.
    page = new_page()
    sign_in(page, live_server)
    axe_check(page)
    draft = page.get_by_role("region", name=IDEA_TITLE)
    expect(draft.locator(".badge")).to_have_text(DRAFT)
    draft.get_by_role("link", name=CONTINUE_DRAFT).click()

    # She resumes at the step she saved, with what she wrote there.
    expect(page).to_have_url(re.compile(rf"/application/{application.pk}/market/$"))
    expect(page.get_by_label(label("organisationsnummer", "organisation number"))).to_have_value(VALID_ORGNR)
    page.get_by_role("button", name=SAVE_AND_CONTINUE).click()

    # Step 3: support needs.
    expect(page.locator(CURRENT_STEP)).to_have_text(either("stödbehov", "behov av stöd", "support needs"))
    axe_check(page)
    page.get_by_role("checkbox", name=either("finansiering", "financing")).check()
    page.get_by_role("checkbox", name=either("marknadsföring och försäljning", "marketing and sales")).check()
    page.get_by_role("button", name=SAVE_AND_CONTINUE).click()

    # Step 4: mentor preferences.
    expect(page.locator(CURRENT_STEP)).to_have_text(
        either("önskemål om mentor", "mentorsönskemål", "mentor preferences")
    )
    axe_check(page)
    page.get_by_role("checkbox", name=either("svenska", "swedish")).check()
    page.get_by_role("radio", name=label("jag vill helst ha en kvinnlig", "i would prefer a woman")).check()
    page.get_by_role("radio", name=ui("Either")).check()
    page.get_by_role("button", name=SAVE_AND_CONTINUE).click()

    # Step 5: attachments — her business plan as a PDF.
    expect(page.locator(CURRENT_STEP)).to_have_text(either("bilagor", "attachments"))
    axe_check(page)
    page.get_by_label(label("affärsplan", "business plan")).set_input_files(
        {"name": PLAN_NAME, "mimeType": "application/pdf", "buffer": PLAN_PDF}
    )
    page.get_by_role("button", name=SAVE_AND_CONTINUE).click()

    # Step 6: she reads everything back and submits.
    expect(page.locator(CURRENT_STEP)).to_have_text(either("granska och skicka in", "review and submit"))
    axe_check(page)
    main = page.get_by_role("main")
    for answer in (IDEA_TITLE, VALID_ORGNR, PLAN_NAME):
        expect(main.get_by_text(answer, exact=True)).to_be_visible()
    page.get_by_role("button", name=SUBMIT).click()

    # The dashboard says it is submitted, and a receipt is on its way to her.
    expect(page).to_have_url(f"{live_server.url}/my/")
    submitted = page.get_by_role("region", name=IDEA_TITLE)
    expect(submitted.locator(".badge")).to_have_text(SUBMITTED)
    expect(submitted.get_by_role("link", name=CONTINUE_DRAFT)).to_have_count(0)
    axe_check(page)
    verification, receipt = outbox_to(EMAIL)
    assert receipt.status == OutboxMessage.Status.SENT
    assert IDEA_TITLE in receipt.subject + receipt.body
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.business_plan_name == PLAN_NAME

    # Later she reads what she sent: every answer, her plan to download, a page fit to print.
    submitted.get_by_role("link", name=READ_APPLICATION).click()
    expect(page).to_have_url(f"{live_server.url}/application/{application.pk}/read/")
    expect(page.get_by_role("heading", level=1, name=IDEA_TITLE)).to_be_visible()
    main = page.get_by_role("main")
    for answer in (
        VALID_ORGNR,
        PLAN_NAME,
        "Pendlare på de stora arbetsplatserna i Mölndal och södra Göteborg.",
    ):
        expect(main.get_by_text(answer, exact=True)).to_be_visible()
    axe_check(page)
    with page.expect_download() as download:
        main.get_by_role("link", name=DOWNLOAD_PLAN).click()
    assert download.value.suggested_filename == PLAN_NAME
    page.emulate_media(media="print")
    expect(page.locator(".site-menu")).to_be_hidden()
    expect(main.get_by_role("link", name=DOWNLOAD_PLAN)).to_be_hidden()
    expect(main.get_by_text(IDEA_TITLE, exact=True).first).to_be_visible()
    page.emulate_media(media="screen")

    # Nobody else can: another applicant guessing the address is told there is no such page.
    stranger = factories.ApplicantFactory()
    other = new_page()
    other.goto(f"{live_server.url}/my/")
    other.get_by_label(EMAIL_LABEL).fill(stranger.email)
    other.get_by_label(PASSWORD_LABEL).fill(factories.PASSWORD)
    other.get_by_role("button", name=SIGN_IN).click()
    expect(other).to_have_url(f"{live_server.url}/my/")
    response = other.goto(f"{live_server.url}/application/{application.pk}/read/")
    assert response.status == 404


def test_coordinator_sees_an_application_outside_the_target_groups_and_accepts_it_only_with_a_reason(
    page, live_server, site_tree, axe_check, mail_via_outbox
):
    intake = factories.IntakeFactory(programme=site_tree.programme, for_women=True)
    man = factories.ApplicantFactory(profile__gender="man")
    application = factories.ApplicationFactory(
        intake=intake, applicant=man, idea_title="Cykelkurirer i Mölndal", status=Status.SUBMITTED
    )
    factories.ApplicationFactory(intake=intake, idea_title="Syateljé i Kungälv", status=Status.SUBMITTED)
    coordinator = factories.coordinator_user()

    # The queue marks his application, and only his.
    sign_in_as(page, live_server, f"/en/coordinator/intakes/{intake.pk}/", coordinator)
    queue = page.get_by_role("table", name=re.compile(r"^Applications to"))
    marked = queue.get_by_role("row").filter(has_text="Outside the target groups")
    expect(marked).to_have_count(1)
    expect(marked).to_contain_text("Cykelkurirer i Mölndal")
    expect(marked).to_contain_text("Gender not stated as woman, in an intake for women")
    axe_check(page)

    # His page says why; accepting without a reason is refused beside the note, the reason kept.
    marked.get_by_role("link", name="Cykelkurirer i Mölndal").click()
    expect(page.locator("#outside-target-groups")).to_contain_text("outside the intake's target groups")
    axe_check(page)
    page.get_by_label("Reason for the applicant").fill("Välkommen till programmet!")
    page.get_by_role("button", name="Accept").click()
    note = page.get_by_label(re.compile(r"^\s*Internal note"))
    expect(note).to_have_attribute("aria-invalid", "true")
    expect(note).to_have_accessible_description(re.compile(r"Error:.*internal note", re.I))
    expect(page.get_by_label("Reason for the applicant")).to_have_value("Välkommen till programmet!")
    axe_check(page)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED

    # With a reason the decision is hers to take, and the reason stays in the history.
    note.fill("Non-binary applicant; agreed with the programme manager.")
    page.get_by_role("button", name="Accept").click()
    history = page.get_by_role("region", name="Status history")
    expect(history).to_contain_text("Non-binary applicant; agreed with the programme manager.")
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED
    assert StatusChange.objects.filter(
        application=application, to_status=Status.ACCEPTED, internal_note__startswith="Non-binary"
    ).exists()
