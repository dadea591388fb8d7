"""Signing up, verifying, signing in, resetting a password, and who gets into which admin."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from portal import roles
from portal.models import OutboxMessage
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

EMAIL = "nora.hassan@example.org"


@pytest.fixture
def signed_up(client, mail_via_outbox, django_capture_on_commit_callbacks):
    """Nora has signed up; returns the verification e-mail as delivered."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"), {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD}
        )
    assert response.status_code == 302
    return OutboxMessage.objects.get(to=[EMAIL])


def sign_in(client, email=EMAIL, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_signup_sends_verification_email_through_outbox(signed_up):
    assert signed_up.status == OutboxMessage.Status.SENT
    assert signed_up.to == [EMAIL]
    assert signed_up.subject.startswith("[VästKraft] ")
    assert "/accounts/confirm-email/" in signed_up.body


def test_signup_email_greets_with_the_programme_name(signed_up):
    assert "VästKraft" in signed_up.body.splitlines()[0]
    assert "testserver!" not in signed_up.body


def test_signup_account_cannot_sign_in_before_verifying(client, signed_up):
    client.logout()

    response = sign_in(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert signed_in_user_id(client) is None


def test_signup_verified_account_can_sign_in(client, signed_up):
    confirm_path = re.search(r"https?://[^/]+(/accounts/confirm-email/\S+/)", signed_up.body).group(1)
    assert client.post(confirm_path).status_code == 302
    client.logout()

    response = sign_in(client)

    assert response["Location"] == reverse("account_home")
    assert signed_in_user_id(client) == str(factories.User.objects.get(email=EMAIL).pk)


def test_password_reset_sends_mail_with_reset_link(
    client, mail_via_outbox, django_capture_on_commit_callbacks
):
    user = factories.verified_user()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})

    message = OutboxMessage.objects.get()
    assert (message.to, message.status) == ([user.email], OutboxMessage.Status.SENT)
    assert "/accounts/password/reset/key/" in message.body


def test_role_groups_exist_after_migrations():
    names = set(Group.objects.values_list("name", flat=True))

    assert {roles.COORDINATORS, roles.MENTORS, roles.EDITORS, roles.MODERATORS} <= names


def test_django_admin_sends_anonymous_to_allauth_login(client):
    response = client.get("/django-admin/", follow=True)

    assert response.redirect_chain[0][1] == 302
    assert response.redirect_chain[-1][0] == f"{reverse('account_login')}?next=/django-admin/"


def test_django_admin_refuses_staff_editor(client):
    client.force_login(factories.user_with_role(roles.EDITORS, is_staff=True))

    response = client.get("/django-admin/", follow=True)

    assert response.status_code == 403


def test_django_admin_login_refuses_signed_in_non_superuser(client):
    client.force_login(factories.verified_user(is_staff=True))

    assert client.get("/django-admin/login/").status_code == 403


def test_django_admin_opens_for_superuser(client):
    client.force_login(factories.superuser())

    assert client.get("/django-admin/").status_code == 200


def test_wagtail_admin_sends_anonymous_to_allauth_login(client):
    response = client.get("/cms/", follow=True)

    assert response.redirect_chain[-1][0] == f"{reverse('account_login')}?next=/cms/"
    assert response.status_code == 200


def test_wagtail_admin_login_redirects_to_allauth_login(client):
    response = client.get("/cms/login/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_wagtail_admin_opens_for_editor(client):
    client.force_login(factories.user_with_role(roles.EDITORS))

    assert client.get("/cms/").status_code == 200


def test_wagtail_admin_refuses_participant_without_groups(client):
    client.force_login(factories.verified_user())

    response = client.get("/cms/", follow=True)

    assert response.status_code == 403


def test_mfa_index_offers_totp_to_signed_in_user(client):
    client.force_login(factories.verified_user())

    response = client.get(reverse("mfa_index"))

    assert response.status_code == 200
    assert reverse("mfa_activate_totp") in response.content.decode()


def test_account_home_sends_anonymous_to_login(client):
    response = client.get(reverse("account_home"))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={reverse('account_home')}"


def test_account_home_opens_for_signed_in_user(client):
    client.force_login(factories.verified_user())

    assert client.get(reverse("account_home")).status_code == 200


# --- The admins' sign-in addresses -----------------------------------------------------------

ADMIN_LOGINS = [
    pytest.param("/django-admin/login/", factories.superuser, "/django-admin/", id="django-admin"),
    pytest.param("/cms/login/", lambda: factories.user_with_role(roles.EDITORS), "/cms/", id="wagtail-admin"),
]


@pytest.mark.parametrize(("login_url", "make_user", "index"), ADMIN_LOGINS)
def test_admin_login_sends_signed_in_admin_on_to_next(client, login_url, make_user, index):
    client.force_login(make_user())

    response = client.get(login_url, {"next": f"{index}users/"})

    assert response.status_code == 302
    assert response["Location"] == f"{index}users/"


@pytest.mark.parametrize(("login_url", "make_user", "index"), ADMIN_LOGINS)
def test_admin_login_without_next_sends_signed_in_admin_to_the_admin(client, login_url, make_user, index):
    client.force_login(make_user())

    response = client.get(login_url)

    assert (response.status_code, response["Location"]) == (302, index)


@pytest.mark.parametrize(("login_url", "make_user", "index"), ADMIN_LOGINS)
@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/cms/"])
def test_admin_login_does_not_follow_next_off_site(client, login_url, make_user, index, next_url):
    client.force_login(make_user())

    response = client.get(login_url, {"next": next_url})

    assert (response.status_code, response["Location"]) == (302, index)


@pytest.mark.parametrize("login_url", ["/django-admin/login/", "/cms/login/"])
def test_admin_login_refuses_signed_in_person_without_access(client, login_url):
    client.force_login(factories.verified_user(is_staff=True))

    assert client.get(login_url, {"next": "/"}).status_code == 403


@pytest.mark.parametrize("login_url", ["/django-admin/login/", "/cms/login/"])
def test_admin_login_post_signs_nobody_in(client, login_url):
    user = factories.superuser()

    response = client.post(login_url, {"username": user.email, "login": user.email, "password": PASSWORD})

    assert response.status_code == 405
    assert signed_in_user_id(client) is None


# --- allauth's elements in the site's design ----------------------------------------------------


def render_element(source: str, **context) -> str:
    """Render template source using allauth's {% element %} tag, which needs a named template."""
    from django.template import Context, Template, engines
    from django.template.base import Origin

    engine = engines["django"].engine
    template = Template(
        "{% load allauth %}" + source, origin=Origin(name="test", template_name="test.html"), engine=engine
    )
    return template.render(Context(context))


@pytest.mark.parametrize("tags", ["error", "danger"])
def test_alert_for_an_error_interrupts(tags):
    html = render_element(
        "{% element alert tags=tags %}{% slot message %}Något gick fel.{% endslot %}{% endelement %}",
        tags=tags,
    )

    assert 'role="alert"' in html and 'role="status"' not in html


@pytest.mark.parametrize("tags", ["info", "warning", ""])
def test_alert_for_anything_else_is_a_status(tags):
    html = render_element(
        "{% element alert tags=tags %}{% slot message %}Sparat.{% endslot %}{% endelement %}", tags=tags
    )

    assert 'role="status"' in html and 'role="alert"' not in html


@pytest.mark.parametrize("kind", ["checkbox", "radio", "text"])
def test_field_error_is_announced_as_an_error(kind):
    html = render_element(
        '{% element field type=kind id="f" name="f" errors=errors %}'
        "{% slot label %}Primär adress{% endslot %}{% endelement %}",
        kind=kind,
        errors=["Välj en adress."],
    )

    assert '<span class="visually-hidden">Fel: </span>Välj en adress.' in html
