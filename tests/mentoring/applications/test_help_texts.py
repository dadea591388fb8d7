"""Help that names a button names one the page has: each quoted name in a form page's help, in sv and en."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from mentoring.applications.views.applicant import ELIGIBLE_SESSION_KEY
from mentoring.models.application import Step
from tests import factories

LANGUAGES = ["sv", "en"]
# Where a page explains itself: a field's help, the lead under the heading, small print beside the buttons.
HELP = ".field__help, .lead, .meta, .hint"
# A phrase in any of the quotation marks either language uses: „…”, ”…”, “…”, "…".
QUOTED = re.compile(r"[„”“\"]([^„”“\"]+)[”“\"]")
# A quote that follows these words is an example of an answer, not the name of a control.
EXAMPLE = re.compile(r"(for example|till exempel)\s*$", re.IGNORECASE)
# What a person can press or choose by its name: buttons, links, the labels of fields and choices.
CONTROLS = "button, a, label, option, input[type=submit]"


def _text(element) -> str:
    for hidden in element.select(".visually-hidden"):
        hidden.decompose()
    text = element.get("value", "") if element.name == "input" else element.get_text(" ")
    return " ".join(text.replace("→", "").split())


def quoted_names(html: str) -> list[str]:
    """Every phrase the page's help puts in quotes, except examples of an answer."""
    soup = BeautifulSoup(html, "html.parser")
    names = []
    for element in soup.select(f"main {HELP}"):
        text = " ".join(element.get_text(" ").split())
        names += [m.group(1).strip() for m in QUOTED.finditer(text) if not EXAMPLE.search(text[: m.start()])]
    return names


def control_names(html: str) -> set[str]:
    soup = BeautifulSoup(html, "html.parser")
    return {_text(element) for element in soup.select(f"main {CONTROLS}")}


def _in(language: str, name: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _form_pages(client, draft, language: str) -> list[str]:
    """The HTML of the applicant's form pages: the profile of someone new, then each page of `draft`."""
    newcomer = factories.verified_user()
    client.force_login(newcomer)
    session = client.session
    session[ELIGIBLE_SESSION_KEY] = {str(draft.intake.pk): {}}
    session.save()
    pages = [client.get(_in(language, "mentoring:profile", draft.intake.pk))]
    client.force_login(draft.applicant)
    pages += [client.get(_in(language, "mentoring:application_step", draft.pk, step.value)) for step in Step]
    pages.append(client.get(_in(language, "mentoring:application_withdraw", draft.pk)))
    assert [page.status_code for page in pages] == [200] * len(pages)
    return [page.content.decode() for page in pages]


def test_quoted_names_finds_every_quote_mark_and_skips_examples():
    html = (
        '<main><p class="meta">Välj „Spara” eller ”Skicka” eller “Send” or "Go".</p>'
        '<div class="field__help">Ett arbetsnamn går bra, till exempel ”Cykel AB”.</div>'
        "<p>”Not help”</p></main>"
    )
    assert quoted_names(html) == ["Spara", "Skicka", "Send", "Go"]


def test_control_names_reads_what_a_person_sees():
    html = '<main><button>Spara <span class="visually-hidden">– idé</span></button><a>Ansök →</a></main>'
    assert control_names(html) == {"Spara", "Ansök"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_page_help_names_only_buttons_the_page_has(client, draft, language):
    checked = 0
    for html in _form_pages(client, draft, language):
        controls = control_names(html)
        for quoted in quoted_names(html):
            assert quoted in controls, f"({language}) the help names “{quoted}”, the page has no such control"
            checked += 1
    # The profile's "Prefer not to say" and each step's "Save and leave" (the review step has none).
    assert checked >= len(Step)
