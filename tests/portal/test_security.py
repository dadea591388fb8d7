"""What an attacker or a careless click meets: account changes that skip verification, guessing passwords."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from portal import roles
from tests import factories

pytestmark = pytest.mark.django_db


# --- Wagtail's account page --------------------------------------------------------------------


def test_wagtail_account_page_offers_no_email_or_password_fields(client):
    client.force_login(factories.user_with_role(roles.EDITORS))

    response = client.get("/cms/account/")

    assert response.status_code == 200
    assertNotContains(response, 'name="name_email-email"')
    assertNotContains(response, 'name="password-new_password1"')
    assertNotContains(response, 'name="password-old_password"')


def test_wagtail_account_page_does_not_change_email(client):
    editor = factories.user_with_role(roles.EDITORS, email="editor@example.org")
    client.force_login(editor)
    form = {
        "name_email-first_name": "Alva",
        "name_email-last_name": "Redaktör",
        "name_email-email": "someone.else@example.org",
        "locale-preferred_language": "sv",
        "locale-current_time_zone": "Europe/Stockholm",
        "theme-theme": "system",
        "theme-contrast": "system",
        "theme-density": "default",
    }

    response = client.post("/cms/account/", form)

    assert response.status_code == 302  # the rest of the form was saved
    editor.refresh_from_db()
    assert (editor.last_name, editor.email) == ("Redaktör", "editor@example.org")
