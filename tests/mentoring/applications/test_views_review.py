"""The coordinators' pages: who may open them, the queue, reviewing, stepping aside and deciding."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from mentoring.applications.workflow import Status
from mentoring.models import Application, IdentityReveal, Review, StatusChange
from portal import roles
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def queue_url(intake, **params):
    url = reverse("mentoring:review_queue", args=[intake.pk])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in params.items()) if params else "")


def test_queue_sends_anonymous_visitors_to_sign_in(client, intake):
    response = client.get(queue_url(intake))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_queue_is_forbidden_to_people_without_the_role(client, intake):
    client.force_login(factories.user_with_role(roles.EDITORS))
    assert client.get(queue_url(intake)).status_code == 403
    assert client.post(reverse("mentoring:bulk_decide", args=[intake.pk])).status_code == 403


def test_detail_of_an_unknown_application_is_404(coordinator_client):
    assert coordinator_client.get(reverse("mentoring:application_detail", args=[999999])).status_code == 404


def test_intake_list_counts_applications_per_status_in_constant_queries(
    site_tree, coordinator_client, intake
):
    factories.bulk_applications(intake, 3, status=Status.SUBMITTED)
    url = reverse("mentoring:intake_list")
    coordinator_client.get(url)  # warms the caches of the site frame, as any earlier page would
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(url)
    factories.bulk_applications(factories.IntakeFactory(), 5, status=Status.SUBMITTED)
    with CaptureQueriesContext(connection) as more:
        response = coordinator_client.get(url)
    assert response.status_code == 200
    assert len(more) == len(few)
    assert intake.title in response.text


def test_intake_list_counts_each_status_of_each_intake_apart(site_tree, coordinator_client, intake):
    factories.bulk_applications(intake, 3, status=Status.SUBMITTED)
    factories.bulk_applications(intake, 2, status=Status.ACCEPTED)
    factories.bulk_applications(intake, 1, status=Status.DRAFT)
    other = factories.IntakeFactory()
    factories.bulk_applications(other, 4, status=Status.ACCEPTED)
    response = coordinator_client.get(reverse("mentoring:intake_list"))
    counts = {
        row.intake.pk: dict(zip(list(Status), row.counts, strict=True)) for row in response.context["rows"]
    }
    assert counts[intake.pk] == {
        **dict.fromkeys(Status, 0),
        Status.SUBMITTED: 3,
        Status.ACCEPTED: 2,
        Status.DRAFT: 1,
    }
    assert counts[other.pk] == {**dict.fromkeys(Status, 0), Status.ACCEPTED: 4}


def test_queue_query_count_does_not_grow_with_applications(site_tree, coordinator_client, intake):
    factories.bulk_applications(intake, 5)
    coordinator_client.get(queue_url(intake))  # warms the caches of the site frame
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(queue_url(intake))
    factories.bulk_applications(intake, 210)
    with CaptureQueriesContext(connection) as many:
        response = coordinator_client.get(queue_url(intake, sort="-score"))
    assert response.status_code == 200
    assert len(response.context["rows"]) == 25
    assert len(many) == len(few)


def test_queue_rows_kept_from_an_earlier_request_show_what_changed_since(
    site_tree, coordinator_client, application_in
):
    # Each row's HTML is kept between requests under everything it shows: a change is a new row.
    application = application_in(Status.SUBMITTED, idea_title="Robotverkstad")
    coordinator_client.get(queue_url(application.intake))
    Application.objects.filter(pk=application.pk).update(idea_title="Kaffebar")
    factories.ReviewFactory(application=application, score=Decimal("4.50"))

    body = coordinator_client.get(queue_url(application.intake)).content.decode()

    assert "Kaffebar" in body and "Robotverkstad" not in body
    assert '<td class="table__number">4,50</td>' in body


def test_queue_filters_by_status_and_searches_the_idea(site_tree, coordinator_client, application_in):
    wanted = application_in(Status.SUBMITTED, idea_title="Robotverkstad")
    application_in(Status.SUBMITTED, idea_title="Kaffebar")
    application_in(Status.ACCEPTED, idea_title="Robotskola")
    response = coordinator_client.get(queue_url(wanted.intake, status="submitted", q="robot"))
    shown = [row.pk for row in response.context["rows"]]
    assert shown == [wanted.pk]


@pytest.mark.parametrize(
    ("param", "wanted", "other"),
    [
        ("municipality", {"applicant__profile__municipality": "ale"}, {}),
        ("gender", {"applicant__profile__gender": "man"}, {}),
        (
            "former_sector",
            {"applicant__profile__former_sector": "automotive_supplier"},
            {"applicant__profile__former_sector": "other"},
        ),
        ("stage", {"stage": "started"}, {}),
    ],
)
def test_queue_filters_by_the_applicant_and_the_idea(
    site_tree, coordinator_client, application_in, param, wanted, other
):
    shown = application_in(Status.SUBMITTED, **wanted)
    application_in(Status.SUBMITTED, **other)
    value = next(iter(wanted.values()))

    response = coordinator_client.get(queue_url(shown.intake, **{param: value}))

    assert response.status_code == 200 and response.context["is_filtered"]
    assert [row.pk for row in response.context["rows"]] == [shown.pk]


def test_queue_sorts_by_submission_both_ways(site_tree, coordinator_client, intake, application_in, now):
    first = application_in(Status.SUBMITTED)
    second = factories.ApplicationFactory(
        intake=intake, status=Status.SUBMITTED, now=now + dt.timedelta(hours=1)
    )

    newest = coordinator_client.get(queue_url(intake))
    oldest = coordinator_client.get(queue_url(intake, sort="submitted"))

    assert [row.pk for row in newest.context["rows"]] == [second.pk, first.pk]
    assert [row.pk for row in oldest.context["rows"]] == [first.pk, second.pk]
    assert not oldest.context["is_filtered"]


def test_queue_invalid_filter_values_are_errors_beside_their_fields_keeping_the_rest(
    site_tree, coordinator_client, application_in
):
    wanted = application_in(Status.SUBMITTED, idea_title="Robotverkstad")
    application_in(Status.SUBMITTED, idea_title="Kaffebar")

    response = coordinator_client.get(
        queue_url(wanted.intake, status="bogus", sort="evil", q="robot", municipality="molndal")
    )

    assert response.status_code == 400
    form = response.context["filter_form"]
    assert set(form.errors) == {"status", "sort"}
    body = response.content.decode()
    for field, value in (("status", "bogus"), ("sort", "evil")):
        error = body.split(f'id="id_{field}_error"', 1)[1].split("</div>", 1)[0]
        assert f"”{value}” är inte ett av alternativen" in error
    # What was valid is kept in the form and still narrows the list.
    assert 'name="q" value="robot"' in body
    assert '<option value="molndal" selected>' in body
    assert [row.pk for row in response.context["rows"]] == [wanted.pk]
    assert "Rensa filter" in body


def test_queue_filter_fields_show_each_request_its_own_choices_language_and_intake(
    site_tree, coordinator_client, intake, now
):
    # The fields are rendered once per language and choice in a process: each request still gets its own.
    blind = factories.IntakeFactory(programme=intake.programme, blind_review=True)
    for municipality in ("molndal", "ale", "molndal"):
        body = coordinator_client.get(queue_url(intake, municipality=municipality)).content.decode()
        assert f'<option value="{municipality}" selected>' in body
        assert body.count(" selected>") == 5
    with translation.override("en"):
        english = coordinator_client.get(queue_url(intake, municipality="molndal")).content.decode()
    assert '<option value="" selected>Any status</option>' in english
    assert '<option value="" selected>Alla statusar</option>' not in english
    assert 'name="gender"' in english
    blind_body = coordinator_client.get(queue_url(blind, municipality="molndal")).content.decode()
    assert 'name="gender"' not in blind_body
    assert '<option value="molndal" selected>' in blind_body


def test_queue_invalid_filter_value_is_named_in_its_error_each_time(site_tree, coordinator_client, intake):
    for value in ("bogus", "other", "bogus"):
        body = coordinator_client.get(queue_url(intake, status=value)).content.decode()
        error = body.split('id="id_status_error"', 1)[1].split("</div>", 1)[0]
        assert f"”{value}” är inte ett av alternativen" in error


def test_queue_in_blind_review_offers_no_gender_filter_nor_name_search(
    site_tree, coordinator_client, intake, now
):
    intake.blind_review = True
    intake.save()
    application = factories.ApplicationFactory(
        intake=intake, status=Status.SUBMITTED, now=now, applicant__profile__first_name="Zelda"
    )
    response = coordinator_client.get(queue_url(intake, q="Zelda"))
    assert "gender" not in response.context["filter_form"].fields
    assert response.context["rows"] == []
    assert application.applicant.email not in response.text


def test_blind_detail_hides_identity_until_decided(site_tree, client, intake, now):
    intake.blind_review = True
    intake.save()
    reviewer = factories.coordinator_user()
    client.force_login(reviewer)
    application = factories.ApplicationFactory(
        intake=intake, status=Status.SUBMITTED, now=now, applicant__profile__first_name="Zelda"
    )
    url = reverse("mentoring:application_detail", args=[application.pk])
    hidden = client.get(url).text
    assert (
        "Zelda" not in hidden and application.applicant.email not in hidden and "070-123 45 67" not in hidden
    )
    client.post(
        reverse("mentoring:application_decide", args=[application.pk]),
        {"decision": "accepted", "reason": "Välkommen!"},
    )
    assert "Zelda" in client.get(url).text


@pytest.fixture
def blind_application(intake, now):
    """Zelda's submitted application to `intake`, now reviewed blind."""
    intake.blind_review = True
    intake.save()
    return factories.ApplicationFactory(
        intake=intake, status=Status.SUBMITTED, now=now, applicant__profile__first_name="Zelda"
    )


def detail_url(application):
    return reverse("mentoring:application_detail", args=[application.pk])


def reveal_url(application):
    return reverse("mentoring:application_identity_reveal", args=[application.pk])


SCORE_FORM = {"score_viability": 5, "score_motivation": 4, "score_need": 3, "score_fit": 2, "comment": "Bra"}


def test_reveal_shows_who_applied_to_that_coordinator_only(site_tree, client, blind_application):
    email = blind_application.applicant.email
    deciding, other = factories.coordinator_user(), factories.coordinator_user()
    client.force_login(deciding)
    before = client.get(detail_url(blind_application))
    assert before.context["reveal_offered"] and reveal_url(blind_application) in before.text
    assert "Zelda" not in before.text and email not in before.text

    response = client.post(reveal_url(blind_application))

    assert response.status_code == 302 and response.url == detail_url(blind_application)
    after = client.get(detail_url(blind_application))
    assert "Zelda" in after.text and email in after.text
    assert not after.context["reveal_offered"] and after.context["decision_offered"]
    client.force_login(other)
    theirs = client.get(detail_url(blind_application))
    assert "Zelda" not in theirs.text and email not in theirs.text


def test_reveal_is_logged_once(site_tree, client, blind_application):
    deciding = factories.coordinator_user()
    client.force_login(deciding)

    client.post(reveal_url(blind_application))
    client.post(reveal_url(blind_application))

    assert list(IdentityReveal.objects.values_list("application", "coordinator")) == [
        (blind_application.pk, deciding.pk)
    ]


def test_reveal_hides_the_review_form_and_refuses_a_review(site_tree, client, blind_application):
    deciding = factories.coordinator_user()
    client.force_login(deciding)
    client.post(reveal_url(blind_application))

    detail = client.get(detail_url(blind_application))
    refused = client.post(
        reverse("mentoring:application_review", args=[blind_application.pk]), SCORE_FORM, follow=True
    )

    assert not detail.context["review_offered"] and detail.context["scoring_closed_by_reveal"]
    assert 'name="score_viability"' not in detail.text
    assert refused.redirect_chain[-1][0] == detail_url(blind_application)
    assert [m.level_tag for m in refused.context["messages"]] == ["error"]
    assert not Review.objects.exists()


def test_reveal_offered_to_a_coordinator_who_already_reviewed_and_keeps_the_review(
    site_tree, client, blind_application
):
    deciding = factories.coordinator_user()
    client.force_login(deciding)
    client.post(reverse("mentoring:application_review", args=[blind_application.pk]), SCORE_FORM)

    assert client.get(detail_url(blind_application)).context["reveal_offered"]
    client.post(reveal_url(blind_application))

    review = Review.objects.get(application=blind_application, reviewer=deciding)
    assert review.comment == "Bra"
    assert IdentityReveal.objects.filter(coordinator=deciding).exists()


def test_reveal_by_get_is_refused(site_tree, coordinator_client, blind_application):
    response = coordinator_client.get(reveal_url(blind_application))

    assert response.status_code == 405
    assert not IdentityReveal.objects.exists()


def test_reveal_without_csrf_token_is_refused(site_tree, coordinator, blind_application):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)

    response = client.post(reveal_url(blind_application))

    assert response.status_code == 403
    assert not IdentityReveal.objects.exists()


def test_reveal_leaves_the_queue_blind(site_tree, coordinator_client, blind_application):
    coordinator_client.post(reveal_url(blind_application))

    queue = coordinator_client.get(queue_url(blind_application.intake, q="Zelda"))

    assert queue.context["rows"] == []
    assert "gender" not in queue.context["filter_form"].fields
    assert (
        blind_application.applicant.email
        not in coordinator_client.get(queue_url(blind_application.intake)).text
    )


def test_reveal_not_offered_outside_a_blind_review(site_tree, coordinator_client, application_in):
    application = application_in(Status.SUBMITTED)

    detail = coordinator_client.get(detail_url(application))
    coordinator_client.post(reveal_url(application))

    assert not detail.context["reveal_offered"] and reveal_url(application) not in detail.text
    assert detail.context["review_offered"]
    assert not IdentityReveal.objects.exists()


def test_review_form_records_scores_and_takes_the_application_into_review(
    site_tree, coordinator_client, coordinator, application_in
):
    application = application_in(Status.SUBMITTED)
    response = coordinator_client.post(
        reverse("mentoring:application_review", args=[application.pk]),
        {
            "score_viability": 5,
            "score_motivation": 4,
            "score_need": 3,
            "score_fit": 2,
            "comment": "Stark idé",
        },
    )
    assert response.status_code == 302
    review = Review.objects.get(application=application, reviewer=coordinator)
    assert review.scores == {"viability": 5, "motivation": 4, "need": 3, "fit": 2}
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_review_form_with_a_missing_score_keeps_the_answers_and_says_which(
    site_tree, coordinator_client, application_in
):
    application = application_in(Status.SUBMITTED)
    response = coordinator_client.post(
        reverse("mentoring:application_review", args=[application.pk]),
        {"score_viability": 5, "score_motivation": 4, "score_need": 3, "comment": "Halvfärdig"},
    )
    assert response.status_code == 200
    form = response.context["review_form"]
    assert list(form.errors) == ["score_fit"]
    assert "Halvfärdig" in response.text
    assert 'id="id_score_fit_error"' in response.text
    assert not Review.objects.filter(application=application).exists()


def test_conflict_of_interest_hides_the_application_from_the_queue(
    site_tree, coordinator_client, application_in
):
    application = application_in(Status.SUBMITTED)
    response = coordinator_client.post(reverse("mentoring:application_conflict", args=[application.pk]))
    assert response.status_code == 302
    queue = coordinator_client.get(queue_url(application.intake))
    assert application.pk not in [row.pk for row in queue.context["rows"]]
    detail = coordinator_client.get(reverse("mentoring:application_detail", args=[application.pk]))
    assert detail.context["conflict"] and not detail.context["decision_offered"]
    refused = coordinator_client.post(
        reverse("mentoring:application_decide", args=[application.pk]), {"decision": "accepted"}
    )
    assert refused.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_decision_logs_the_note_and_tells_the_applicant(site_tree, coordinator_client, application_in):
    application = application_in(Status.IN_REVIEW)
    mail.outbox.clear()
    response = coordinator_client.post(
        reverse("mentoring:application_decide", args=[application.pk]),
        {"decision": "waitlisted", "reason": "Alla platser är tagna.", "internal_note": "Först på listan"},
    )
    assert response.status_code == 302
    change = StatusChange.objects.filter(application=application).last()
    assert (change.to_status, change.internal_note) == (Status.WAITLISTED, "Först på listan")
    assert len(mail.outbox) == 1 and "Alla platser är tagna." in mail.outbox[0].body
    detail = coordinator_client.get(reverse("mentoring:application_detail", args=[application.pk]))
    assert "Först på listan" in detail.text


def test_rejection_without_a_reason_is_an_error_on_the_reason(site_tree, coordinator_client, application_in):
    application = application_in(Status.IN_REVIEW)
    response = coordinator_client.post(
        reverse("mentoring:application_decide", args=[application.pk]),
        {"decision": "rejected", "reason": "", "internal_note": "Svag idé"},
    )
    assert response.status_code == 200
    assert list(response.context["decision_form"].errors) == ["reason"]
    assert "Svag idé" in response.text
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_decision_panel_shows_places_taken_and_warns_when_full(
    site_tree, coordinator_client, application_in, intake
):
    intake.places = 1
    intake.save()
    deciding = application_in(Status.IN_REVIEW)

    before = coordinator_client.get(reverse("mentoring:application_detail", args=[deciding.pk]))
    application_in(Status.ACCEPTED)
    after = coordinator_client.get(reverse("mentoring:application_detail", args=[deciding.pk]))

    assert before.context["places"].taken == 0 and not before.context["places"].full
    assert after.context["places"].taken == 1 and after.context["places"].full
    assert b"message--warning" in after.content and b"message--warning" not in before.content


def test_decision_buttons_follow_the_workflow(site_tree, coordinator_client, application_in):
    application = application_in(Status.WAITLISTED)
    detail = coordinator_client.get(reverse("mentoring:application_detail", args=[application.pk]))
    assert re.findall(r'<button type="submit" name="decision" value="(\w+)"', detail.text) == [
        "accepted",
        "rejected",
    ]
    accepted = application_in(Status.ACCEPTED)
    detail = coordinator_client.get(reverse("mentoring:application_detail", args=[accepted.pk]))
    assert not detail.context["decision_offered"] and 'name="decision"' not in detail.text


def test_bulk_decision_decides_what_it_may_and_counts_the_rest(site_tree, coordinator_client, application_in):
    open_ones = [application_in(Status.SUBMITTED), application_in(Status.IN_REVIEW)]
    final = application_in(Status.REJECTED)
    with translation.override("en"):  # the messages are asserted in English
        url = reverse("mentoring:bulk_decide", args=[final.intake_id])
    response = coordinator_client.post(
        url + "?status=submitted",
        {"applications": [a.pk for a in [*open_ones, final]], "decision": "accepted", "reason": ""},
        follow=True,
    )
    assert response.redirect_chain[-1][0].endswith("?status=submitted")
    texts = [str(message) for message in response.context["messages"]]
    assert any("2 applications decided" in text for text in texts)
    assert any("1 application skipped" in text for text in texts)
    for application in open_ones:
        application.refresh_from_db()
        assert application.status == Status.ACCEPTED


def test_bulk_decision_skips_applications_the_coordinator_stepped_aside_from(
    site_tree, coordinator, coordinator_client, application_in
):
    free, stepped_aside = application_in(Status.IN_REVIEW), application_in(Status.IN_REVIEW)
    factories.ReviewFactory(application=stepped_aside, reviewer=coordinator, conflict=True)
    with translation.override("en"):
        url = reverse("mentoring:bulk_decide", args=[free.intake_id])
    response = coordinator_client.post(
        url, {"applications": [free.pk, stepped_aside.pk], "decision": "accepted", "reason": ""}, follow=True
    )
    texts = [str(message) for message in response.context["messages"]]
    assert any("1 application decided" in text for text in texts)
    assert any("1 application skipped" in text for text in texts)
    stepped_aside.refresh_from_db()
    assert stepped_aside.status == Status.IN_REVIEW


def test_decision_on_an_outdated_page_is_refused_with_a_message(
    site_tree, coordinator_client, application_in, now
):
    from mentoring.applications.services import application_decide

    application = application_in(Status.IN_REVIEW)
    with translation.override("en"):
        detail_url = reverse("mentoring:application_detail", args=[application.pk])
        decide_url = reverse("mentoring:application_decide", args=[application.pk])
    page = coordinator_client.get(detail_url)
    assert 'name="expected_status" value="in_review"' in page.text
    application_decide(
        application=application,
        decision=Status.WAITLISTED,
        actor=factories.coordinator_user(),
        now=now,
        reason="Nej",
    )

    response = coordinator_client.post(
        decide_url, {"decision": "accepted", "reason": "", "expected_status": "in_review"}
    )

    assert response.status_code == 200
    assert "Someone else changed this application meanwhile" in response.text
    assert 'name="expected_status" value="waitlisted"' in response.text
    application.refresh_from_db()
    assert application.status == Status.WAITLISTED


def test_decision_with_a_status_the_page_could_not_send_says_so_and_can_be_sent_again(
    site_tree, coordinator_client, application_in
):
    application = application_in(Status.IN_REVIEW)
    with translation.override("en"):
        decide_url = reverse("mentoring:application_decide", args=[application.pk])
    typed = {"decision": "rejected", "reason": "Idén passar inte programmet.", "internal_note": "Ringde."}

    response = coordinator_client.post(decide_url, {**typed, "expected_status": "abc"})

    assert response.status_code == 200
    assert "This page is out of date. Look at the application again before deciding." in response.text
    # What was typed is kept, and the page now carries the status it shows, so sending it again decides.
    assert "Idén passar inte programmet." in response.text
    assert 'name="expected_status" value="in_review"' in response.text
    again = coordinator_client.post(decide_url, {**typed, "expected_status": "in_review"})
    assert again.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.REJECTED


def test_conflict_declaration_on_a_decided_application_is_refused(
    site_tree, coordinator, coordinator_client, application_in
):
    application = application_in(Status.ACCEPTED)
    response = coordinator_client.post(reverse("mentoring:application_conflict", args=[application.pk]))
    assert response.status_code == 302
    assert not Review.objects.filter(application=application, reviewer=coordinator).exists()


def test_rubric_weights_cannot_change_once_an_intake_has_reviews(site_tree, client, intake, application_in):
    from mentoring.applications.viewsets import intake_viewset

    factories.ReviewFactory(application=application_in(Status.SUBMITTED))
    form_class = intake_viewset.get_edit_handler().get_form_class()
    shown = form_class(instance=intake, for_user=factories.coordinator_user())
    data = {}
    for field in shown:
        value = field.value()
        if value is None:
            continue
        data[field.html_name] = value
    data["weight_fit"] = (data["weight_fit"] % 5) + 1

    form = form_class(data, instance=intake, for_user=factories.coordinator_user())

    assert not form.is_valid()
    assert list(form.errors) == ["weight_fit"]
    intake.refresh_from_db()
    assert intake.rubric_weights.get("fit") != data["weight_fit"]


def test_intake_form_refuses_a_business_age_limit_without_the_self_employed(site_tree, intake):
    from mentoring.applications.viewsets import intake_viewset

    form_class = intake_viewset.get_edit_handler().get_form_class()
    shown = form_class(instance=intake, for_user=factories.coordinator_user())
    data = {field.html_name: field.value() for field in shown if field.value() is not None}
    data |= {"target_groups": ["employed", "under_notice"], "business_max_age_months": "24"}

    form = form_class(data, instance=intake, for_user=factories.coordinator_user())

    assert not form.is_valid()
    assert list(form.errors) == ["business_max_age_months"]

    form = form_class(
        data | {"target_groups": ["under_notice", "self_employed"]},
        instance=intake,
        for_user=factories.coordinator_user(),
    )
    assert form.is_valid(), form.errors


def test_bulk_decision_without_a_selection_is_an_error(site_tree, coordinator_client, application_in):
    application = application_in(Status.SUBMITTED)
    response = coordinator_client.post(
        reverse("mentoring:bulk_decide", args=[application.intake_id]), {"decision": "accepted"}
    )
    assert response.status_code == 200
    assert "applications" in response.context["bulk_form"].errors


def test_intake_decision_message_replaces_the_default_text(
    site_tree, coordinator_client, application_in, intake
):
    intake.accepted_message_sv = "Grattis! Vi ses på kickoffen den 3 mars."
    intake.save()
    application = application_in(Status.IN_REVIEW)
    mail.outbox.clear()
    coordinator_client.post(
        reverse("mentoring:application_decide", args=[application.pk]), {"decision": "accepted", "reason": ""}
    )
    assert "Grattis! Vi ses på kickoffen den 3 mars." in mail.outbox[0].body


def test_coordinators_may_manage_intakes_in_wagtail_and_editors_may_not(site_tree, client, intake):
    client.force_login(factories.coordinator_user())
    assert client.get(reverse("intakes:index")).status_code == 200
    edit = client.get(reverse("intakes:edit", args=[intake.pk]))
    assert (
        edit.status_code == 200 and 'name="municipalities"' in edit.text and 'name="weight_fit"' in edit.text
    )
    assert 'name="title"' in edit.text and 'name="title_en"' in edit.text  # the name in both languages
    editor = factories.user_with_role(roles.EDITORS)
    client.force_login(editor)
    assert client.get(reverse("intakes:index")).status_code in (302, 403)
    assert not Group.objects.get(name=roles.EDITORS).permissions.filter(content_type__app_label="mentoring")


# --- Outside the intake's target groups ----------------------------------------------------------


def test_queue_marks_an_application_outside_the_target_groups(
    site_tree, coordinator_client, application_in, man_in_a_womens_intake
):
    woman = application_in(Status.IN_REVIEW)
    with translation.override("en"):
        response = coordinator_client.get(queue_url(man_in_a_womens_intake.intake))
    rows = {row.pk: row.outside_target_groups for row in response.context["rows"]}
    assert rows[woman.pk] == ()
    assert rows[man_in_a_womens_intake.pk] == ("Gender not stated as woman, in an intake for women",)
    assert "Outside the target groups" in response.content.decode()


def test_detail_says_the_application_is_outside_the_target_groups(
    site_tree, coordinator_client, man_in_a_womens_intake
):
    with translation.override("en"):
        response = coordinator_client.get(
            reverse("mentoring:application_detail", args=[man_in_a_womens_intake.pk])
        )
    html = response.content.decode()
    assert 'id="outside-target-groups"' in html
    assert "Gender not stated as woman, in an intake for women" in html


def test_decision_accepting_outside_the_target_groups_asks_for_a_reason_and_keeps_what_was_typed(
    site_tree, coordinator_client, man_in_a_womens_intake
):
    url = reverse("mentoring:application_decide", args=[man_in_a_womens_intake.pk])
    response = coordinator_client.post(
        url, {"decision": "accepted", "reason": "Välkommen!", "expected_status": "in_review"}
    )
    assert response.status_code == 200
    form = response.context["decision_form"]
    assert "internal_note" in form.errors
    assert form["reason"].value() == "Välkommen!"
    man_in_a_womens_intake.refresh_from_db()
    assert man_in_a_womens_intake.status == Status.IN_REVIEW

    response = coordinator_client.post(
        url,
        {
            "decision": "accepted",
            "reason": "Välkommen!",
            "internal_note": "Beslut efter samtal.",
            "expected_status": "in_review",
        },
    )
    assert response.status_code == 302
    change = StatusChange.objects.filter(application=man_in_a_womens_intake).latest("pk")
    assert (change.to_status, change.internal_note) == (Status.ACCEPTED, "Beslut efter samtal.")


def test_detail_rubric_form_shows_each_coordinator_their_own_review(
    site_tree, client, coordinator, application_in
):
    # An empty rubric form is rendered once per process and kept: a review of one's own is not.
    application = application_in(Status.SUBMITTED)
    url = reverse("mentoring:application_detail", args=[application.pk])
    other = factories.coordinator_user()
    client.force_login(other)
    assert " checked" not in client.get(url).text

    client.force_login(coordinator)
    client.post(
        reverse("mentoring:application_review", args=[application.pk]),
        {
            "score_viability": 5,
            "score_motivation": 4,
            "score_need": 3,
            "score_fit": 2,
            "comment": "Stark idé",
        },
    )
    mine = client.get(url).text
    assert mine.count(" checked") == 4
    assert "Stark idé</textarea>" in mine

    client.force_login(other)
    theirs = client.get(url).text
    assert " checked" not in theirs
    assert "Stark idé</textarea>" not in theirs


def test_detail_decision_form_asks_for_a_reason_only_outside_the_target_groups(
    site_tree, coordinator_client, man_in_a_womens_intake, application_in
):
    woman = application_in(Status.IN_REVIEW, applicant=factories.ApplicantFactory(profile__gender="woman"))
    with translation.override("en"):
        pages = {
            application: coordinator_client.get(
                reverse("mentoring:application_detail", args=[application.pk])
            ).text
            for application in (man_in_a_womens_intake, woman, man_in_a_womens_intake)
        }
    assert "Required when you accept" in pages[man_in_a_womens_intake]
    assert "Required when you accept" not in pages[woman]
    assert 'name="internal_note"' in pages[woman]


def test_decision_buttons_kept_for_an_unsent_form_never_point_to_an_error(
    site_tree, coordinator_client, application_in
):
    application = application_in(Status.IN_REVIEW)
    with translation.override("en"):
        detail_url = reverse("mentoring:application_detail", args=[application.pk])
        decide_url = reverse("mentoring:application_decide", args=[application.pk])
    assert 'aria-describedby="id_decision_error"' not in coordinator_client.get(detail_url).text

    sent = coordinator_client.post(decide_url, {"decision": "", "reason": "", "expected_status": "in_review"})

    assert sent.status_code == 200
    assert 'id="id_decision" aria-describedby="id_decision_error"' in sent.text
    again = coordinator_client.get(detail_url).text
    assert 'id="id_decision"' in again and 'aria-describedby="id_decision_error"' not in again
