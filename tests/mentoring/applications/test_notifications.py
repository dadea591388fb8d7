"""E-mails about an application: written to the outbox with the change, in the applicant's language."""

import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from mentoring.applications import services
from mentoring.applications import services as reviews
from mentoring.applications.workflow import Role, Status
from mentoring.core.choices import ContactLanguage
from mentoring.models import Application
from portal.models import OutboxMessage
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_via_outbox")]

# The subjects' msgids, as {% blocktranslate %} writes them.
SUBJECTS = {
    Status.SUBMITTED: "We have received your application to %(intake)s",
    Status.ACCEPTED: "Welcome to %(intake)s",
    Status.WAITLISTED: "You are on the waiting list for %(intake)s",
    Status.REJECTED: "Your application to %(intake)s",
    Status.WITHDRAWN: "Your application to %(intake)s has been withdrawn",
}


def subject_in(language: str, status: Status, intake) -> str:
    with translation.override(language):
        return gettext(SUBJECTS[status]) % {"intake": intake.title}


@pytest.fixture
def english_applicant(db):
    return factories.ApplicantFactory(profile__contact_language=ContactLanguage.ENGLISH)


@pytest.fixture
def english_draft(intake, english_applicant):
    return factories.ApplicationFactory(
        intake=intake, applicant=english_applicant, idea_title="Bike repair van"
    )


def test_application_submit_writes_receipt_to_outbox_for_the_applicant(english_draft, now):
    services.application_submit(application=english_draft, actor=english_draft.applicant, now=now)

    message = OutboxMessage.objects.get()
    assert message.to == [english_draft.applicant.email]
    assert message.subject == f"We have received your application to {english_draft.intake.title}"
    assert 'Thank you for your application "Bike repair van"' in message.body
    assert message.headers["X-Portal-Application"] == str(english_draft.pk)


def test_application_submit_receipt_is_delivered_after_commit(
    english_draft, now, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=english_draft, actor=english_draft.applicant, now=now)
        assert mail.outbox == []

    assert [m.to for m in mail.outbox] == [[english_draft.applicant.email]]


def test_application_submit_rolled_back_leaves_no_receipt(
    english_draft, now, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.application_submit(application=english_draft, actor=english_draft.applicant, now=now)
        assert OutboxMessage.objects.count() == 1  # written with the change, in its transaction
        raise RuntimeError("the request failed after submitting")

    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []
    assert Application.objects.get(pk=english_draft.pk).status == Status.DRAFT


@pytest.mark.parametrize("language", [ContactLanguage.SWEDISH, ContactLanguage.ENGLISH])
def test_application_submit_receipt_is_in_the_applicants_contact_language(intake, now, language):
    applicant = factories.ApplicantFactory(profile__contact_language=language)
    application = factories.ApplicationFactory(intake=intake, applicant=applicant)

    # The request's language must not leak into the e-mail.
    other = "en" if language == "sv" else "sv"
    with translation.override(other):
        services.application_submit(application=application, actor=applicant, now=now)

    assert OutboxMessage.objects.get().subject == subject_in(language, Status.SUBMITTED, intake)


@pytest.mark.parametrize(
    ("language", "path"), [(ContactLanguage.SWEDISH, "/my/"), (ContactLanguage.ENGLISH, "/en/my/")]
)
def test_application_submit_receipt_links_to_the_dashboard_in_the_applicants_language(
    intake, now, settings, language, path
):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example"
    applicant = factories.ApplicantFactory(profile__contact_language=language)
    application = factories.ApplicationFactory(intake=intake, applicant=applicant)

    other = "en" if language == "sv" else "sv"
    with translation.override(other):
        services.application_submit(application=application, actor=applicant, now=now)

    lines = OutboxMessage.objects.get().body.splitlines()
    assert f"https://portal.example{path}" in lines


def test_application_submit_receipt_without_profile_is_in_the_sites_language(intake, now, settings):
    applicant = factories.verified_user()
    application = factories.ApplicationFactory(intake=intake, applicant=applicant)

    with translation.override("en"):
        services.application_submit(application=application, actor=applicant, now=now)

    assert OutboxMessage.objects.get().subject == subject_in(settings.LANGUAGE_CODE, Status.SUBMITTED, intake)


@pytest.mark.parametrize("decision", [Status.ACCEPTED, Status.WAITLISTED, Status.REJECTED])
def test_application_decide_sends_the_matching_email_with_the_reason(
    intake, english_applicant, coordinator, now, decision
):
    application = factories.ApplicationFactory(
        intake=intake, applicant=english_applicant, status=Status.SUBMITTED
    )
    OutboxMessage.objects.all().delete()

    services.application_decide(
        application=application,
        decision=decision,
        actor=coordinator,
        now=now,
        reason="The panel liked the clear customer focus.",
        internal_note="Scored 4.2 — not for the applicant.",
    )

    message = OutboxMessage.objects.get()
    assert message.to == [english_applicant.email]
    assert message.subject == subject_in("en", decision, intake)
    assert "The panel liked the clear customer focus." in message.body
    assert "not for the applicant" not in message.body
    assert message.headers["X-Portal-Status"] == decision


def test_application_withdraw_sends_a_confirmation(intake, english_applicant, now):
    application = factories.ApplicationFactory(
        intake=intake, applicant=english_applicant, status=Status.SUBMITTED
    )
    OutboxMessage.objects.all().delete()

    services.application_withdraw(
        application=application, actor=english_applicant, role=Role.APPLICANT, now=now
    )

    assert OutboxMessage.objects.get().subject == subject_in("en", Status.WITHDRAWN, intake)


def test_application_taken_into_review_sends_nothing(application_in, coordinator, now):
    application = application_in(Status.SUBMITTED)
    OutboxMessage.objects.all().delete()

    services.application_transition(
        application=application, target=Status.IN_REVIEW, actor=coordinator, role=Role.COORDINATOR, now=now
    )

    assert not OutboxMessage.objects.exists()


def test_review_record_first_review_sends_nothing(application_in, coordinator, now):
    application = application_in(Status.SUBMITTED)
    OutboxMessage.objects.all().delete()

    reviews.review_record(
        application=application,
        reviewer=coordinator,
        scores={"viability": 3, "motivation": 3, "need": 3, "fit": 3},
        comment="",
        now=now,
    )

    assert Application.objects.get(pk=application.pk).status == Status.IN_REVIEW
    assert not OutboxMessage.objects.exists()


def test_application_decide_from_submitted_sends_one_email(application_in, coordinator, now):
    application = application_in(Status.SUBMITTED)
    OutboxMessage.objects.all().delete()

    services.application_decide(
        application=application, decision=Status.ACCEPTED, actor=coordinator, now=now, reason="Välkommen."
    )

    assert OutboxMessage.objects.count() == 1


@pytest.mark.parametrize(
    ("title_en", "expected"),
    [
        ("Women's enterprise – round 2", "Women's enterprise – round 2"),
        ("", "Kvinnors företagande – omgång 2"),
    ],
)
def test_application_submit_receipt_names_the_intake_in_english_else_swedish(
    english_draft, now, title_en, expected
):
    intake = english_draft.intake
    intake.title, intake.title_en = "Kvinnors företagande – omgång 2", title_en
    intake.save()
    services.application_submit(application=english_draft, actor=english_draft.applicant, now=now)
    assert OutboxMessage.objects.get().subject == f"We have received your application to {expected}"


def test_application_submit_receipt_links_to_the_configured_address(intake, now, settings):
    """`make run ADDR=127.0.0.1:8300` configures that address; the e-mail's link goes there, not to 8000."""
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8300"
    application = factories.ApplicationFactory(intake=intake)
    services.application_submit(application=application, actor=application.applicant, now=now)
    body = OutboxMessage.objects.get().body
    assert "http://127.0.0.1:8300/my/" in body and ":8000" not in body
