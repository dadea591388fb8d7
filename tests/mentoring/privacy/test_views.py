"""A person's own data through the site: she proves it is her before it is handed over or erased."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from mentoring.models import ErasureRequest
from portal.models import User
from portal.settings import base
from tests import factories

pytestmark = pytest.mark.django_db

ERASE = reverse("mentoring:personal_data_erase")
DOWNLOAD = reverse("mentoring:personal_data_download")
REAUTHENTICATE = reverse("account_reauthenticate")


@pytest.fixture
def person(client):
    person = factories.ApplicantFactory()
    client.force_login(person)
    return person


def reauthenticate(client, *, next_url: str, password: str = factories.PASSWORD):
    return client.post(REAUTHENTICATE, {"password": password, "next": next_url})


def current_code(secret: str) -> str:
    import time

    from allauth.mfa import app_settings

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


@pytest.mark.parametrize("method", ["get", "post"])
def test_erase_view_asks_her_to_reauthenticate_first(client, person, method):
    response = getattr(client, method)(ERASE)

    assertRedirects(response, f"{REAUTHENTICATE}?next=%2Faccount%2Ferase%2F", fetch_redirect_response=False)
    assert User.objects.get(pk=person.pk).is_active
    assert not ErasureRequest.objects.exists()


def test_erase_view_after_reauthentication_brings_her_back_to_the_confirmation(client, person):
    response = reauthenticate(client, next_url=ERASE)

    assertRedirects(response, ERASE, fetch_redirect_response=False)
    confirmation = client.get(ERASE)
    assert confirmation.status_code == 200
    assert confirmation.templates[0].name == "mentoring/privacy/erase.html"
    assert 'type="password"' not in confirmation.content.decode()  # asked once, by allauth
    assert User.objects.get(pk=person.pk).is_active


def test_erase_view_erases_and_signs_out(client, person):
    reauthenticate(client, next_url=ERASE)

    response = client.post(ERASE)

    assert response.status_code == 200
    assert not User.objects.filter(pk=person.pk, is_active=True).exists()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("account_home")).status_code == 302


def test_erase_view_keeps_a_confirmation_sent_before_she_reauthenticated(client, person):
    """Sent when her proof has lapsed (a page left open): allauth keeps it, then sends it on."""
    client.post(ERASE)

    response = reauthenticate(client, next_url=ERASE)

    assert response.status_code == 200
    assert response.templates[0].name == "mentoring/privacy/erased.html"
    assert not User.objects.filter(pk=person.pk, is_active=True).exists()


def test_erase_view_refuses_a_wrong_password(client, person):
    response = reauthenticate(client, next_url=ERASE, password="not-my-password")

    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    assertRedirects(
        client.get(ERASE), f"{REAUTHENTICATE}?next=%2Faccount%2Ferase%2F", fetch_redirect_response=False
    )


def test_erase_view_password_guessing_is_stopped_by_the_rate_limit(client, person, settings):
    """Twenty wrong passwords in a few seconds: the limit stops the guessing, the right one too."""
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    answers = [reauthenticate(client, next_url=ERASE, password=f"guess-{n}").status_code for n in range(20)]

    response = reauthenticate(client, next_url=ERASE)

    assert answers[:10] == [200] * 10 and set(answers[10:]) == {429}
    assert response.status_code == 429
    assertContains(response, "För många försök", status_code=429)  # the site's own page, in Swedish
    assertRedirects(
        client.get(ERASE), f"{REAUTHENTICATE}?next=%2Faccount%2Ferase%2F", fetch_redirect_response=False
    )
    assert User.objects.get(pk=person.pk).is_active


def test_erase_view_asks_for_the_second_factor_where_she_has_one(client, person):
    secret = generate_totp_secret()
    TOTP.activate(person, secret)
    mfa_reauthenticate = reverse("mfa_reauthenticate")

    assertRedirects(
        client.get(ERASE), f"{mfa_reauthenticate}?next=%2Faccount%2Ferase%2F", fetch_redirect_response=False
    )
    # Her password alone is not offered.
    password_page = client.get(f"{REAUTHENTICATE}?next=%2Faccount%2Ferase%2F")
    assertRedirects(
        password_page, f"{mfa_reauthenticate}?next=%2Faccount%2Ferase%2F", fetch_redirect_response=False
    )
    assert reauthenticate(client, next_url=ERASE).status_code == 302
    assert client.get(ERASE).status_code == 302

    response = client.post(mfa_reauthenticate, {"code": current_code(secret), "next": ERASE})

    assertRedirects(response, ERASE, fetch_redirect_response=False)
    assert client.get(ERASE).status_code == 200


def test_download_view_asks_her_to_reauthenticate_first(client, person):
    response = client.get(DOWNLOAD)

    assertRedirects(response, f"{REAUTHENTICATE}?next=%2Faccount%2Fdata%2F", fetch_redirect_response=False)


def test_download_view_downloads_after_reauthentication(client, person):
    assertRedirects(reauthenticate(client, next_url=DOWNLOAD), DOWNLOAD, fetch_redirect_response=False)

    response = client.get(DOWNLOAD)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
