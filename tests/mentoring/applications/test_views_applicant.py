"""The applicant's pages: eligibility, profile, the steps of the application, upload, withdraw, dashboard."""

import datetime as dt
import io
import zipfile
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from mentoring.applications import services as application_services
from mentoring.applications import uploads
from mentoring.applications.selectors import intake_state
from mentoring.applications.views.applicant import ELIGIBLE_SESSION_KEY
from mentoring.applications.workflow import Status
from mentoring.mentorships.services.meetings import mentorship_meetings_recount
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import (
    ApplicantProfile,
    Application,
    EligibilityRefusal,
    FollowUpSurvey,
    Goal,
    Meeting,
    Mentorship,
    StatusChange,
)
from tests import factories
from tests.planning_factories import PlannedMeetingFactory

# --- Files ------------------------------------------------------------------------------------

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _zip(members: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if stored_first:
            archive.writestr(stored_first, members.pop(stored_first), compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


DOCX_TYPES = (
    b'<Types><Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def docx(**members: bytes) -> bytes:
    return _zip({"[Content_Types].xml": DOCX_TYPES, "word/document.xml": b"<w:document/>", **members})


def odt() -> bytes:
    return _zip(
        {"mimetype": ODT_MIMETYPE, "content.xml": b"<office/>", "META-INF/manifest.xml": b"<manifest/>"},
        stored_first="mimetype",
    )


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF, "pdf"),
        (docx(), "docx"),
        (odt(), "odt"),
        (_zip({"notes.txt": b"hello"}), None),
        (b"MZ\x90\x00 an exe pretending", None),
        (b"plain text named plan.pdf", None),
    ],
)
def test_document_kind_judges_by_content(content, kind):
    assert uploads.document_kind(io.BytesIO(content)) == kind


@pytest.mark.parametrize(
    "content",
    [
        # Right names, wrong or missing declaration of the main document.
        _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
        _zip({"[Content_Types].xml": DOCX_TYPES, "word/other.xml": b"<w:document/>"}),
        _zip({"[Content_Types].xml": DOCX_TYPES + b" " * 70_000, "word/document.xml": b"<w:document/>"}),
        # mimetype compressed, not first, wrong, or content/manifest missing.
        _zip({"mimetype": ODT_MIMETYPE, "content.xml": b"<o/>", "META-INF/manifest.xml": b"<m/>"}),
        _zip({"content.xml": b"<o/>", "mimetype": ODT_MIMETYPE, "META-INF/manifest.xml": b"<m/>"}),
        _zip(
            {"mimetype": b"application/zip", "content.xml": b"<o/>", "META-INF/manifest.xml": b"<m/>"},
            stored_first="mimetype",
        ),
        _zip({"mimetype": ODT_MIMETYPE, "content.xml": b"<o/>"}, stored_first="mimetype"),
        _zip({"mimetype": ODT_MIMETYPE, "META-INF/manifest.xml": b"<m/>"}, stored_first="mimetype"),
    ],
    ids=[
        "docx-no-main-type",
        "docx-no-document",
        "docx-huge-types",
        "odt-compressed-mimetype",
        "odt-mimetype-not-first",
        "odt-wrong-mimetype",
        "odt-no-manifest",
        "odt-no-content",
    ],
)
def test_document_kind_refuses_a_zip_that_only_looks_like_a_document(content):
    assert uploads.document_kind(io.BytesIO(content)) is None


@pytest.fixture
def private_storage(tmp_path, monkeypatch):
    """Business plans of a test go to a temporary folder, never into the working tree."""
    field = Application._meta.get_field("business_plan")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=str(tmp_path / "private")))
    return field.storage


# --- Programme page ---------------------------------------------------------------------------


def test_programme_page_shows_apply_while_intake_open(client, site_tree):
    intake = factories.IntakeFactory(programme=site_tree.programme)
    html = client.get(site_tree.programme.url).content.decode()
    assert reverse("mentoring:eligibility", args=[intake.pk]) in html


def test_programme_page_says_when_next_intake_opens(client, site_tree):
    intake = factories.IntakeFactory(programme=site_tree.programme, upcoming=True)
    html = client.get(site_tree.programme.url).content.decode()
    assert reverse("mentoring:eligibility", args=[intake.pk]) not in html
    assert "Opens on" in html or "Öppnar" in html


def test_intake_state_costs_at_most_two_queries(site_tree, django_assert_max_num_queries):
    factories.IntakeFactory(programme=site_tree.programme, closed=True)
    with django_assert_max_num_queries(2):
        state = intake_state(site_tree.programme, now=timezone.now())
    assert state.status == "closed"


# --- Eligibility ------------------------------------------------------------------------------


def test_eligibility_refusal_keeps_only_an_anonymous_count(client, intake):
    url = reverse("mentoring:eligibility", args=[intake.pk])
    response = client.post(
        url, {"municipality": "other", "employment_status": "employed", "birth_year": "1980"}
    )
    assert response.status_code == 200
    assert "Arbetsförmedlingen" in response.content.decode()
    assert EligibilityRefusal.objects.get(intake=intake).count == 1
    assert not client.session.get(ELIGIBLE_SESSION_KEY)
    assert not ApplicantProfile.objects.exists()


def test_eligibility_pass_says_she_can_apply_and_offers_both_ways_in_keeping_where_she_goes(client, intake):
    url = reverse("mentoring:eligibility", args=[intake.pk])
    response = client.post(
        url, {"municipality": "molndal", "employment_status": "under_notice", "birth_year": "1985"}
    )

    assert response.status_code == 200
    assert response.templates[0].name == "mentoring/applicant/eligible.html"
    next_query = urlencode({"next": reverse("mentoring:profile", args=[intake.pk])})
    html = response.content.decode()
    assert f'href="{reverse("account_signup")}?{escape(next_query)}"' in html
    assert f'href="{reverse("account_login")}?{escape(next_query)}"' in html


def test_eligibility_pass_keeps_the_answers_in_the_session_only(client, db):
    intake = factories.IntakeFactory(target_groups=["self_employed"], business_max_age_months=24)
    registered = (timezone.localdate() - dt.timedelta(days=100)).isoformat()
    url = reverse("mentoring:eligibility", args=[intake.pk])
    client.post(
        url,
        {
            "municipality": "kungalv",
            "employment_status": "self_employed",
            "business_registered_on": registered,
            "birth_year": "1979",
        },
    )

    assert client.session[ELIGIBLE_SESSION_KEY] == {
        str(intake.pk): {
            "municipality": "kungalv",
            "birth_year": 1979,
            "employment_status": "self_employed",
            "business_registered_on": registered,
        }
    }
    assert not ApplicantProfile.objects.exists()
    assert not Application.objects.exists()


def test_eligibility_pass_when_signed_in_goes_straight_to_the_profile(client, intake):
    client.force_login(factories.verified_user())
    response = client.post(
        reverse("mentoring:eligibility", args=[intake.pk]),
        {"municipality": "molndal", "employment_status": "under_notice", "birth_year": "1985"},
    )
    assert response.url == reverse("mentoring:profile", args=[intake.pk])


def test_eligibility_lets_in_a_business_younger_than_the_intakes_limit(client, db):
    intake = factories.IntakeFactory(target_groups=["employed", "self_employed"], business_max_age_months=24)
    url = reverse("mentoring:eligibility", args=[intake.pk])
    young = {"municipality": "molndal", "employment_status": "self_employed", "birth_year": "1985"}
    registered = timezone.localdate() - dt.timedelta(days=300)

    response = client.post(url, young | {"business_registered_on": registered.isoformat()})

    assert response.templates[0].name == "mentoring/applicant/eligible.html"
    assert not EligibilityRefusal.objects.exists()


def test_eligibility_turns_away_an_older_business_saying_the_intakes_limit(client, db):
    intake = factories.IntakeFactory(target_groups=["self_employed"], business_max_age_months=24)
    old = timezone.localdate() - dt.timedelta(days=3 * 365)
    with translation.override("en"):
        response = client.post(
            reverse("mentoring:eligibility", args=[intake.pk]),
            {
                "municipality": "molndal",
                "employment_status": "self_employed",
                "business_registered_on": old.isoformat(),
                "birth_year": "1985",
            },
        )
    assert "This intake is for businesses registered less than 2 years ago." in response.content.decode()
    assert EligibilityRefusal.objects.get(intake=intake).reason == "business_age"


def test_eligibility_asks_the_self_employed_when_the_business_was_registered(client, intake):
    url = reverse("mentoring:eligibility", args=[intake.pk])
    response = client.post(
        url, {"municipality": "molndal", "employment_status": "self_employed", "birth_year": "1985"}
    )
    form = response.context["form"]
    assert "business_registered_on" in form.errors
    # Nothing she chose is lost.
    assert form["employment_status"].value() == "self_employed"
    assert form["municipality"].value() == "molndal"


def test_eligibility_check_shows_who_may_apply_from_the_intake(client, db):
    intake = factories.IntakeFactory(
        for_women=True,
        target_groups=["under_notice", "self_employed"],
        business_max_age_months=24,
        municipalities=["molndal"],
    )
    with translation.override("en"):
        html = client.get(reverse("mentoring:eligibility", args=[intake.pk]))
    text = html.content.decode()
    assert "The intake is for women." in text
    assert "Self-employed, with a business registered less than 2 years ago" in text
    assert "You live or work in Mölndal." in text


def test_eligibility_of_closed_intake_shows_no_form(client, db):
    intake = factories.IntakeFactory(closed=True)
    response = client.get(reverse("mentoring:eligibility", args=[intake.pk]))
    assert b'name="municipality"' not in response.content


def test_eligibility_url_resumes_the_saved_step(client, draft):
    Application.objects.filter(pk=draft.pk).update(step="needs")
    client.force_login(draft.applicant)
    response = client.get(reverse("mentoring:eligibility", args=[draft.intake_id]))
    assert response.url == reverse("mentoring:application_step", args=[draft.pk, "needs"])


# --- Profile ----------------------------------------------------------------------------------


def _passed(client, intake, **answers):
    session = client.session
    session[ELIGIBLE_SESSION_KEY] = {str(intake.pk): answers}
    session.save()


PROFILE = {
    "first_name": "Alva",
    "last_name": "Berg",
    "phone": "070-123 45 67",
    "municipality": "molndal",
    "birth_year": "1985",
    "gender": "woman",
    "employment_status": "unemployed",
    "months_unemployed": "",
    "former_sector": "automotive_supplier",
    "education_level": "undisclosed",
    "languages": ["sv", "ar"],
    "contact_language": "sv",
    "consent": "on",
}


def test_profile_asks_for_months_only_when_unemployed(client, intake):
    user = factories.verified_user()
    client.force_login(user)
    _passed(client, intake)
    response = client.post(reverse("mentoring:profile", args=[intake.pk]), PROFILE)
    assert response.status_code == 200
    assert "months_unemployed" in response.context["form"].errors
    assert response.context["form"]["phone"].value() == "070-123 45 67"  # nothing typed is lost
    assert not ApplicantProfile.objects.filter(user=user).exists()


def test_profile_records_consent_and_starts_the_application(client, intake, settings):
    user = factories.verified_user()
    client.force_login(user)
    _passed(client, intake)
    response = client.post(
        reverse("mentoring:profile", args=[intake.pk]), {**PROFILE, "months_unemployed": "5"}
    )
    profile = ApplicantProfile.objects.get(user=user)
    application = Application.objects.get(applicant=user, intake=intake)
    assert profile.privacy_notice_version == settings.PRIVACY_NOTICE_VERSION
    assert profile.consent_at is not None and profile.languages == ["sv", "ar"]
    assert response.url == reverse("mentoring:application_step", args=[application.pk, "idea"])


def test_profile_is_filled_in_with_what_the_check_learnt(client, intake):
    client.force_login(factories.verified_user())
    _passed(
        client,
        intake,
        municipality="kungalv",
        birth_year=1979,
        employment_status="self_employed",
        business_registered_on="2026-01-15",
    )

    form = client.get(reverse("mentoring:profile", args=[intake.pk])).context["form"]

    assert form["municipality"].value() == "kungalv"
    assert form["birth_year"].value() == 1979
    # The check's situation is the profile's own choice, not a word from another list.
    assert form["employment_status"].value() == "self_employed"
    assert "self_employed" in dict(form.fields["employment_status"].choices)
    assert form["business_registered_on"].value() == "2026-01-15"


def test_profile_saved_forgets_the_checks_answers(client, intake):
    user = factories.verified_user()
    client.force_login(user)
    _passed(client, intake, municipality="molndal", birth_year=1985, employment_status="unemployed")

    client.post(reverse("mentoring:profile", args=[intake.pk]), {**PROFILE, "months_unemployed": "5"})

    assert ApplicantProfile.objects.get(user=user).employment_status == "unemployed"
    assert str(intake.pk) not in client.session[ELIGIBLE_SESSION_KEY]


def test_profile_stores_the_business_registration_date_of_the_self_employed_only(client, intake):
    user = factories.verified_user()
    client.force_login(user)
    _passed(client, intake)
    url = reverse("mentoring:profile", args=[intake.pk])

    missing = client.post(url, {**PROFILE, "employment_status": "self_employed"})
    assert "business_registered_on" in missing.context["form"].errors

    client.post(
        url, {**PROFILE, "employment_status": "self_employed", "business_registered_on": "2025-11-02"}
    )
    assert ApplicantProfile.objects.get(user=user).business_registered_on == dt.date(2025, 11, 2)


def test_profile_without_passing_eligibility_goes_back_to_the_check(client, intake):
    client.force_login(factories.verified_user())
    response = client.get(reverse("mentoring:profile", args=[intake.pk]))
    assert response.url == reverse("mentoring:eligibility", args=[intake.pk])


# --- Steps ------------------------------------------------------------------------------------


def _step(application, step):
    return reverse("mentoring:application_step", args=[application.pk, step])


def test_step_shows_progress_with_current_step(client, draft):
    client.force_login(draft.applicant)
    html = client.get(_step(draft, "market")).content.decode()
    assert '<span aria-current="step">' in html


def test_invalid_organisation_number_is_explained_and_kept(client, draft):
    client.force_login(draft.applicant)
    data = {
        "business_sector": "S",
        "stage": "registered",
        "organisation_number": "556123-4568",
        "action": "continue",
    }
    response = client.post(_step(draft, "market"), data)
    assert "organisation_number" in response.context["form"].errors
    assert 'value="556123-4568"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.stage != "registered"


def test_save_and_leave_keeps_a_half_filled_step_and_where_it_was(client, draft):
    client.force_login(draft.applicant)
    response = client.post(
        _step(draft, "idea"), {"idea_title": "Ny titel", "idea_description": "", "action": "leave"}
    )
    assert response.url == reverse("mentoring:dashboard")
    draft.refresh_from_db()
    assert (draft.idea_title, draft.idea_description, draft.step) == ("Ny titel", "", "idea")
    assert _step(draft, "idea") in client.get(reverse("mentoring:dashboard")).content.decode()


def test_save_and_continue_requires_the_step_answers(client, draft):
    client.force_login(draft.applicant)
    response = client.post(_step(draft, "needs"), {"support_needs_other": "Bokföring", "action": "continue"})
    assert "support_needs" in response.context["form"].errors
    assert "Bokföring" in response.content.decode()


@pytest.mark.parametrize("who", ["other_applicant", "coordinator"])
def test_someone_elses_draft_is_404(client, draft, who):
    user = factories.ApplicantFactory() if who == "other_applicant" else factories.coordinator_user()
    client.force_login(user)
    assert client.get(_step(draft, "idea")).status_code == 404
    assert client.post(_step(draft, "idea"), {"idea_title": "x", "action": "leave"}).status_code == 404
    assert client.get(reverse("mentoring:application_withdraw", args=[draft.pk])).status_code == 404


def test_submit_with_missing_answers_links_to_their_steps(client, draft):
    Application.objects.filter(pk=draft.pk).update(idea_description="", support_needs=[])
    client.force_login(draft.applicant)
    response = client.post(_step(draft, "review"), {"action": "submit"})
    html = response.content.decode()
    assert _step(draft, "idea") in html and _step(draft, "needs") in html
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_submit_complete_application(client, draft, mailoutbox):
    client.force_login(draft.applicant)
    response = client.post(_step(draft, "review"), {"action": "submit"})
    assert response.url == reverse("mentoring:dashboard")
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


# --- Business plan ----------------------------------------------------------------------------


def test_upload_rejects_a_file_that_is_not_a_document(client, draft, private_storage):
    client.force_login(draft.applicant)
    fake = SimpleUploadedFile("plan.pdf", b"just text", content_type="application/pdf")
    response = client.post(_step(draft, "attachments"), {"business_plan": fake, "action": "continue"})
    assert "business_plan" in response.context["form"].errors
    draft.refresh_from_db()
    assert not draft.business_plan


def test_upload_rejects_a_file_over_the_limit(client, draft, private_storage, settings):
    settings.BUSINESS_PLAN_MAX_BYTES = 100
    client.force_login(draft.applicant)
    big = SimpleUploadedFile("plan.pdf", PDF + b"0" * 200)
    response = client.post(_step(draft, "attachments"), {"business_plan": big, "action": "continue"})
    assert "business_plan" in response.context["form"].errors


def test_upload_over_the_limit_is_dropped_while_it_arrives(client, draft, private_storage):
    # The limit sees each chunk before Django's handlers keep it in memory or on disk.
    handlers = django_settings.FILE_UPLOAD_HANDLERS
    assert handlers.index("mentoring.applications.uploads.BusinessPlanSizeLimit") < min(
        handlers.index(f"django.core.files.uploadhandler.{name}")
        for name in ("MemoryFileUploadHandler", "TemporaryFileUploadHandler")
    )
    client.force_login(draft.applicant)
    limit = django_settings.BUSINESS_PLAN_MAX_BYTES
    big = SimpleUploadedFile("plan.pdf", PDF + b"0" * (limit + 1 - len(PDF)))
    response = client.post(_step(draft, "attachments"), {"business_plan": big, "action": "continue"})
    assert response.status_code == 200
    assert response.wsgi_request.oversized_uploads == {"business_plan"}
    [error] = response.context["form"].errors["business_plan"]
    with translation.override("sv"):
        expected = gettext(
            "The file is larger than %(limit)s, the largest allowed. Make it smaller and try again."
        ) % {"limit": filesizeformat(limit)}
    assert error == expected
    draft.refresh_from_db()
    assert not draft.business_plan and draft.step != "review"


def test_business_plan_is_stored_privately_and_served_only_to_those_allowed(client, draft, private_storage):
    client.force_login(draft.applicant)
    content = docx()
    upload = SimpleUploadedFile("Min affärsplan.docx", content)
    client.post(_step(draft, "attachments"), {"business_plan": upload, "action": "continue"})
    draft.refresh_from_db()
    assert draft.business_plan_name == "Min affärsplan.docx"
    assert draft.business_plan.name.endswith(".docx") and private_storage.exists(draft.business_plan.name)

    url = reverse("mentoring:business_plan", args=[draft.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == content

    # A draft is the applicant's alone, coordinators included (they get it once submitted, below).
    client.force_login(factories.coordinator_user())
    assert client.get(url).status_code == 404
    client.force_login(factories.ApplicantFactory())
    assert client.get(url).status_code == 404


def test_removing_the_business_plan_deletes_the_file(
    client, draft, private_storage, django_capture_on_commit_callbacks
):
    client.force_login(draft.applicant)
    client.post(
        _step(draft, "attachments"), {"business_plan": SimpleUploadedFile("p.pdf", PDF), "action": "leave"}
    )
    draft.refresh_from_db()
    stored = draft.business_plan.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_step(draft, "attachments"), {"remove_business_plan": "on", "action": "leave"})
    draft.refresh_from_db()
    assert not draft.business_plan and draft.business_plan_name == ""
    assert not private_storage.exists(stored)


# --- Business plan: who gets it, under which name ----------------------------------------------


def _with_plan(**kwargs) -> Application:
    return factories.ApplicationFactory(
        business_plan=ContentFile(PDF, name="business-plan.pdf"),
        business_plan_name="Zelda Svensson affärsplan.pdf",
        applicant__profile__first_name="Zelda",
        **kwargs,
    )


def _plan_url(application):
    return reverse("mentoring:business_plan", args=[application.pk])


def test_business_plan_has_a_neutral_name_in_a_blind_review(site_tree, client, intake, now):
    intake.blind_review = True
    intake.save()
    application = _with_plan(intake=intake, status=Status.SUBMITTED, now=now)
    neutral = f"business-plan-{application.pk}.pdf"

    client.force_login(factories.coordinator_user())
    download = client.get(_plan_url(application))
    assert neutral in download["Content-Disposition"] and "Zelda" not in download["Content-Disposition"]
    detail = client.get(reverse("mentoring:application_detail", args=[application.pk])).text
    assert neutral in detail and "affärsplan" not in detail

    client.force_login(application.applicant)
    assert "Zelda" in client.get(_plan_url(application))["Content-Disposition"]


def test_business_plan_keeps_its_name_outside_a_blind_review(site_tree, client, intake, now):
    application = _with_plan(intake=intake, status=Status.SUBMITTED, now=now)
    client.force_login(factories.coordinator_user())
    assert "Zelda" in client.get(_plan_url(application))["Content-Disposition"]
    assert "affärsplan" in client.get(reverse("mentoring:application_detail", args=[application.pk])).text


@pytest.mark.parametrize("status", [Status.DRAFT, Status.WITHDRAWN])
def test_never_submitted_application_is_the_applicants_alone(client, intake, status):
    application = _with_plan(intake=intake, status=status)
    assert application.submitted_at is None
    client.force_login(factories.coordinator_user())
    assert client.get(_plan_url(application)).status_code == 404
    assert client.get(reverse("mentoring:application_detail", args=[application.pk])).status_code == 404
    client.force_login(application.applicant)
    assert client.get(_plan_url(application)).status_code == 200


# --- A draft that is no longer one ------------------------------------------------------------


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _in_swedish(msgid: str) -> str:
    with translation.override("sv"):
        return gettext(msgid)


def test_step_of_a_withdrawn_draft_says_it_is_withdrawn(client, application_in):
    application = application_in(Status.WITHDRAWN)
    client.force_login(application.applicant)
    response = client.get(_step(application, "idea"))
    assert response.url == reverse("mentoring:dashboard")
    assert _messages(response) == [
        _in_swedish("This application has been withdrawn and can no longer be changed.")
    ]


def test_refused_submit_says_what_happened_meanwhile(client, draft, monkeypatch):
    """Withdrawn in another tab while the review page was open: the submit is refused, and says why."""
    submit = application_services.application_submit

    def withdrawn_meanwhile(*, application, actor, now):
        application_services.application_withdraw(
            application=Application.objects.get(pk=application.pk), actor=actor, role="applicant", now=now
        )
        return submit(application=application, actor=actor, now=now)

    monkeypatch.setattr(application_services, "application_submit", withdrawn_meanwhile)
    client.force_login(draft.applicant)
    response = client.post(_step(draft, "review"), {"action": "submit"})
    assert response.status_code == 302 and response.url == reverse("mentoring:dashboard")
    assert _messages(response) == [
        _in_swedish("This application has been withdrawn and can no longer be changed.")
    ]


# --- Withdraw and dashboard -------------------------------------------------------------------


def test_withdraw_a_submitted_application(client, application_in):
    application = application_in(Status.SUBMITTED)
    client.force_login(application.applicant)
    response = client.post(reverse("mentoring:application_withdraw", args=[application.pk]), {"reason": ""})
    assert response.url == reverse("mentoring:dashboard")
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN


def test_withdraw_after_a_decision_is_refused_with_a_message(client, application_in):
    application = application_in(Status.ACCEPTED)
    client.force_login(application.applicant)
    url = reverse("mentoring:application_withdraw", args=[application.pk])
    assert b'name="reason"' not in client.get(url).content
    client.post(url, {"reason": ""})
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED


def test_dashboard_timeline_shows_reasons_never_internal_notes(client, application_in):
    application = application_in(Status.SUBMITTED)
    StatusChange.objects.create(
        application=application,
        at=timezone.now(),
        from_status="submitted",
        to_status="in_review",
        reason="Vi läser din ansökan.",
        internal_note="HEMLIG ANTECKNING",
    )
    client.force_login(application.applicant)
    html = client.get(reverse("mentoring:dashboard")).content.decode()
    assert "Vi läser din ansökan." in html
    assert "HEMLIG ANTECKNING" not in html


def test_dashboard_needs_sign_in(client, db):
    assert client.get(reverse("mentoring:dashboard")).status_code == 302


def _accepted_with_mentorship(person, *, n: int, now):
    """`person` accepted `n` times, each with a running mentorship (two open goals, meetings, a
    planned meeting), and once more with a mentorship that ended and its surveys."""
    for k in range(n):
        application = factories.ApplicationFactory(applicant=person, status=Status.ACCEPTED, now=now)
        mentorship = factories.MentorshipFactory(
            participant=application, status=MentorshipStatus.ACTIVE, answered_at=now
        )
        for days in (30, 10):
            Goal.objects.create(
                mentorship=mentorship,
                title=f"Mål {k} om {days} dagar",
                target_date=now.date() + dt.timedelta(days=days),
                created_at=now,
            )
        for week in range(n):
            Meeting.objects.create(
                mentorship=mentorship,
                held_on=dt.date(2026, 3, 2 + k) - dt.timedelta(days=7 * week),
                minutes=60,
                format="online",
                logged_at=now,
                updated_at=now,
            )
        # As the meeting services do after logging one.
        mentorship_meetings_recount(mentorships=Mentorship.objects.filter(pk=mentorship.pk))
        PlannedMeetingFactory(mentorship=mentorship)
    application = factories.ApplicationFactory(applicant=person, status=Status.ACCEPTED, now=now)
    ended = factories.MentorshipFactory(
        participant=application, status=MentorshipStatus.COMPLETED, answered_at=now, ended_at=now
    )
    for kind in ("exit", "six_months"):
        FollowUpSurvey.objects.create(participant=application, mentorship=ended, kind=kind, due_at=now)


def test_dashboard_takes_the_same_queries_for_one_mentorship_and_for_three(
    client, db, now, django_assert_max_num_queries
):
    small, large = factories.ApplicantFactory(), factories.ApplicantFactory()
    _accepted_with_mentorship(small, n=1, now=now)
    _accepted_with_mentorship(large, n=3, now=now)
    client.force_login(small)
    client.get(reverse("mentoring:dashboard"))
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("mentoring:dashboard"))
    # Counted now: the next request empties the query log `few` reads from.
    budget = len(few.captured_queries)
    client.force_login(large)
    client.get(reverse("mentoring:dashboard"))

    with django_assert_max_num_queries(budget):
        html = client.get(reverse("mentoring:dashboard")).text

    # Each running mentorship with its nearest open goal and its last meeting, and each planned meeting.
    for k in range(3):
        assert f"Mål {k} om 10 dagar" in html and f"Mål {k} om 30 dagar" not in html
        assert f'datetime="2026-03-0{2 + k}"' in html
    assert html.count('aria-labelledby="planned-') == 3


# --- Reading a sent application again ------------------------------------------------------------


def _read_url(application):
    return reverse("mentoring:application_read", args=[application.pk])


@pytest.mark.parametrize(
    "status", [Status.SUBMITTED, Status.IN_REVIEW, Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN]
)
def test_application_read_shows_every_answer_and_the_plan_at_any_status(client, application_in, status):
    application = application_in(
        status,
        market_description="Verkstäder i Mölndal som saknar folk.",
        business_plan=ContentFile(PDF, name="plan.pdf"),
        business_plan_name="Min affärsplan.pdf",
    )
    client.force_login(application.applicant)
    dashboard = client.get(reverse("mentoring:dashboard")).text
    assert _read_url(application) in dashboard

    html = client.get(_read_url(application)).text
    assert application.idea_title in html and application.idea_description in html
    assert "Verkstäder i Mölndal som saknar folk." in html and "Min affärsplan.pdf" in html
    assert reverse("mentoring:business_plan", args=[application.pk]) in html
    assert client.get(reverse("mentoring:business_plan", args=[application.pk])).status_code == 200


@pytest.mark.parametrize("who", ["other applicant", "coordinator"])
def test_application_read_of_someone_elses_application_is_404(client, application_in, who):
    application = application_in(Status.SUBMITTED)
    stranger = factories.ApplicantFactory() if who == "other applicant" else factories.coordinator_user()
    client.force_login(stranger)
    assert client.get(_read_url(application)).status_code == 404
    assert client.get(reverse("mentoring:application_read", args=[application.pk + 1000])).status_code == 404


def test_application_read_is_offered_only_once_sent(client, draft):
    client.force_login(draft.applicant)
    assert _read_url(draft) not in client.get(reverse("mentoring:dashboard")).text


# --- Intake names in the reader's language -------------------------------------------------------


def test_dashboard_names_the_intake_in_english_or_marks_the_swedish_one(client, application_in, intake):
    intake.title, intake.title_en = "Starta eget – omgång 1", "Start a business – round 1"
    intake.save()
    application = application_in(Status.SUBMITTED)
    client.force_login(application.applicant)
    with translation.override("en"):
        url = reverse("mentoring:dashboard")
    assert "Start a business – round 1" in client.get(url).text

    intake.title_en = ""
    intake.save()
    assert '<span lang="sv">Starta eget – omgång 1</span>' in client.get(url).text
