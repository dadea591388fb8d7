"""What an attacker or a careless click meets: account changes that skip verification, guessing passwords."""

import pytest
from django.test import Client
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


# --- Proving it is her before a change that could take the account -------------------------------


def test_adding_an_email_address_asks_her_to_reauthenticate_first(client):
    """A borrowed session must not add an address of its own, verify it and reset the password."""
    from allauth.account.models import EmailAddress

    person = factories.verified_user()
    client.force_login(person)

    response = client.post(reverse("account_email"), {"action_add": "", "email": "borrower@example.org"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="borrower@example.org").exists()


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


def test_two_clients_behind_one_proxy_are_limited_separately(client, settings):
    """Behind the proxy every connection comes from its address; the client is in X-Forwarded-For."""
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/ip"}
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    applicant = factories.verified_user()
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    with translation.override("en"):
        login_url = reverse("account_login")
    for attempt in range(4):
        client.post(
            login_url,
            {"login": f"guess{attempt}@example.org", "password": "wrong-guess-1234"},
            HTTP_X_FORWARDED_FOR="198.51.100.7",
            **proxy,
        )
    guesser = client.post(
        login_url,
        {"login": applicant.email, "password": factories.PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **proxy,
    )
    assertContains(guesser, "Too many failed login attempts")

    response = Client().post(
        login_url,
        {"login": applicant.email, "password": factories.PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.9",
        **proxy,
    )

    assert response.status_code == 302
    assert response.wsgi_request.user == applicant


# --- Headers every page carries ----------------------------------------------------------------


def _directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def _with_policy(rf, response, path="/"):
    from portal.middleware import ContentSecurityPolicy

    return ContentSecurityPolicy(lambda request: response)(rf.get(path))


def test_content_security_policy_is_the_one_django_csp_builds_from_the_settings(rf):
    from csp.utils import build_policy
    from django.http import HttpResponse

    first = _with_policy(rf, HttpResponse("ok"))
    again = _with_policy(rf, HttpResponse("ok"))

    assert first["Content-Security-Policy"] == again["Content-Security-Policy"] == build_policy()
    assert "Content-Security-Policy-Report-Only" not in first


def test_content_security_policy_follows_a_changed_setting(rf, settings):
    from csp.utils import build_policy
    from django.http import HttpResponse

    _with_policy(rf, HttpResponse("ok"))
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"img-src": ["'self'"]}}

    response = _with_policy(rf, HttpResponse("ok"))

    assert response["Content-Security-Policy"] == build_policy() == "default-src 'none'"
    assert response["Content-Security-Policy-Report-Only"] == build_policy(report_only=True)
    assert "img-src 'self'" in response["Content-Security-Policy-Report-Only"]


def test_content_security_policy_of_a_response_of_its_own_and_of_excluded_addresses(rf):
    from django.http import HttpResponse

    own = HttpResponse("ok")
    own._csp_update = {"img-src": ["https://tiles.example"]}
    exempt = HttpResponse("ok")
    exempt._csp_exempt = True

    assert "https://tiles.example" in _with_policy(rf, own)["Content-Security-Policy"]
    assert "Content-Security-Policy" not in _with_policy(rf, exempt)
    assert "Content-Security-Policy" not in _with_policy(rf, HttpResponse("ok"), path="/cms/pages/")


def test_public_page_forbids_inline_and_foreign_scripts(client, site_tree):
    response = client.get("/")

    assert response.status_code == 200
    directives = _directives(response)
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_portal_pages_carry_the_policy_too(client):
    client.force_login(factories.ApplicantFactory())

    response = client.get(reverse("mentoring:dashboard"))

    assert _directives(response)["script-src"] == "'self'"


def test_templates_hold_no_inline_script_or_event_handler():
    """The policy would block them; this names the template instead of a silent dead button."""
    import re
    from pathlib import Path

    from django.conf import settings

    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|style\s*=\s*\"", re.I)
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in Path(settings.BASE_DIR, "templates").rglob("*.html")
        if inline.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


# --- A second factor for those who see everyone's data -----------------------------------------


@pytest.fixture
def mfa_required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True


def test_coordinator_without_second_factor_is_sent_to_set_one_up(client, mfa_required):
    client.force_login(factories.coordinator_user())

    response = client.get(reverse("mentoring:intake_list"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_coordinator_without_second_factor_may_still_set_one_up_and_sign_out(client, mfa_required):
    client.force_login(factories.coordinator_user())

    # allauth asks for the password again first (a fresh sign-in); that page is open too.
    for language in ("sv", "en"):
        with translation.override(language):
            response = client.get(reverse("mfa_activate_totp"), follow=True)
        assert response.status_code == 200
        assert all("/accounts/" in url for url, _status in response.redirect_chain)
    assert client.get(reverse("account_logout")).status_code == 200


def test_administrator_without_second_factor_is_kept_out_of_the_admin(client, mfa_required):
    client.force_login(factories.verified_user(is_superuser=True, is_staff=True))

    response = client.get("/cms/")

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def admin_only_user():
    """Someone in a group made by hand in Wagtail's admin, with no role but entry to the admin."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Communications")
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(access_admin)
    user = factories.verified_user()
    user.groups.add(group)
    return user


# Each staff role, and a page of its own it would otherwise reach.
STAFF_PAGES = {
    "coordinator": (lambda: factories.user_with_role(roles.COORDINATORS), "mentoring:intake_list"),
    "counsellor": (lambda: factories.user_with_role(roles.COUNSELLORS), "mentoring:counsellor_home"),
    "course leader": (lambda: factories.user_with_role(roles.COURSE_LEADERS), "mentoring:staff_occasions"),
    "editor": (lambda: factories.user_with_role(roles.EDITORS), "wagtailadmin_home"),
    "moderator": (lambda: factories.user_with_role(roles.MODERATORS), "wagtailadmin_home"),
    "administrator": (factories.superuser, "wagtailadmin_home"),
    "admin group made by hand": (admin_only_user, "wagtailadmin_home"),
}


@pytest.mark.parametrize("role", STAFF_PAGES)
def test_staff_role_without_second_factor_is_sent_to_set_one_up(client, mfa_required, role):
    make_user, page = STAFF_PAGES[role]
    client.force_login(make_user())

    response = client.get(reverse(page), follow=True)

    assert response.redirect_chain[0] == (reverse("mfa_activate_totp"), 302)
    # Not a dead end: allauth asks for the password (a fresh sign-in), then shows the set-up.
    assert response.status_code == 200
    assert all("/accounts/" in url for url, _status in response.redirect_chain)


@pytest.mark.parametrize("role", STAFF_PAGES)
def test_staff_role_with_second_factor_goes_on(client, mfa_required, role):
    from allauth.mfa.models import Authenticator

    make_user, page = STAFF_PAGES[role]
    user = make_user()
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(user)

    assert client.get(reverse(page)).status_code == 200


def test_applicant_needs_no_second_factor(client, mfa_required):
    client.force_login(factories.ApplicantFactory())

    assert client.get(reverse("mentoring:dashboard")).status_code == 200


def test_mentor_needs_no_second_factor(client, mfa_required):
    mentor = factories.user_with_role(roles.MENTORS)
    factories.MentorProfileFactory(user=mentor)
    client.force_login(mentor)

    assert client.get(reverse("mentoring:mentor_dashboard")).status_code == 200


def test_production_requires_a_second_factor_and_ends_sessions():
    import ast
    from pathlib import Path

    from django.conf import settings

    production = Path(settings.BASE_DIR, "portal", "settings", "production.py").read_text()
    assert 'MFA_REQUIRED_FOR_STAFF = env.bool("MFA_REQUIRED_FOR_STAFF", default=True)' in production
    ast.parse(production)
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


# --- Uploaded files are downloads, never pages of the site ---------------------------------------


def test_published_document_is_served_as_an_attachment_even_when_a_pdf(client):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(
        title="Programme leaflet",
        file=ContentFile(b"%PDF-1.7\n<script>alert(1)</script>", name="leaflet.pdf"),
    )

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


# --- Wagtail's own sign-in form for private pages is not a way around allauth -------------------


def test_private_page_sends_visitors_to_allauths_sign_in(client, site_tree):
    from wagtail.models import PageViewRestriction

    page = site_tree.home.get_children().first()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(page.url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_wagtail_page_login_form_redirects_to_allauth_keeping_next(client):
    response = client.get("/_util/login/?next=/om-programmet/")

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/om-programmet/"


def test_wagtail_page_login_form_does_not_sign_in(client):
    user = factories.verified_user(email="someone@example.org")

    client.post("/_util/login/", {"username": user.email, "password": factories.PASSWORD})

    assert "_auth_user_id" not in client.session


def test_template_library_names_are_checked_apart_from_the_portals_own_i18n(settings):
    import copy

    from portal.checks import template_libraries_named_once

    assert template_libraries_named_once(None) == []
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["OPTIONS"]["libraries"]["site_tags"] = "portal.templatetags.dates"
    settings.TEMPLATES = templates

    warnings = template_libraries_named_once(None)

    assert [warning.id for warning in warnings] == ["portal.W001"]
    assert "'site_tags'" in warnings[0].msg
