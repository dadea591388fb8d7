"""Generated bad input on the public form and address that check a course certificate's code.

Three promises, as for the other forms (tests/hardening/test_bad_input.py): never a server
error; a typed code that finds nothing is answered beside its field, with what was typed
kept in it; and nothing is stored. A fourth belongs to these pages alone: a text that cannot
be a code is answered exactly like a well-formed code nobody holds, so the answers teach a
robot nothing about which codes exist.
"""

from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from hypothesis import example, given
from hypothesis import strategies as st

from mentoring.models import Certificate
from tests.hardening.test_bad_input import long_text, short_text, wrong_type

pytestmark = pytest.mark.django_db

UNLIMITED = "100000/h"
UNKNOWN = (
    "No certificate has this code. Check it against the certificate: "
    "20 letters and digits, in groups of four."
)
WELL_FORMED_UNKNOWN = "ABCD-EFGH-JKMN-PQRS-TVWX"

typed_code = st.one_of(st.just(""), short_text, long_text, wrong_type)


def in_swedish(msgid: str) -> str:
    with translation.override("sv"):
        return gettext(msgid)


def _unlimited(settings) -> None:
    # Set once: each assignment to pytest-django's `settings` nests another override.
    if settings.CERTIFICATE_VERIFY_RATE_PER_CLIENT != UNLIMITED:
        settings.CERTIFICATE_VERIFY_RATE_PER_CLIENT = UNLIMITED


@given(code=st.one_of(typed_code, st.lists(short_text, min_size=2, max_size=4)))
@example(code="\x00")
@example(code="a" * 100_000)
@example(code=["ABCD", "\x00"])
def test_certificate_verify_form_survives_bad_input(client, site_tree, settings, code):
    _unlimited(settings)
    before = Certificate.objects.count()

    response = client.get(reverse("mentoring:certificate_verify"), {"code": code})

    page = response.content.decode()
    assert response.status_code in (400, 404)
    assert 'id="id_code_error"' in page and 'aria-invalid="true"' in page
    if response.status_code == 404:
        assert in_swedish(UNKNOWN) in page
    assert Certificate.objects.count() == before


@given(code=short_text.filter(lambda text: text.strip(" /") and "/" not in text))
@example(code="%00")
@example(code="abcd-efgh-jkmn-pqrs-tvwx-yz")
def test_certificate_verify_address_answers_a_malformed_code_like_an_unknown_one(
    client, site_tree, settings, code
):
    _unlimited(settings)
    unknown = client.get(reverse("mentoring:certificate_verify_code", args=[WELL_FORMED_UNKNOWN]))

    response = client.get("/certificates/" + quote(code, safe="") + "/")

    assert response.status_code == unknown.status_code == 404
    assert in_swedish(UNKNOWN) in response.content.decode()
    assert in_swedish("Holder") not in response.content.decode()
