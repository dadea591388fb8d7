"""Company requests: submitting, planning a reserved occasion or mentoring places, declining,
closing, linking employees, the join link, and who may see the coordinators' pages."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from mentoring.applications.workflow import Status
from mentoring.companies import linking, services
from mentoring.companies import workflow as company_workflow
from mentoring.companies.workflow import RequestStatus, Role
from mentoring.models import (
    CompanyRequest,
    CompanyRequestChange,
    EffortKind,
    Enrolment,
    EnrolmentChange,
    EnrolmentEvent,
    EnrolmentStatus,
)
from mentoring.training.services import ReservedForCompany, enrolment_create
from portal import roles
from portal.models import OutboxMessage
from tests import factories
from tests.training_factories import TrainingOccasionFactory, training_index, training_offer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages and pages in English, the language the assertions are written in."""
    with translation.override("en"):
        yield


VALID_ORGNR = "556016-0680"
FORM = {
    "company_name": "Kugghjulet AB",
    "org_number": "5560160680",
    "contact_name": "Petra Holm",
    "contact_email": "petra@kugghjulet.example",
    "contact_phone": "031-12 34 56",
    "employees_concerned": "12",
    "needs": ["technology", "leadership"],
    "needs_text": "Tolv montörer behöver lära sig programmera robotcellen.",
    "contact_language": "en",
    "website": "",
}


def data(**overrides):
    cleaned = {
        "company_name": "Kugghjulet AB",
        "org_number": VALID_ORGNR,
        "contact_name": "Petra Holm",
        "contact_email": "petra@kugghjulet.example",
        "contact_phone": "",
        "employees_concerned": 12,
        "needs": ["technology"],
        "needs_text": "Robotcellen.",
        "contact_language": "en",
    }
    return {**cleaned, **overrides}


@pytest.fixture
def offer(site_tree):
    return training_offer(training_index(site_tree.home), title="Robotprogrammering")


@pytest.fixture
def occasion(offer):
    return TrainingOccasionFactory(page=offer, places=8)


@pytest.fixture
def request_new(now):
    return services.company_request_submit(data=data(), now=now, language="sv")


@pytest.fixture
def planned(request_new, occasion, coordinator, now):
    return services.company_request_plan(request=request_new, actor=coordinator, now=now, occasion=occasion)


@pytest.fixture
def planned_mentoring(request_new, coordinator, now):
    return services.company_request_plan(request=request_new, actor=coordinator, now=now, mentoring_places=2)


@pytest.fixture
def planned_mentoring_of_another(now, coordinator):
    """Another company's request, planned as mentoring places."""
    other = services.company_request_submit(
        data=data(company_name="Valsverket AB", contact_email="eva@valsverket.example"),
        now=now,
        language="sv",
    )
    return services.company_request_plan(request=other, actor=coordinator, now=now, mentoring_places=2)


def resent_links() -> list[OutboxMessage]:
    """The e-mails in the outbox that sent a join link again."""
    return [m for m in OutboxMessage.objects.all() if m.headers.get("X-Portal-Event") == "join-link-resent"]


def join_url(request):
    return reverse("mentoring:company_join", args=[services.company_join_token(request=request)])


# --- Workflow table ---------------------------------------------------------------------------------


def test_company_workflow_only_new_requests_are_planned_or_declined():
    assert company_workflow.may_move(RequestStatus.NEW, RequestStatus.PLANNED, Role.COORDINATOR)
    assert company_workflow.may_move(RequestStatus.NEW, RequestStatus.DECLINED, Role.COORDINATOR)
    assert not company_workflow.may_move(RequestStatus.PLANNED, RequestStatus.DECLINED, Role.COORDINATOR)
    assert not company_workflow.may_move(RequestStatus.DECLINED, RequestStatus.PLANNED, Role.COORDINATOR)


def test_company_workflow_statuses_match_the_model():
    assert {s.value for s in RequestStatus} == {
        value for value, _label in CompanyRequest._meta.get_field("status").choices
    }


# --- Submit -----------------------------------------------------------------------------------------


def test_company_request_submit_stores_logs_and_confirms_in_the_contacts_language(now, mailoutbox):
    request = services.company_request_submit(data=data(contact_language="en"), now=now, language="sv")

    assert request.status == RequestStatus.NEW and request.org_number == VALID_ORGNR
    change = request.changes.get()
    assert (change.from_status, change.to_status, change.actor) == ("", "new", None)
    assert mailoutbox[-1].to == ["petra@kugghjulet.example"]
    assert mailoutbox[-1].subject == "We have received your request for a tailored effort"


def test_company_request_confirmation_repeats_nothing_the_sender_wrote(now, mailoutbox):
    """Anyone may type any address into the form: the mail to it must not carry their words."""
    words = {
        "company_name": "Buy pills now",
        "contact_name": "Visit spam.example",
        "needs_text": "Cheap loans",
    }
    services.company_request_submit(data=data(**words), now=now, language="sv")

    (confirmation,) = mailoutbox
    for text in words.values():
        assert text not in confirmation.subject and text not in confirmation.body


def test_company_request_submit_notifies_the_managers_when_configured(now, mailoutbox, settings):
    settings.MANAGERS = [("Coordinators", "samordnare@vastkraft.example")]

    request = services.company_request_submit(data=data(), now=now, language="sv")

    notice = [m for m in mailoutbox if m.to == ["samordnare@vastkraft.example"]]
    assert len(notice) == 1
    assert f"/coordinator/companies/{request.pk}/" in notice[0].body


def test_company_request_submit_tells_nobody_else_without_managers(now, mailoutbox, settings):
    settings.MANAGERS = []

    services.company_request_submit(data=data(), now=now, language="sv")

    assert [m.to for m in mailoutbox] == [["petra@kugghjulet.example"]]


# --- Plan -------------------------------------------------------------------------------------------


def test_company_request_plan_reserves_the_occasion_and_mails_the_join_link(
    request_new, occasion, coordinator, now, mailoutbox
):
    planned = services.company_request_plan(
        request=request_new, actor=coordinator, now=now, occasion=occasion
    )

    assert planned.status == RequestStatus.PLANNED and planned.reserved_occasion == occasion
    assert planned.planned_by == coordinator and planned.effort_kind == EffortKind.OCCASION
    assert list(planned.changes.values_list("from_status", "to_status")) == [("", "new"), ("new", "planned")]
    mail = mailoutbox[-1]
    assert mail.to == ["petra@kugghjulet.example"]
    assert "/company/join/" in mail.body and "Robotprogrammering" in mail.subject
    assert "Mölndals bibliotek" in mail.body


def test_company_request_plan_mentoring_places_tells_how_to_apply(request_new, coordinator, now, mailoutbox):
    planned = services.company_request_plan(
        request=request_new, actor=coordinator, now=now, mentoring_places=3
    )

    assert planned.effort_kind == EffortKind.MENTORING and planned.mentoring_places == 3
    assert "3 mentoring places" in mailoutbox[-1].body


def test_company_request_plan_needs_exactly_one_effort(request_new, occasion, coordinator, now):
    with pytest.raises(services.CompanyRequestError):
        services.company_request_plan(request=request_new, actor=coordinator, now=now)
    with pytest.raises(services.CompanyRequestError):
        services.company_request_plan(
            request=request_new, actor=coordinator, now=now, occasion=occasion, mentoring_places=2
        )


def test_company_request_plan_is_for_coordinators_only(request_new, occasion, now):
    with pytest.raises(services.NotAllowed):
        services.company_request_plan(
            request=request_new, actor=factories.ApplicantFactory(), now=now, occasion=occasion
        )


def test_company_request_plan_refuses_a_started_occasion(request_new, offer, coordinator, now):
    today = now.date()
    started = TrainingOccasionFactory(page=offer, starts_on=today, ends_on=today + dt.timedelta(days=1))

    with pytest.raises(services.CompanyRequestError) as error:
        services.company_request_plan(request=request_new, actor=coordinator, now=now, occasion=started)
    assert error.value.field == "occasion"


def test_company_request_plan_refuses_an_occasion_reserved_by_another(planned, occasion, coordinator, now):
    other = services.company_request_submit(data=data(company_name="Bult AB"), now=now, language="sv")

    with pytest.raises(services.CompanyRequestError, match="already reserved"):
        services.company_request_plan(request=other, actor=coordinator, now=now, occasion=occasion)


def test_company_request_plan_refuses_an_occasion_others_have_joined(request_new, occasion, coordinator, now):
    enrolment_create(occasion=occasion, person=factories.ApplicantFactory(), now=now)

    with pytest.raises(services.CompanyRequestError, match="already signed up"):
        services.company_request_plan(request=request_new, actor=coordinator, now=now, occasion=occasion)
    request_new.refresh_from_db()
    assert request_new.status == RequestStatus.NEW


def test_company_request_plan_refuses_a_translation_of_the_occasion(request_new, occasion, coordinator, now):
    from wagtail.models import Locale

    english, _created = Locale.objects.get_or_create(language_code="en")
    translated = TrainingOccasionFactory(
        page=occasion.page, translation_key=occasion.translation_key, locale=english
    )
    with pytest.raises(services.CompanyRequestError, match="original language"):
        services.company_request_plan(request=request_new, actor=coordinator, now=now, occasion=translated)


def test_company_request_plan_refuses_more_places_than_employees(request_new, coordinator, now):
    with pytest.raises(services.CompanyRequestError) as error:
        services.company_request_plan(request=request_new, actor=coordinator, now=now, mentoring_places=13)
    assert error.value.field == "mentoring_places"


def test_company_request_plan_twice_is_refused(planned, coordinator, now):
    with pytest.raises(services.TransitionNotAllowed):
        services.company_request_plan(request=planned, actor=coordinator, now=now, mentoring_places=1)


def test_occasions_free_to_reserve_leaves_out_reserved_started_and_joined(planned, offer, now):
    free = TrainingOccasionFactory(page=offer, starts_on=now.date() + dt.timedelta(days=30))
    joined = TrainingOccasionFactory(page=offer, starts_on=now.date() + dt.timedelta(days=40))
    enrolment_create(occasion=joined, person=factories.ApplicantFactory(), now=now)
    TrainingOccasionFactory(page=offer, starts_on=now.date(), ends_on=now.date())

    assert services.occasions_free_to_reserve(now=now) == [free]


# --- Decline and close ------------------------------------------------------------------------------


def test_company_request_decline_logs_the_reason_and_mails_it(request_new, coordinator, now, mailoutbox):
    declined = services.company_request_decline(
        request=request_new, actor=coordinator, reason="Vi har inga platser i vår.", now=now
    )

    assert declined.status == RequestStatus.DECLINED
    assert declined.changes.last().note == "Vi har inga platser i vår."
    assert "Vi har inga platser i vår." in mailoutbox[-1].body


def test_company_request_decline_needs_a_reason(request_new, coordinator, now):
    with pytest.raises(services.CompanyRequestError):
        services.company_request_decline(request=request_new, actor=coordinator, reason="  ", now=now)


def test_company_request_close_opens_the_occasion_again(planned, occasion, coordinator, now):
    services.company_request_close(request=planned, actor=coordinator, now=now)

    result = enrolment_create(occasion=occasion, person=factories.ApplicantFactory(), now=now)
    assert result.enrolment.status == EnrolmentStatus.ENROLLED
    assert planned.changes.last().to_status == RequestStatus.CLOSED


# --- Tokens -----------------------------------------------------------------------------------------


def test_company_request_from_token_finds_the_planned_request(planned, now):
    token = services.company_join_token(request=planned)

    assert services.company_request_from_token(token=token, now=now) == planned


def test_company_request_from_token_refuses_an_altered_token(planned, now):
    token = services.company_join_token(request=planned)

    with pytest.raises(services.JoinLinkInvalid):
        services.company_request_from_token(token=token[:-1] + ("a" if token[-1] != "a" else "b"), now=now)


def test_company_request_from_token_refuses_a_mentoring_effort(planned_mentoring, now):
    token = services.JOIN_LINK.sign(planned_mentoring.pk)

    with pytest.raises(services.JoinLinkInvalid):
        services.company_request_from_token(token=token, now=now)


def test_company_request_from_token_expires_when_the_occasion_starts(planned, occasion, now):
    token = services.company_join_token(request=planned)

    with pytest.raises(services.JoinLinkExpired):
        services.company_request_from_token(token=token, now=now + dt.timedelta(days=21))


# --- The join link, shown and sent again ----------------------------------------------------------


def test_company_join_link_resend_mails_the_same_link_through_the_outbox_and_logs_it(
    planned, coordinator, now, mail_via_outbox
):
    services.company_join_link_resend(request=planned, actor=coordinator, now=now)

    (resent,) = resent_links()
    assert resent.to == ["petra@kugghjulet.example"]
    assert services.company_join_url(request=planned) in resent.body
    change = planned.changes.last()
    assert (change.actor, change.from_status, change.to_status) == (coordinator, "planned", "planned")
    assert change.note == "Join link sent again to the contact person"


def test_company_join_link_resend_is_refused_once_the_link_no_longer_works(
    planned, occasion, planned_mentoring_of_another, coordinator, now
):
    with pytest.raises(services.JoinLinkExpired):
        services.company_join_link_resend(request=planned, actor=coordinator, now=now + dt.timedelta(days=21))
    with pytest.raises(services.TransitionNotAllowed):
        services.company_join_link_resend(request=planned_mentoring_of_another, actor=coordinator, now=now)
    with pytest.raises(services.NotAllowed):
        services.company_join_link_resend(request=planned, actor=factories.ApplicantFactory(), now=now)
    services.company_request_close(request=planned, actor=coordinator, now=now)
    with pytest.raises(services.TransitionNotAllowed):
        services.company_join_link_resend(request=planned, actor=coordinator, now=now)
    assert not planned.changes.filter(note__startswith="Join link").exists()


def test_company_request_detail_shows_the_join_link_and_resends_it(
    client, site_tree, coordinator, planned, mail_via_outbox
):
    client.force_login(coordinator)
    detail = reverse("mentoring:company_request_detail", args=[planned.pk])

    html = client.get(detail).content.decode()
    response = client.post(reverse("mentoring:company_request_resend_link", args=[planned.pk]), follow=True)

    assert f'value="{services.company_join_url(request=planned)}"' in html
    assert response.redirect_chain == [(detail, 302)]
    assert "The join link is e-mailed to the contact person again." in response.content.decode()
    assert "Join link sent again to the contact person" in response.content.decode()
    assert [message.to for message in resent_links()] == [["petra@kugghjulet.example"]]


def test_company_request_detail_says_when_the_join_link_no_longer_works(
    client, site_tree, coordinator, planned
):
    services.company_request_close(request=planned, actor=coordinator, now=timezone.now())
    client.force_login(coordinator)

    html = client.get(reverse("mentoring:company_request_detail", args=[planned.pk])).content.decode()
    response = client.post(reverse("mentoring:company_request_resend_link", args=[planned.pk]), follow=True)

    assert "The join link no longer works" in html and 'id="join-url"' not in html
    assert "This request is no longer in a state where that can be done." in response.content.decode()


def test_company_request_resend_link_refuses_get_and_other_roles(client, site_tree, planned):
    url = reverse("mentoring:company_request_resend_link", args=[planned.pk])
    client.force_login(factories.ApplicantFactory())
    assert client.post(url).status_code == 403
    client.force_login(factories.coordinator_user())
    assert client.get(url).status_code == 405
    assert client.post(reverse("mentoring:company_request_resend_link", args=[999999])).status_code == 404


# --- Linking ----------------------------------------------------------------------------------------


def test_company_enrolment_link_and_unlink_write_audit_rows(planned, occasion, coordinator, now):
    person = factories.ApplicantFactory()
    enrolment = enrolment_create(occasion=occasion, person=person, now=now, company_request=planned).enrolment
    linking.company_enrolment_unlink(request=planned, enrolment=enrolment, actor=coordinator, now=now)
    enrolment.refresh_from_db()
    assert enrolment.company_request is None

    linking.company_enrolment_link(request=planned, enrolment=enrolment, actor=coordinator, now=now)

    enrolment.refresh_from_db()
    assert enrolment.company_request == planned
    events = list(EnrolmentChange.objects.filter(enrolment=enrolment).values_list("event", "actor"))
    assert events[-2:] == [(EnrolmentEvent.UNLINKED, coordinator.pk), (EnrolmentEvent.LINKED, coordinator.pk)]


def test_company_enrolment_link_refuses_an_enrolment_on_another_occasion(planned, offer, coordinator, now):
    elsewhere = TrainingOccasionFactory(page=offer, starts_on=now.date() + dt.timedelta(days=30))
    enrolment = enrolment_create(occasion=elsewhere, person=factories.ApplicantFactory(), now=now).enrolment

    with pytest.raises(services.CompanyRequestError):
        linking.company_enrolment_link(request=planned, enrolment=enrolment, actor=coordinator, now=now)


def test_company_application_link_never_exceeds_the_places(
    planned_mentoring, application_in, coordinator, now
):
    first, second, third = (application_in(Status.SUBMITTED) for _ in range(3))
    for application in (first, second):
        linking.company_application_link(
            request=planned_mentoring, application=application, actor=coordinator, now=now
        )

    with pytest.raises(services.CompanyRequestError, match="places are taken"):
        linking.company_application_link(
            request=planned_mentoring, application=third, actor=coordinator, now=now
        )
    assert planned_mentoring.applications.count() == 2


def test_company_application_unlink_frees_a_place_and_is_logged(
    planned_mentoring, application_in, coordinator, now
):
    application = application_in(Status.SUBMITTED)
    linking.company_application_link(
        request=planned_mentoring, application=application, actor=coordinator, now=now
    )

    linking.company_application_unlink(
        request=planned_mentoring, application=application, actor=coordinator, now=now
    )

    application.refresh_from_db()
    assert application.company_request is None
    notes = list(planned_mentoring.changes.values_list("note", flat=True))
    assert any("linked" in note for note in notes) and any("unlinked" in note for note in notes)


def test_company_request_page_keeps_a_blind_review_blind(
    planned_mentoring, application_in, intake, coordinator, now, client
):
    """The company page follows the application page: who applied stays hidden until the decision."""
    intake.blind_review = True
    intake.save(update_fields=["blind_review"])
    applicant = factories.ApplicantFactory(first_name="Hemlighet", last_name="Okändsdotter")
    application = application_in(Status.SUBMITTED, idea_title="Elcykelverkstad", applicant=applicant)
    linking.company_application_link(
        request=planned_mentoring, application=application, actor=coordinator, now=now
    )
    client.force_login(coordinator)
    page = reverse("mentoring:company_request_detail", args=[planned_mentoring.pk])

    html = client.get(page).content.decode()
    assert "Elcykelverkstad" in html and "Blind review" in html
    for secret in (applicant.email, applicant.first_name, applicant.last_name):
        assert secret not in html

    application.status = Status.ACCEPTED
    application.save(update_fields=["status"])
    assert applicant.email in client.get(page).content.decode()


def test_company_application_link_refuses_an_occasion_effort(planned, application_in, coordinator, now):
    with pytest.raises(services.TransitionNotAllowed):
        linking.company_application_link(
            request=planned, application=application_in(Status.SUBMITTED), actor=coordinator, now=now
        )


# --- Views: the public form -------------------------------------------------------------------------


def test_company_request_form_stores_and_redirects_to_thanks(client, site_tree, mailoutbox):
    response = client.post(reverse("mentoring:company_request"), FORM)

    assert response.status_code == 302 and response.url == reverse("mentoring:company_request_thanks")
    request = CompanyRequest.objects.get()
    assert request.org_number == VALID_ORGNR and request.needs == ["technology", "leadership"]
    assert client.get(response.url).status_code == 200


def test_company_request_form_ties_errors_to_fields_and_keeps_input(client, site_tree):
    response = client.post(
        reverse("mentoring:company_request"),
        {**FORM, "org_number": "5560160681", "employees_concerned": "501", "needs_text": ""},
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"org_number", "employees_concerned", "needs_text"}
    html = response.content.decode()
    assert 'value="Kugghjulet AB"' in html and 'value="5560160681"' in html
    assert 'aria-invalid="true"' in html
    assert not CompanyRequest.objects.exists()


def test_company_request_form_takes_a_few_requests_per_client_then_says_wait(
    client, site_tree, mailoutbox, settings
):
    settings.COMPANY_REQUEST_RATE_PER_CLIENT = "3/h"
    for number in range(3):
        answer = client.post(
            reverse("mentoring:company_request"), {**FORM, "contact_email": f"k{number}@x.example"}
        )
        assert answer.status_code == 302

    response = client.post(reverse("mentoring:company_request"), {**FORM, "contact_email": "k9@x.example"})

    assert response.status_code == 429
    assert response.context["form"].non_field_errors() == [
        "Many requests have come from your connection in a short time. Try again in an hour."
    ]
    assert 'value="k9@x.example"' in response.content.decode()
    assert CompanyRequest.objects.count() == 3 and len(mailoutbox) == 3
    # Another client behind the same proxy is counted on its own.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    other = client.post(
        reverse("mentoring:company_request"),
        {**FORM, "contact_email": "k9@x.example"},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert other.status_code == 302


def test_company_request_form_mails_one_address_at_most_twice_a_day(client, site_tree, mailoutbox):
    def post_from(address, email=FORM["contact_email"]):
        return client.post(
            reverse("mentoring:company_request"), {**FORM, "contact_email": email}, REMOTE_ADDR=address
        )

    assert post_from("203.0.113.1").status_code == 302
    assert post_from("203.0.113.2").status_code == 302
    response = post_from("203.0.113.3")

    assert response.status_code == 429
    assert set(response.context["form"].errors) == {"contact_email"}
    assert 'id="id_contact_email_error"' in response.content.decode()
    assert [m.to for m in mailoutbox] == [["petra@kugghjulet.example"]] * 2
    # The address is compared without regard to case.
    assert post_from("203.0.113.4").status_code == 429
    assert post_from("203.0.113.5", email="PETRA@kugghjulet.example").status_code == 429


def test_company_request_form_honeypot_stores_nothing(client, site_tree, mailoutbox):
    response = client.post(reverse("mentoring:company_request"), {**FORM, "website": "http://spam.example"})

    assert response.status_code == 302
    assert not CompanyRequest.objects.exists() and mailoutbox == []


def test_company_request_form_hides_the_honeypot(client, site_tree):
    html = client.get(reverse("mentoring:company_request")).content.decode()

    assert "<div hidden>" in html and 'name="website"' in html


# --- Views: roles -----------------------------------------------------------------------------------


COORDINATOR_PAGES = [
    ("mentoring:company_requests", []),
    ("mentoring:company_request_detail", [999999]),
]


@pytest.mark.parametrize(("name", "args"), COORDINATOR_PAGES)
def test_company_coordinator_pages_send_anonymous_to_sign_in(client, site_tree, name, args):
    response = client.get(reverse(name, args=args))

    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize("role", [None, roles.MENTORS, roles.EDITORS])
@pytest.mark.parametrize(("name", "args"), COORDINATOR_PAGES)
def test_company_coordinator_pages_refuse_other_roles(client, site_tree, role, name, args):
    user = factories.user_with_role(role) if role else factories.ApplicantFactory()
    client.force_login(user)

    assert client.get(reverse(name, args=args)).status_code == 403


def test_company_request_detail_bad_pk_is_404(client, site_tree, coordinator):
    client.force_login(coordinator)

    assert client.get(reverse("mentoring:company_request_detail", args=[999999])).status_code == 404


def test_company_request_actions_refuse_get_and_other_roles(client, site_tree, request_new):
    url = reverse("mentoring:company_request_decline", args=[request_new.pk])
    client.force_login(factories.ApplicantFactory())
    assert client.post(url, {"decline-reason": "Nej"}).status_code == 403
    client.force_login(factories.coordinator_user())
    assert client.get(url).status_code == 405


def test_company_request_detail_shows_the_request_and_its_history(client, site_tree, coordinator, planned):
    client.force_login(coordinator)

    response = client.get(reverse("mentoring:company_request_detail", args=[planned.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kugghjulet AB" in html and "Effort planned" in html and "Link a person" in html


def test_company_request_plan_occasion_view_reserves(client, site_tree, coordinator, request_new, occasion):
    client.force_login(coordinator)

    response = client.post(
        reverse("mentoring:company_request_plan_occasion", args=[request_new.pk]),
        {"occasion-occasion": occasion.pk},
    )

    assert response.status_code == 302
    request_new.refresh_from_db()
    assert request_new.reserved_occasion == occasion


def test_company_request_link_view_links_by_email(client, site_tree, coordinator, planned, occasion, now):
    person = factories.ApplicantFactory(email="montor@example.org")
    enrolment = enrolment_create(occasion=occasion, person=person, now=now, company_request=planned).enrolment
    linking.company_enrolment_unlink(request=planned, enrolment=enrolment, actor=coordinator, now=now)
    client.force_login(coordinator)

    response = client.post(
        reverse("mentoring:company_request_link", args=[planned.pk]), {"link-email": "MONTOR@example.org"}
    )

    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.company_request == planned


def test_company_request_link_view_says_why_not(client, site_tree, coordinator, planned):
    client.force_login(coordinator)

    response = client.post(
        reverse("mentoring:company_request_link", args=[planned.pk]), {"link-email": "nobody@example.org"}
    )

    assert response.status_code == 400
    assert response.context["link_form"].errors["email"]


def test_company_requests_list_query_count_is_constant(client, site_tree, coordinator, now):
    client.force_login(coordinator)
    services.company_request_submit(data=data(), now=now, language="sv")
    url = reverse("mentoring:company_requests")
    client.get(url)  # caches (site, locale) warmed, as on any later visit
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(6):
        services.company_request_submit(data=data(company_name=f"Företag {i}"), now=now, language="sv")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert len(response.context["rows"]) == 7
    assert len(many) == len(few)


def test_company_requests_list_filters_by_status(client, site_tree, coordinator, planned, now):
    services.company_request_submit(data=data(company_name="Ny AB"), now=now, language="sv")
    client.force_login(coordinator)

    response = client.get(reverse("mentoring:company_requests"), {"status": "planned"})

    assert [row["request"] for row in response.context["rows"]] == [planned]


def test_company_requests_list_searches_the_company_and_the_contact(client, site_tree, coordinator, now):
    wanted = services.company_request_submit(data=data(company_name="Ny AB"), now=now, language="sv")
    services.company_request_submit(data=data(contact_name="Nils Berg"), now=now, language="sv")
    client.force_login(coordinator)

    by_name = client.get(reverse("mentoring:company_requests"), {"q": "ny"})
    by_contact = client.get(reverse("mentoring:company_requests"), {"q": "berg", "status": "new"})

    assert [row["request"] for row in by_name.context["rows"]] == [wanted]
    assert [row["request"].contact_name for row in by_contact.context["rows"]] == ["Nils Berg"]
    assert by_name.context["is_filtered"]


def test_company_requests_list_invalid_status_is_an_error_beside_it_keeping_the_search(
    client, site_tree, coordinator, now
):
    wanted = services.company_request_submit(data=data(company_name="Ny AB"), now=now, language="sv")
    services.company_request_submit(data=data(), now=now, language="sv")
    client.force_login(coordinator)

    response = client.get(reverse("mentoring:company_requests"), {"status": "bogus", "q": "ny"})

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["status"]
    body = response.content.decode()
    error = body.split('id="id_status_error"', 1)[1].split("</div>", 1)[0]
    assert "“bogus” is not one of the choices. Choose one from the list." in error
    assert 'name="q" value="ny"' in body
    assert [row["request"] for row in response.context["rows"]] == [wanted]


# --- Views: the join link ---------------------------------------------------------------------------


def test_company_join_sends_anonymous_to_sign_in(client, planned):
    response = client.get(join_url(planned))

    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_company_join_without_profile_goes_to_the_profile_and_back(client, planned, occasion):
    client.force_login(factories.verified_user())
    url = join_url(planned)

    response = client.get(url)

    profile_url = reverse("mentoring:training_enrol_profile", args=[occasion.pk])
    assert response.status_code == 302 and response.url.startswith(profile_url + "?next=")
    assert client.get(response.url).context["next_url"] == url


def test_company_join_enrols_linked_to_the_company(client, planned, occasion, mailoutbox):
    person = factories.ApplicantFactory()
    client.force_login(person)
    url = join_url(planned)
    page = client.get(url)
    assert page.status_code == 200 and "Kugghjulet AB" in page.content.decode()

    response = client.post(url)

    assert response.status_code == 302
    enrolment = Enrolment.objects.get(person=person)
    assert enrolment.occasion == occasion and enrolment.company_request == planned


def test_company_join_bad_token_is_404_and_tells_nothing(client, planned):
    client.force_login(factories.ApplicantFactory())

    response = client.get(reverse("mentoring:company_join", args=["nonsense:token"]))

    assert response.status_code == 404 and "Kugghjulet" not in response.content.decode()


def test_company_join_closed_effort_is_410_and_tells_nothing(client, planned, coordinator, now):
    services.company_request_close(request=planned, actor=coordinator, now=now)
    client.force_login(factories.ApplicantFactory())

    response = client.get(join_url(planned))

    assert response.status_code == 410 and "Kugghjulet" not in response.content.decode()


def test_public_enrol_refuses_a_reserved_occasion(client, planned, occasion):
    person = factories.ApplicantFactory()
    client.force_login(person)

    client.post(reverse("mentoring:training_enrol", args=[occasion.pk]))

    assert not Enrolment.objects.filter(person=person).exists()
    with pytest.raises(ReservedForCompany):
        enrolment_create(occasion=occasion, person=person, now=planned.planned_at)


def test_offer_page_shows_reserved_and_no_enrol_button(client, planned, occasion):
    html = client.get(occasion.page.url).content.decode()

    # The offer page is the Swedish one: its words and links are the Swedish site's.
    with translation.override("sv"):
        assert translation.gettext("Reserved for a company") in html
        assert reverse("mentoring:training_enrol", args=[occasion.pk]) not in html


def test_training_index_links_to_the_company_form(client, offer):
    html = client.get(offer.get_parent().url).content.decode()

    assert reverse("mentoring:company_request") in html


def test_company_request_change_rows_are_one_per_status_change(planned):
    assert CompanyRequestChange.objects.filter(request=planned).count() == 2


def test_company_request_plan_writes_the_join_link_to_the_outbox(
    request_new, occasion, coordinator, now, mail_via_outbox, django_capture_on_commit_callbacks
):
    from portal.models import OutboxMessage

    with django_capture_on_commit_callbacks(execute=True):
        services.company_request_plan(request=request_new, actor=coordinator, now=now, occasion=occasion)

    (message,) = OutboxMessage.objects.filter(to=["petra@kugghjulet.example"])
    assert "/company/join/" in message.body


ACTIONS = [
    ("mentoring:company_request_plan_occasion", [999999]),
    ("mentoring:company_request_plan_mentoring", [999999]),
    ("mentoring:company_request_decline", [999999]),
    ("mentoring:company_request_close", [999999]),
    ("mentoring:company_request_link", [999999]),
    ("mentoring:company_request_unlink_enrolment", [999999, 999999]),
    ("mentoring:company_request_unlink_application", [999999, 999999]),
]


@pytest.mark.parametrize(("name", "args"), ACTIONS)
def test_company_request_actions_by_role(client, site_tree, name, args):
    url = reverse(name, args=args)
    assert client.get(url).status_code == 302
    client.force_login(factories.ApplicantFactory())
    assert client.post(url).status_code == 403
    client.force_login(factories.coordinator_user())
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 404
