"""Every named URL of the portal, tried by eight kinds of person, against one table of answers.

The URLs are read from the URL configuration, so a new view fails
`test_url_matrix_covers_every_url` until a row in EXPECTED (or, for the two
admin sites, a route prefix in STAFF_AREAS) says who may open it.

Each URL is called with real objects that belong to someone: Alva's submitted
application, her enrolment and guidance booking; Petra's mentorship with Maja
and its meeting, goal and survey; a proposal waiting for Maja; a company's
planned effort. So "applicant" reads her own application, and "other
applicant" (Bo) must be refused the very same address.

The people: anonymous, applicant (Alva), other_applicant (Bo), participant
(Petra, accepted, mentored by Maja), mentor (Maja), other_mentor (Mats),
coordinator, editor.

One test per person builds the world once and walks every URL, so a failure
lists every address that answered differently, not the first.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.documents import get_document_model

from mentoring.applications.workflow import Status
from mentoring.calendars import services as calendar_services
from mentoring.companies.services import company_join_token
from mentoring.followup.services import survey_token
from mentoring.guidance import services as guidance_services
from mentoring.mentors.services import mentor_invitation_token
from mentoring.mentorships.services import meetings as meeting_services
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import (
    CompanyRequest,
    CompanyRequestStatus,
    EffortKind,
    FollowUpSurvey,
    MatchingRun,
    MentorInvitation,
    SurveyKind,
)
from mentoring.models.guidance import GuidanceMode
from mentoring.training import services as training_services
from portal import roles
from tests import factories
from tests.planning_factories import PlannedMeetingFactory
from tests.training_factories import (
    TrainingOccasionFactory,
    certificate_stated,
    training_index,
    training_offer,
)

pytestmark = pytest.mark.django_db

ACTORS = (
    "anonymous",
    "applicant",
    "other_applicant",
    "participant",
    "mentor",
    "other_mentor",
    "coordinator",
    "editor",
)
LOGIN = "sign-in"  # a redirect to allauth's sign-in page
ELSEWHERE = "redirect"  # a redirect anywhere but the sign-in page
ANY = "any"  # answers without a server error; what it shows is tried elsewhere

PRIVATE_NOTE = "Majas privata anteckning om Petra"


def row(anonymous, applicant, other_applicant, participant, mentor, other_mentor, coordinator, editor):
    return dict(
        zip(
            ACTORS,
            (anonymous, applicant, other_applicant, participant, mentor, other_mentor, coordinator, editor),
            strict=True,
        )
    )


def everyone(answer):
    return row(*(answer,) * len(ACTORS))


def signed_in(answer):
    """Anonymous is sent to sign in; everyone else gets `answer`."""
    return row(LOGIN, *(answer,) * (len(ACTORS) - 1))


def coordinators_only(answer=200):
    return row(LOGIN, 403, 403, 403, 403, 403, answer, 403)


# What a GET answers, per URL name and person. 405: the view takes only POST.
EXPECTED = {
    # --- Public pages and the site's plumbing -----------------------------------------------
    "wagtail_serve": everyone(200),
    "search": everyone(200),
    "sitemap": everyone(200),
    "health": everyone(200),
    "set_language": everyone(ELSEWHERE),
    "wagtaildocs_serve": everyone(200),
    "wagtaildocs_authenticate_with_password": everyone(404),
    "wagtailcore_authenticate_with_password": everyone(404),
    # Wagtail's sign-in form for private pages would bypass allauth's limits: it sends there.
    "wagtailcore_login": everyone(LOGIN),
    # --- Accounts (allauth) -----------------------------------------------------------------
    "account_login": row(200, *(ELSEWHERE,) * 7),
    "account_signup": row(200, *(ELSEWHERE,) * 7),
    "account_logout": row(ELSEWHERE, *(200,) * 7),
    "account_inactive": everyone(200),
    "account_reauthenticate": signed_in(200),
    "account_request_reauthentication_code": signed_in(ANY),
    "account_confirm_reauthentication_code": signed_in(ANY),
    "account_email": signed_in(200),
    "account_email_verification_sent": everyone(200),
    "account_change_password": signed_in(200),
    "account_set_password": signed_in(ELSEWHERE),
    "account_reset_password": everyone(200),
    "account_reset_password_done": everyone(200),
    "account_confirm_login_code": everyone(ANY),
    "account_confirm_email": everyone(200),
    "account_reset_password_from_key": everyone(200),
    "account_reset_password_from_key_done": everyone(200),
    "mfa_index": signed_in(200),
    "mfa_authenticate": signed_in(ELSEWHERE),
    "mfa_reauthenticate": signed_in(ELSEWHERE),
    "mfa_activate_totp": signed_in(ELSEWHERE),  # asks for the password again first
    "mfa_deactivate_totp": signed_in(404),
    "mfa_view_recovery_codes": signed_in(404),
    "mfa_generate_recovery_codes": signed_in(ELSEWHERE),
    "mfa_download_recovery_codes": signed_in(404),
    "account_home": signed_in(200),
    # --- Applying: a person's own application, or nothing -----------------------------------
    "mentoring:eligibility": row(200, ELSEWHERE, ELSEWHERE, ELSEWHERE, 200, 200, 200, 200),
    "mentoring:profile": row(
        LOGIN, ELSEWHERE, ELSEWHERE, ELSEWHERE, ELSEWHERE, ELSEWHERE, ELSEWHERE, ELSEWHERE
    ),
    "mentoring:dashboard": signed_in(200),
    "mentoring:application": row(LOGIN, ELSEWHERE, 404, 404, 404, 404, 404, 404),
    "mentoring:application_step": row(LOGIN, ELSEWHERE, 404, 404, 404, 404, 404, 404),
    "mentoring:application_withdraw": row(LOGIN, 200, 404, 404, 404, 404, 404, 404),
    "mentoring:business_plan": row(LOGIN, 200, 404, 404, 404, 404, 200, 404),
    "mentoring:application_read": row(LOGIN, 200, 404, 404, 404, 404, 404, 404),
    # --- Reviewing and deciding: the Coordinators role ------------------------------------
    "mentoring:intake_list": coordinators_only(),
    "mentoring:review_queue": coordinators_only(),
    "mentoring:bulk_decide": coordinators_only(405),
    "mentoring:application_detail": coordinators_only(),
    "mentoring:application_review": coordinators_only(405),
    "mentoring:application_conflict": coordinators_only(405),
    "mentoring:application_decide": coordinators_only(405),
    "mentoring:application_identity_reveal": coordinators_only(405),
    "mentoring:person_record": coordinators_only(),
    # --- Mentors: their own page and proposals; onboarding by the coordinators --------------
    "mentoring:mentor_dashboard": row(LOGIN, ELSEWHERE, ELSEWHERE, ELSEWHERE, 200, 200, ELSEWHERE, ELSEWHERE),
    "mentoring:mentor_apply": row(LOGIN, 200, 200, 200, ELSEWHERE, ELSEWHERE, 200, 200),
    "mentoring:mentor_join": row(ELSEWHERE, 200, 200, 200, ELSEWHERE, ELSEWHERE, 200, 200),
    "mentoring:mentor_profile": row(LOGIN, ELSEWHERE, ELSEWHERE, ELSEWHERE, 200, 200, ELSEWHERE, ELSEWHERE),
    "mentoring:mentorship_accept": signed_in(405),
    "mentoring:mentorship_decline": row(LOGIN, 404, 404, 404, 200, 404, 404, 404),
    "mentoring:mentor_list": coordinators_only(),
    "mentoring:mentor_invite": coordinators_only(405),
    "mentoring:mentor_approve": coordinators_only(405),
    # --- The matching board -----------------------------------------------------------------
    "mentoring:matching_board": coordinators_only(),
    "mentoring:matching_run": coordinators_only(405),
    "mentoring:matching_progress": coordinators_only(),
    "mentoring:matching_choice": coordinators_only(405),
    "mentoring:matching_swap_mentors": coordinators_only(),
    "mentoring:matching_confirm": coordinators_only(405),
    # --- Inside a mentorship: its mentor and participant only (coordinators may end it) -----
    "mentoring:mentorship_detail": row(LOGIN, 404, 404, 200, 200, 404, 404, 404),
    "mentoring:meeting_new": row(LOGIN, 404, 404, 200, 200, 404, 404, 404),
    "mentoring:meeting_edit": row(LOGIN, 404, 404, 200, 200, 404, 404, 404),
    "mentoring:goal_add": row(LOGIN, 405, 405, 405, 405, 405, 405, 405),
    "mentoring:goal_done": row(LOGIN, 405, 405, 405, 405, 405, 405, 405),
    "mentoring:mentorship_end": row(LOGIN, 404, 404, 404, 200, 404, 200, 404),
    # Planning the next meeting: its two parties only. Petra's and Maja's meeting is planned and
    # its time has passed, so it can be logged, said not to have happened, moved or cancelled,
    # and a second one cannot be planned (sent back to the mentorship page).
    "mentoring:planned_meeting_new": row(LOGIN, 404, 404, ELSEWHERE, ELSEWHERE, 404, 404, 404),
    "mentoring:planned_meeting_move": row(LOGIN, 404, 404, 200, 200, 404, 404, 404),
    "mentoring:planned_meeting_cancel": row(LOGIN, 404, 404, 200, 200, 404, 404, 404),
    "mentoring:planned_meeting_log": row(LOGIN, 404, 404, 200, 200, 404, 404, 404),
    "mentoring:planned_meeting_missed": row(LOGIN, 404, 404, 200, 200, 404, 404, 404),
    "mentoring:coordinator_mentorships": coordinators_only(),
    "mentoring:mentorship_return_to_matching": coordinators_only(),
    # --- Follow-up: the survey's signed link is the key; phone answers are the coordinators' -
    "mentoring:survey": everyone(200),
    "mentoring:survey_list": coordinators_only(),
    "mentoring:survey_phone": coordinators_only(),
    # --- Figures ----------------------------------------------------------------------------
    "mentoring:figures_dashboard": coordinators_only(),
    "mentoring:figures_download": coordinators_only(),
    # --- A person's own data ----------------------------------------------------------------
    # Both ask her to prove it is her first (allauth's reauthentication).
    "mentoring:personal_data_download": signed_in(ELSEWHERE),
    "mentoring:personal_data_erase": signed_in(ELSEWHERE),
    # --- Study guidance: booking is anyone's; the counsellors' pages need that role ---------
    "mentoring:guidance": everyone(200),
    "mentoring:guidance_book": signed_in(200),
    "mentoring:guidance_calendar": row(LOGIN, 200, 404, 404, 404, 404, 404, 404),
    "mentoring:guidance_cancel": row(LOGIN, 200, 404, 404, 404, 404, 404, 404),
    "mentoring:counsellor_home": signed_in(403),
    "mentoring:counsellor_slot_cancel": signed_in(403),
    "mentoring:counsellor_outcome": signed_in(403),
    # --- Courses: enrolling is anyone's; attendance is staff's ------------------------------
    "mentoring:training_enrol": row(LOGIN, ELSEWHERE, 200, 200, ELSEWHERE, ELSEWHERE, ELSEWHERE, ELSEWHERE),
    "mentoring:training_enrol_profile": row(LOGIN, ELSEWHERE, ELSEWHERE, ELSEWHERE, 200, 200, 200, 200),
    "mentoring:training_cancel": row(LOGIN, 200, 404, 404, 404, 404, 404, 404),
    "mentoring:training_hours_confirm": row(LOGIN, 200, 404, 404, 404, 404, 404, 404),
    # Certificates: Alva's, of her course that has ended; anyone may check its code.
    "mentoring:certificate_issue": row(LOGIN, 405, 405, 405, 405, 405, 405, 405),
    "mentoring:certificate_download": row(LOGIN, 200, 404, 404, 404, 404, 404, 404),
    "mentoring:certificate_verify": everyone(200),
    "mentoring:certificate_verify_code": everyone(200),
    "mentoring:staff_occasions": coordinators_only(),
    "mentoring:staff_occasion": coordinators_only(),
    # --- Company requests: the form is public; the rest is the coordinators' ----------------
    "mentoring:company_request": everyone(200),
    "mentoring:company_request_thanks": everyone(200),
    "mentoring:company_join": row(LOGIN, 200, 200, 200, ELSEWHERE, ELSEWHERE, ELSEWHERE, ELSEWHERE),
    "mentoring:company_requests": coordinators_only(),
    "mentoring:company_request_detail": coordinators_only(),
    "mentoring:company_request_plan_occasion": coordinators_only(405),
    "mentoring:company_request_plan_mentoring": coordinators_only(405),
    "mentoring:company_request_decline": coordinators_only(405),
    "mentoring:company_request_close": coordinators_only(405),
    "mentoring:company_request_link": coordinators_only(405),
    "mentoring:company_request_resend_link": coordinators_only(405),
    "mentoring:company_request_unlink_enrolment": coordinators_only(405),
    "mentoring:company_request_unlink_application": coordinators_only(405),
    # --- The calendar feed: its page is everyone's own (Alva's feed is on; anyone else is sent
    # from replacing or turning off a feed they do not have back to the page); the feed's
    # secret address is the key, whoever holds it -------------------------------------------
    "mentoring:calendar_feed_settings": signed_in(200),
    "mentoring:calendar_feed_replace": row(LOGIN, 200, *(ELSEWHERE,) * 6),
    "mentoring:calendar_feed_off": row(LOGIN, 200, *(ELSEWHERE,) * 6),
    "calendar_feed": everyone(200),
}

# The two admin sites: Wagtail's (editors, coordinators for their snippets) and Django's
# (superusers only). Every URL under them is tried with made-up arguments by everyone
# without admin access, who must never get a page; their staff get the argument-free ones.
STAFF_AREAS = {
    "cms/": {"editor", "coordinator"},
    "django-admin/": set(),
}
# Under the admin prefix but public by design: the admin's translation catalogue and icon sprite
# (static resources, no data); and Wagtail's page that raises on purpose to test error reporting.
STAFF_AREA_ASSETS = {"wagtailadmin_javascript_catalog", "wagtailadmin_sprite"}
STAFF_AREA_DELIBERATE_ERRORS = {"wagtailadmin_error_test"}
NOT_STAFF = ("anonymous", "applicant", "other_applicant", "participant", "mentor", "other_mentor")


# --- The URL configuration ---------------------------------------------------------------------


def _walk(patterns, route="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}"
                if namespace and pattern.namespace
                else (pattern.namespace or namespace)
            )
            yield from _walk(pattern.url_patterns, route + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, route + str(pattern.pattern), pattern


ALL_URLS = list(_walk(get_resolver().url_patterns))


def _staff_area(route: str) -> str | None:
    return next((prefix for prefix in STAFF_AREAS if route.lstrip("^").startswith(prefix)), None)


PORTAL_URLS = sorted({name for name, route, _ in ALL_URLS if _staff_area(route) is None})
STAFF_URLS = sorted({(name, route) for name, route, _ in ALL_URLS if _staff_area(route) is not None})


def test_url_matrix_covers_every_url():
    assert sorted(PORTAL_URLS) == sorted(EXPECTED), "add the URL to EXPECTED: who may open it?"


# --- The world ---------------------------------------------------------------------------------


@pytest.fixture
def world(site_tree):
    """Everyone and everything the URLs point at."""
    now = timezone.now()
    w = SimpleNamespace(anonymous=None, home=site_tree.home)
    w.coordinator = factories.coordinator_user(email="coordinator@example.org")
    w.editor = factories.user_with_role(roles.EDITORS, email="editor@example.org")
    w.intake = factories.IntakeFactory()

    w.applicant = factories.ApplicantFactory(email="alva@example.org", first_name="Alva")
    w.application = factories.ApplicationFactory(
        intake=w.intake,
        applicant=w.applicant,
        idea_title="Alvas solcellsverkstad",
        status=Status.SUBMITTED,
        now=now,
        coordinator=w.coordinator,
    )
    w.application.business_plan.save("affarsplan.pdf", ContentFile(b"%PDF-1.7\nAlvas plan"))
    w.other_applicant = factories.ApplicantFactory(email="bo@example.org", first_name="Bo")
    factories.ApplicationFactory(
        intake=w.intake,
        applicant=w.other_applicant,
        idea_title="Bos bokföringsbyrå",
        status=Status.SUBMITTED,
        now=now,
        coordinator=w.coordinator,
    )

    # Petra is accepted and mentored by Maja; Pia's proposal waits for Maja's answer.
    w.mentor = factories.user_with_role(roles.MENTORS, email="maja@example.org", first_name="Maja")
    maja = factories.MentorProfileFactory(user=w.mentor, capacity=3)
    w.other_mentor = factories.user_with_role(roles.MENTORS, email="mats@example.org", first_name="Mats")
    factories.MentorProfileFactory(user=w.other_mentor)
    w.participant = factories.ApplicantFactory(email="petra@example.org", first_name="Petra")
    petra = factories.ApplicationFactory(
        intake=w.intake,
        applicant=w.participant,
        idea_title="Petras svetsverkstad",
        status=Status.ACCEPTED,
        now=now,
        coordinator=w.coordinator,
    )
    start = now - dt.timedelta(days=20)
    w.mentorship = factories.MentorshipFactory(
        participant=petra, mentor=maja, status=MentorshipStatus.ACTIVE, proposed_at=start, answered_at=start
    )
    w.meeting = meeting_services.meeting_log(
        mentorship=w.mentorship,
        actor=w.mentor,
        held_on=timezone.localdate(now) - dt.timedelta(days=1),
        minutes=45,
        format="in_person",
        topics=["financing"],
        shared_notes="Budgeten.",
        private_note=PRIVATE_NOTE,
        now=now,
    )
    w.planned = PlannedMeetingFactory(
        mentorship=w.mentorship, starts_at=now - dt.timedelta(hours=2), created_by=w.mentor
    )
    w.goal = meeting_services.goal_add(
        mentorship=w.mentorship, actor=w.participant, title="Första kunden", target_date=None, now=now
    )
    w.proposal = factories.MentorshipFactory(
        participant=factories.ApplicationFactory(
            intake=w.intake,
            status=Status.ACCEPTED,
            now=now,
            coordinator=w.coordinator,
            applicant=factories.ApplicantFactory(email="pia@example.org"),
        ),
        mentor=maja,
    )
    # Rut's mentorship with Maja is completed: a coordinator may return her to matching.
    w.ended_mentorship = factories.MentorshipFactory(
        participant=factories.ApplicationFactory(
            intake=w.intake,
            status=Status.ACCEPTED,
            now=now,
            coordinator=w.coordinator,
            applicant=factories.ApplicantFactory(email="rut@example.org"),
        ),
        mentor=maja,
        status=MentorshipStatus.COMPLETED,
        proposed_at=start,
        answered_at=start,
        ended_at=now,
    )
    w.survey = FollowUpSurvey.objects.create(participant=petra, kind=SurveyKind.EXIT, due_at=now, sent_at=now)
    w.invitation = MentorInvitation.objects.create(email="invited@example.org", sent_at=now)
    w.run = MatchingRun.objects.create(intake=w.intake, created_at=now)

    # Courses: Alva has a place; a second occasion is reserved for a company.
    index = training_index(site_tree.home)
    w.occasion = TrainingOccasionFactory(page=training_offer(index, title="Robotprogrammering"))
    w.enrolment = training_services.enrolment_create(
        occasion=w.occasion, person=w.applicant, now=now
    ).enrolment
    reserved = TrainingOccasionFactory(page=training_offer(index, title="Svetscertifiering"))
    w.company = CompanyRequest.objects.create(
        company_name="Verkstads AB",
        org_number="556036-0793",
        contact_name="Karin",
        contact_email="karin@example.org",
        employees_concerned=4,
        needs=["technology"],
        needs_text="Svetsning.",
        created_at=now,
        status=CompanyRequestStatus.PLANNED,
        effort_kind=EffortKind.OCCASION,
        reserved_occasion=reserved,
        planned_at=now,
        planned_by=w.coordinator,
    )
    w.company_enrolment = training_services.enrolment_create(
        occasion=reserved, person=factories.ApplicantFactory(), now=now, company_request=w.company
    ).enrolment

    w.certificate = certificate_stated(training_offer(index, title="Lödning"), person=w.applicant, now=now)

    # Guidance: a counsellor's free slot, and one Alva booked.
    counsellor = factories.user_with_role(roles.COUNSELLORS, email="cecilia@example.org")
    w.free_slot = guidance_services.guidance_slot_publish(
        counsellor=counsellor,
        starts_at=now + dt.timedelta(days=2),
        minutes=45,
        mode=GuidanceMode.ONLINE,
        place="",
        now=now,
    )
    booked_slot = guidance_services.guidance_slot_publish(
        counsellor=counsellor,
        starts_at=now + dt.timedelta(days=3),
        minutes=45,
        mode=GuidanceMode.ONLINE,
        place="",
        now=now,
    )
    w.booking = guidance_services.guidance_book(slot=booked_slot, person=w.applicant, topic="", now=now)

    # Alva's calendar feed is on.
    w.calendar_token = calendar_services.calendar_feed_turn_on(user=w.applicant, language="sv", now=now)[1]

    w.document = get_document_model().objects.create(
        title="Programfolder", file=ContentFile(b"%PDF-1.7\nfolder", name="folder.pdf")
    )
    return w


def kwargs_for(name: str, pattern: URLPattern, w) -> tuple[list, dict]:
    """The arguments that make `name` point at the world's objects."""
    now = timezone.now()
    by_name = {
        "wagtail_serve": ([""], {}),
        "wagtaildocs_serve": ([w.document.pk, "folder.pdf"], {}),
        "wagtaildocs_authenticate_with_password": ([], {"restriction_id": 999}),
        "wagtailcore_authenticate_with_password": (
            [],
            {"page_view_restriction_id": 999, "page_id": w.home.pk},
        ),
        "account_confirm_email": ([], {"key": "not-a-key"}),
        "account_reset_password_from_key": ([], {"uidb36": "zz", "key": "not-a-key"}),
        "mentoring:survey": ([], {"token": survey_token(survey=w.survey, now=now)}),
        "mentoring:mentor_join": ([], {"token": mentor_invitation_token(invitation=w.invitation, now=now)}),
        "mentoring:company_join": ([], {"token": company_join_token(request=w.company)}),
        "calendar_feed": ([], {"token": w.calendar_token}),
        "mentoring:certificate_verify_code": ([], {"code": "abcd-efgh-jkmn-pqrs-tvwx"}),
    }
    if name in by_name:
        return by_name[name]
    objects = {
        "mentoring:business_plan": w.application,
        "mentoring:mentorship_accept": w.proposal,
        "mentoring:mentorship_decline": w.proposal,
        "mentoring:mentor_approve": w.other_mentor.mentor_profile,
        "mentoring:survey_phone": w.survey,
        "mentoring:guidance_book": w.free_slot,
        "mentoring:guidance_calendar": w.booking,
        "mentoring:guidance_cancel": w.booking,
        "mentoring:counsellor_slot_cancel": w.free_slot,
        "mentoring:counsellor_outcome": w.booking,
        "mentoring:training_enrol": w.occasion,
        "mentoring:training_enrol_profile": w.occasion,
        "mentoring:training_cancel": w.enrolment,
        "mentoring:training_hours_confirm": w.enrolment,
        "mentoring:staff_occasion": w.occasion,
        "mentoring:certificate_issue": w.certificate.enrolment,
        "mentoring:certificate_download": w.certificate,
        "mentoring:person_record": w.applicant,
        "mentoring:matching_swap_mentors": w.proposal.participant,
        "mentoring:mentorship_return_to_matching": w.ended_mentorship,
    }
    values = {
        "intake_id": w.intake.pk,
        "step": "idea",
        "meeting_id": w.meeting.pk,
        "planned_id": w.planned.pk,
        "goal_id": w.goal.pk,
        "run_id": w.run.pk,
        "what": "participants",
        "fmt": "xlsx",
        "enrolment_pk": w.company_enrolment.pk,
        "application_pk": w.application.pk,
    }
    if name in objects:
        values["pk"] = objects[name].pk
    elif name.startswith(
        ("mentoring:mentorship", "mentoring:meeting", "mentoring:goal", "mentoring:planned_meeting")
    ):
        values["pk"] = w.mentorship.pk
    elif name.startswith("mentoring:company_request"):
        values["pk"] = w.company.pk
    else:
        values["pk"] = w.application.pk
    return [], {key: values[key] for key in pattern.pattern.converters}


def _answer(response) -> object:
    if response.status_code in (301, 302):
        return LOGIN if response.url.startswith(reverse("account_login")) else ELSEWHERE
    return response.status_code


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@pytest.mark.parametrize("actor", ACTORS)
def test_url_matrix_get(client, world, actor):
    """Every portal URL answers `actor` as EXPECTED says, and never shows Maja's private note."""
    person = getattr(world, actor)
    patterns = {name: pattern for name, _route, pattern in ALL_URLS}
    wrong = []
    for name in PORTAL_URLS:
        client.logout()
        if person is not None:
            client.force_login(person)
        args, kwargs = kwargs_for(name, patterns[name], world)
        url = reverse(name, args=args, kwargs=kwargs)
        response = client.get(url)
        expected = EXPECTED[name][actor]
        answer = _answer(response)
        if response.status_code >= 500 or (expected != ANY and answer != expected):
            wrong.append(f"{name} {url}: {answer}, expected {expected}")
        elif PRIVATE_NOTE in _body(response) and actor != "mentor":
            wrong.append(f"{name} {url}: shows Maja's private note")
    assert wrong == [], "\n".join(wrong)


def _made_up_url(route: str) -> str:
    """`route` with every argument filled in by something that names nothing."""
    import re

    url = re.sub(r"<(?:int:)?[\w]+>", "1", route.replace("^", "").replace("$", ""))
    url = re.sub(r"<(?:str|slug|path|uuid):[\w]+>", "x", url)
    url = re.sub(r"\(\?P<\w+>[^)]*\)", "1", url)
    url = re.sub(r"\([^)]*\)", "1", url)
    return "/" + url.replace("\\", "")


@pytest.mark.parametrize("actor", NOT_STAFF)
def test_url_matrix_staff_areas_give_nothing_to_anyone_else(client, world, actor):
    """No URL of either admin site shows a page to someone without admin access."""
    person = getattr(world, actor)
    if person is not None:
        client.force_login(person)
    shown = []
    for name, route in STAFF_URLS:
        if name in STAFF_AREA_ASSETS:
            continue
        url = _made_up_url(route)
        response = client.get(url)
        if response.status_code == 200 or response.status_code >= 500:
            shown.append(f"{name} {url}: {response.status_code}")
    assert shown == [], "\n".join(shown)


@pytest.mark.parametrize("actor", sorted({a for staff in STAFF_AREAS.values() for a in staff}))
def test_url_matrix_staff_areas_open_for_their_staff(client, world, actor):
    """The admin pages that need no argument open for their staff, without a server error."""
    client.force_login(getattr(world, actor))
    failed = []
    for name, route in STAFF_URLS:
        if name in STAFF_AREA_DELIBERATE_ERRORS:
            continue
        if actor not in STAFF_AREAS[_staff_area(route)] or "<" in route or "(" in route:
            continue
        response = client.get(_made_up_url(route))
        if response.status_code >= 500 or response.status_code == 403:
            failed.append(f"{name} {route}: {response.status_code}")
    assert failed == [], "\n".join(failed)
