"""What an attacker or a careless click meets: account changes that skip verification, guessing passwords."""

import pytest
from django.urls import reverse
from django.utils import translation
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


# --- Guessing passwords ------------------------------------------------------------------------


def test_sign_in_refused_after_three_failed_attempts(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/ip"}
    user = factories.verified_user()
    with translation.override("en"):
        login_url = reverse("account_login")
    for _attempt in range(3):
        response = client.post(login_url, {"login": user.email, "password": "wrong-guess-1234"})
        assertNotContains(response, "Too many failed login attempts")

    # Even the right password is refused now: the limit stops guessing, not only wrong guesses.
    response = client.post(login_url, {"login": user.email, "password": factories.PASSWORD})

    # allauth answers with the sign-in form again, carrying the rate-limit message as its error.
    assertContains(response, "Too many failed login attempts")
    assert client.session.get("_auth_user_id") is None
