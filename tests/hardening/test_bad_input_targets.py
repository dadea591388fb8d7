"""Generated bad input on the programme targets' form in the administration, with its period.

The promises of `test_bad_input` (its module says which), held the Wagtail admin's way: never a
server error; every error on a field (Wagtail shows it in the field's own error box, tied to the
input by `aria-describedby`, not by the site's `<id>_error`), with what was typed kept; nothing
stored by a rejected form. A period given by halves or backwards is an error on a date field, never
a database constraint's error.
"""

import re

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils.html import escape
from hypothesis import example, given

from mentoring.models import ProgrammeTargets
from tests import factories
from tests.hardening.test_bad_input import MISSING, breakages, broken

FIELDS = ["participants", "women", "employed", "job_seekers", "women_share_aim", "starts_on", "ends_on"]


@pytest.fixture
def coordinator(site_tree):
    return factories.coordinator_user(first_name="Karin")


@given(breaks=breakages(FIELDS))
@example(breaks={"starts_on": "2028-01-01"})
@example(breaks={"ends_on": ""})
@example(breaks={"starts_on": MISSING, "ends_on": MISSING})
# Found by a random run: a date posted twice, both empty, is nothing typed (the test took the list for text).
@example(breaks={"job_seekers": MISSING, "starts_on": MISSING, "ends_on": ["", ""]})
# Found by a random run: a share over 100 was refused by the database's rule, above the form.
@example(breaks={"employed": MISSING, "women_share_aim": "١٩٨٥"})
def test_programme_targets_survive_bad_input(client, site_tree, coordinator, breaks):
    valid = {
        "programme": str(site_tree.programme.pk),
        "participants": "3500",
        "women": "1000",
        "employed": "2500",
        "job_seekers": "1000",
        "women_share_aim": "40",
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
    }
    data = broken(valid, breaks)
    cache.clear()
    client.force_login(coordinator)
    with transaction.atomic():
        response = client.post(reverse("programme_targets:add"), data)
        assert response.status_code < 500
        stored = list(ProgrammeTargets.objects.all())
        if response.status_code == 302:
            assert len(stored) == 1
            stored[0].full_clean()
        else:
            form = response.context["form"]
            assert form.errors and set(form.errors) <= set(form.fields), dict(form.errors)
            html = response.content.decode()
            for name, messages in form.errors.items():
                assert re.search(
                    rf'aria-describedby="[^"]*-errors[^"]*"[^>]*name="{name}"', html
                ) or re.search(rf'name="{name}"[^>]*aria-describedby="[^"]*-errors', html), (
                    f"the error of {name!r} is not tied to its input"
                )
                for message in messages:
                    assert escape(message) in html, f"the error {message!r} of {name!r} is not shown"
            for name in {"starts_on", "ends_on"} - set(form.errors):
                typed = data.get(name)
                if isinstance(typed, list):  # a field posted twice: the form reads the last one
                    typed = typed[-1] if typed else ""
                if typed:
                    assert escape(typed) in html, f"what was typed in {name!r} is lost"
            assert stored == [], "a rejected form stored targets"
        transaction.set_rollback(True)
