"""Generated bad input on the account forms a signed-in person posts (allauth): adding or
changing an e-mail address, changing the password, confirming it is really them, and the
second factor (activating, using and removing an authenticator app, new recovery codes).

The same search and promises as `test_bad_input` (its module says which). Pages that
ask for the password again first get it in `before` (a real request, as a person would),
so each example reaches the form itself.
"""

import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, TOTP, format_hotp_value, hotp_value
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from portal.models import User
from tests import factories
from tests.hardening.test_bad_input import PASSWORD, FormCase, check_generated

# A fixed base32 secret, so a test can work out the code an authenticator app shows now.
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NEW_PASSWORD = "Ljus-Kvarn-Hav-43"


def code_now() -> str:
    """The six digits an authenticator app holding SECRET shows at this moment (RFC 6238, 30 s)."""
    return format_hotp_value(hotp_value(SECRET, int(time.time()) // 30))


def confirm_password(client) -> None:
    """Say the password again, as allauth asks before a change to how one signs in."""
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


def confirm_with_the_app(client) -> None:
    """Prove again that it is her with the app's code: with a second factor she is asked for that alone."""
    client.post(reverse("mfa_reauthenticate"), {"code": code_now()})


@pytest.fixture
def person(site_tree):
    return factories.verified_user(email="alva@example.org")


@pytest.fixture
def with_app(person):
    """Alva with an authenticator app (the fixed secret) as her second factor."""
    TOTP.activate(person, SECRET)
    return person


@given(data=st.data())
def test_email_add_survives_bad_input(client, person, data):
    case = FormCase(
        url=reverse("account_email"),
        valid={"email": "alva.berg@example.org", "action_add": ""},
        stored=[EmailAddress],
        # Without the name of its button the page does nothing and shows itself again.
        expect_stored=False,
        log_in=person,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_email_choice_survives_bad_input(client, person, data):
    # The buttons beside an address (make primary, send the link again, remove) name it in `email`.
    case = FormCase(
        url=reverse("account_email"),
        valid={"email": person.email, "action_send": ""},
        stored=[EmailAddress],
        expect_stored=False,
        log_in=person,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_password_change_survives_bad_input(client, person, data):
    case = FormCase(
        url=reverse("account_change_password"),
        valid={"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        stored=[User],
        log_in=person,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_password_confirmation_survives_bad_input(client, person, data):
    case = FormCase(
        url=reverse("account_reauthenticate"),
        valid={"password": PASSWORD},
        # Only the session remembers it.
        expect_stored=False,
        log_in=person,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_totp_activation_survives_bad_input(client, person, data):
    case = FormCase(
        url=reverse("mfa_activate_totp"),
        valid={"code": code_now()},
        stored=[Authenticator],
        log_in=person,
        # The secret the page showed (and the app was given) is kept in the session.
        session={SECRET_SESSION_KEY: SECRET},
        before=confirm_password,
    )
    check_generated(client, case, data)


def sign_in_with_password(user):
    def sign_in(client) -> None:
        client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    return sign_in


@given(data=st.data())
def test_second_factor_at_sign_in_survives_bad_input(client, with_app, data):
    case = FormCase(
        url=reverse("mfa_authenticate"),
        valid={"code": code_now()},
        stored=[Authenticator],
        # Signing in stores only when the code was last used.
        expect_stored=False,
        # Signed out: the password is given first, then the page asks for the code.
        before=sign_in_with_password(with_app),
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_second_factor_confirmation_survives_bad_input(client, with_app, data):
    case = FormCase(
        url=reverse("mfa_reauthenticate"),
        valid={"code": code_now()},
        stored=[Authenticator],
        expect_stored=False,
        log_in=with_app,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_totp_removal_survives_bad_input(client, with_app, data):
    case = FormCase(
        url=reverse("mfa_deactivate_totp"),
        valid={},
        stored=[Authenticator],
        log_in=with_app,
        before=confirm_with_the_app,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_recovery_codes_generation_survives_bad_input(client, with_app, data):
    case = FormCase(
        url=reverse("mfa_generate_recovery_codes"),
        valid={},
        stored=[Authenticator],
        log_in=with_app,
        before=confirm_with_the_app,
    )
    check_generated(client, case, data)
