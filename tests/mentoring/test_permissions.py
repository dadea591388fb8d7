"""Every mentoring URL, tried by every kind of person: the expected answer, and never someone else's data.

The matrix is read from `mentoring.urls.urlpatterns`, so a new view without a
row in EXPECTED fails `test_permission_matrix_covers_every_url` until someone
decides who may see it.

The application under test is Alva's, submitted, with a business plan. The
people: an anonymous visitor, Alva herself, Bo (another applicant with his own
application), a mentor, an editor and a coordinator.
"""

from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from mentoring import urls as mentoring_urls
from mentoring.applications.workflow import Status
from mentoring.followup.services import survey_token
from mentoring.mentors.services import mentor_invitation_token
from mentoring.models import (
    Application,
    FollowUpSurvey,
    IdentityReveal,
    Intake,
    MatchingRun,
    MentorInvitation,
    Review,
    StatusChange,
    SurveyKind,
)
from portal import roles
from portal.models import OutboxMessage, User
from tests import factories
from tests.conftest import built_once

pytestmark = pytest.mark.django_db

LOGIN = "sign-in"  # a redirect to the sign-in page
ACTORS = ("anonymous", "owner", "other_applicant", "mentor", "editor", "coordinator")

# What a GET answers, per URL name, for each of ACTORS in that order.
# 302 is a redirect elsewhere than the sign-in page: an applicant who already
# applied to the intake is sent on to their own application.
# 405: the view takes only POST (the POST test below covers it).
EXPECTED = {
    # Applicant side: a person's own things, or nothing.
    "eligibility": (200, 302, 302, 200, 200, 200),
    "profile": (LOGIN, 302, 302, 302, 302, 302),
    "dashboard": (LOGIN, 200, 200, 200, 200, 200),
    "application": (LOGIN, 302, 404, 404, 404, 404),
    "application_step": (LOGIN, 302, 404, 404, 404, 404),
    "application_withdraw": (LOGIN, 200, 404, 404, 404, 404),
    "application_read": (LOGIN, 200, 404, 404, 404, 404),
    "business_plan": (LOGIN, 200, 404, 404, 404, 200),
    # Coordinator side: the role or nothing.
    "intake_list": (LOGIN, 403, 403, 403, 403, 200),
    "review_queue": (LOGIN, 403, 403, 403, 403, 200),
    "application_detail": (LOGIN, 403, 403, 403, 403, 200),
    "bulk_decide": (LOGIN, 403, 403, 403, 403, 405),
    "application_review": (LOGIN, 403, 403, 403, 403, 405),
    "application_conflict": (LOGIN, 403, 403, 403, 403, 405),
    "application_decide": (LOGIN, 403, 403, 403, 403, 405),
    "application_identity_reveal": (LOGIN, 403, 403, 403, 403, 405),
    # Mentor side: nobody here has a mentor profile, so the dashboard and profile send on to applying;
    # the pk is not a mentorship of theirs (404), and accepting takes only POST.
    "mentor_dashboard": (LOGIN, 302, 302, 302, 302, 302),
    "mentor_apply": (LOGIN, 200, 200, 200, 200, 200),
    "mentor_join": (302, 200, 200, 200, 200, 200),  # anonymous: to sign up, then back
    "mentor_profile": (LOGIN, 302, 302, 302, 302, 302),
    "mentorship_accept": (LOGIN, 405, 405, 405, 405, 405),
    "mentorship_decline": (LOGIN, 404, 404, 404, 404, 404),
    "mentor_list": (LOGIN, 403, 403, 403, 403, 200),
    "mentor_invite": (LOGIN, 403, 403, 403, 403, 405),
    "mentor_approve": (LOGIN, 403, 403, 403, 403, 405),
    # The matching board: the Coordinators role or nothing.
    "matching_board": (LOGIN, 403, 403, 403, 403, 200),
    "matching_run": (LOGIN, 403, 403, 403, 403, 405),
    "matching_progress": (LOGIN, 403, 403, 403, 403, 200),
    "matching_choice": (LOGIN, 403, 403, 403, 403, 405),
    # Another mentor for one participant: the pk is Alva's application, not accepted (404).
    "matching_swap_mentors": (LOGIN, 403, 403, 403, 403, 404),
    "matching_confirm": (LOGIN, 403, 403, 403, 403, 405),
    # Follow-up: the survey's signed link is the key, whoever holds it (the page shows nobody's data);
    # the call list and phone answers are the coordinators' (the pk is no survey: 404).
    "survey": (200, 200, 200, 200, 200, 200),
    "survey_list": (LOGIN, 403, 403, 403, 403, 200),
    "survey_phone": (LOGIN, 403, 403, 403, 403, 404),
    # Inside a mentorship: only its mentor and participant; nobody here is one (the pk is no mentorship
    # of theirs: 404); goals take only POST; the coordinators' list is the role's.
    "mentorship_detail": (LOGIN, 404, 404, 404, 404, 404),
    "meeting_new": (LOGIN, 404, 404, 404, 404, 404),
    "meeting_edit": (LOGIN, 404, 404, 404, 404, 404),
    "goal_add": (LOGIN, 405, 405, 405, 405, 405),
    "goal_done": (LOGIN, 405, 405, 405, 405, 405),
    "mentorship_end": (LOGIN, 404, 404, 404, 404, 404),
    # Planning the next meeting: the same two people only; nobody here is one (404).
    "planned_meeting_new": (LOGIN, 404, 404, 404, 404, 404),
    "planned_meeting_move": (LOGIN, 404, 404, 404, 404, 404),
    "planned_meeting_cancel": (LOGIN, 404, 404, 404, 404, 404),
    "planned_meeting_log": (LOGIN, 404, 404, 404, 404, 404),
    "planned_meeting_missed": (LOGIN, 404, 404, 404, 404, 404),
    "coordinator_mentorships": (LOGIN, 403, 403, 403, 403, 200),
    "mentorship_return_to_matching": (LOGIN, 403, 403, 403, 403, 404),
    # The programme's figures and their downloads: the Coordinators role or nothing.
    "figures_dashboard": (LOGIN, 403, 403, 403, 403, 200),
    "figures_download": (LOGIN, 403, 403, 403, 403, 200),
    # A person's own data: whoever is signed in, about themselves (no id in the address),
    # once she has proved again that it is her (302 to allauth's reauthentication).
    "personal_data_download": (LOGIN, 302, 302, 302, 302, 302),
    "personal_data_erase": (LOGIN, 302, 302, 302, 302, 302),
    # Study guidance: the list of free times is public; the pk is no slot or booking of theirs (404);
    # the counsellors' pages need the Counsellors role, which nobody here has (counsellors are
    # tried in tests/mentoring/test_guidance.py).
    "guidance": (200, 200, 200, 200, 200, 200),
    "guidance_book": (LOGIN, 404, 404, 404, 404, 404),
    "guidance_calendar": (LOGIN, 404, 404, 404, 404, 404),
    "guidance_cancel": (LOGIN, 404, 404, 404, 404, 404),
    "counsellor_home": (LOGIN, 403, 403, 403, 403, 403),
    "counsellor_slot_cancel": (LOGIN, 403, 403, 403, 403, 403),
    "counsellor_outcome": (LOGIN, 403, 403, 403, 403, 403),
    # Competence development: signed in, the pk is no published occasion and no enrolment of
    # theirs (404); who may enrol and cancel what is in tests/mentoring/test_training.py.
    "training_enrol": (LOGIN, 404, 404, 404, 404, 404),
    "training_enrol_profile": (LOGIN, 404, 404, 404, 404, 404),
    "training_cancel": (LOGIN, 404, 404, 404, 404, 404),
    "training_hours_confirm": (LOGIN, 404, 404, 404, 404, 404),
    # Course staff pages: coordinators (and course leaders, tried in test_attendance.py); the pk is
    # no occasion (404).
    "staff_occasions": (LOGIN, 403, 403, 403, 403, 200),
    "staff_occasion": (LOGIN, 403, 403, 403, 403, 404),
    # Certificates: made (POST only) and downloaded by their participant; the pk is no enrolment
    # and no certificate of theirs (404). Verification is anyone's; the code here is nobody's.
    "certificate_issue": (LOGIN, 405, 405, 405, 405, 405),
    "certificate_download": (LOGIN, 404, 404, 404, 404, 404),
    "certificate_verify": (200, 200, 200, 200, 200, 200),
    "certificate_verify_code": (404, 404, 404, 404, 404, 404),
    # One record per person (here Alva's): the Coordinators role or nothing.
    "person_record": (LOGIN, 403, 403, 403, 403, 200),
    # Company requests: the form is public; the join link's token is no company's (404);
    # the rest is the coordinators' (the pk is no request: 404; actions take only POST).
    "company_request": (200, 200, 200, 200, 200, 200),
    "company_request_thanks": (200, 200, 200, 200, 200, 200),
    "company_join": (LOGIN, 404, 404, 404, 404, 404),
    "company_requests": (LOGIN, 403, 403, 403, 403, 200),
    "company_request_detail": (LOGIN, 403, 403, 403, 403, 404),
    "company_request_plan_occasion": (LOGIN, 403, 403, 403, 403, 405),
    "company_request_plan_mentoring": (LOGIN, 403, 403, 403, 403, 405),
    "company_request_decline": (LOGIN, 403, 403, 403, 403, 405),
    "company_request_close": (LOGIN, 403, 403, 403, 403, 405),
    "company_request_link": (LOGIN, 403, 403, 403, 403, 405),
    "company_request_resend_link": (LOGIN, 403, 403, 403, 403, 405),
    "company_request_unlink_enrolment": (LOGIN, 403, 403, 403, 403, 405),
    "company_request_unlink_application": (LOGIN, 403, 403, 403, 403, 405),
    # The calendar feed's page: whoever is signed in, about themselves (no id in the address);
    # nobody here has a feed on, so replacing and turning off lead back to the page.
    "calendar_feed_settings": (LOGIN, 200, 200, 200, 200, 200),
    "calendar_feed_replace": (LOGIN, 302, 302, 302, 302, 302),
    "calendar_feed_off": (LOGIN, 302, 302, 302, 302, 302),
}

URL_NAMES = [pattern.name for pattern in mentoring_urls.urlpatterns]
BUSINESS_PLAN = b"%PDF-1.7\nAlvas hemliga affarsplan"


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker):
    """The people and the two submitted applications, built once for the module (`built_once`).

    Submitting through the services is most of what a test here costs; each test finds them as
    built and reads them afresh (the fixtures below), and whatever it changes is rolled back.
    """

    def build():
        now = timezone.now()
        applications_intake = factories.IntakeFactory()
        owner = factories.ApplicantFactory(email="alva.owner@example.org")
        coordinator = factories.coordinator_user()
        other_applicant = factories.ApplicantFactory(email="bo.other@example.org")
        application = factories.ApplicationFactory(
            intake=applications_intake,
            applicant=owner,
            idea_title="Alvas solcellsverkstad",
            status=Status.SUBMITTED,
            now=now,
        )
        factories.ApplicationFactory(
            intake=applications_intake,
            applicant=other_applicant,
            idea_title="Bos bokföringsbyrå",
            status=Status.SUBMITTED,
            now=now,
        )
        return SimpleNamespace(
            application=application.pk,
            owner=owner.pk,
            other_applicant=other_applicant.pk,
            coordinator=coordinator.pk,
            mentor=factories.user_with_role(roles.MENTORS, email="mentor@example.org").pk,
            editor=factories.user_with_role(roles.EDITORS, email="editor@example.org").pk,
            # Alva's draft (test_permission_draft_is_seen_by_its_author_only) goes to an intake
            # of its own: one application per intake and person.
            intake=factories.IntakeFactory().pk,
        )

    with built_once(django_db_blocker, build) as built:
        yield built


@pytest.fixture
def intake(_built, db):
    return Intake.objects.get(pk=_built.intake)


@pytest.fixture
def owner(_built, db):
    return User.objects.get(pk=_built.owner)


@pytest.fixture
def other_applicant(_built, db):
    return User.objects.get(pk=_built.other_applicant)


@pytest.fixture
def coordinator(_built, db):
    return User.objects.get(pk=_built.coordinator)


@pytest.fixture
def mentor(_built, db):
    return User.objects.get(pk=_built.mentor)


@pytest.fixture
def editor(_built, db):
    return User.objects.get(pk=_built.editor)


@pytest.fixture
def anonymous():
    return None


@pytest.fixture
def application(_built, db):
    """Alva's submitted application, with her business plan (stored anew: each test has its own folder)."""
    application = Application.objects.get(pk=_built.application)
    application.business_plan.save("affarsplan.pdf", ContentFile(BUSINESS_PLAN))
    return application


def url_for(name: str, application: Application) -> str:
    """The URL `name` with its arguments taken from `application` (and its intake)."""
    (pattern,) = [p for p in mentoring_urls.urlpatterns if p.name == name]
    values = {
        "pk": application.pk,
        "intake_id": application.intake_id,
        "step": "idea",
        "meeting_id": 1,
        "planned_id": 1,
        "goal_id": 1,
        "what": "participants",
        "fmt": "xlsx",
        "enrolment_pk": 1,
        "application_pk": application.pk,
        "code": "ABCD-EFGH-JKMN-PQRS-TVWX",
    }
    if name == "person_record":
        values["pk"] = application.applicant_id
    if "token" in pattern.pattern.converters:
        values["token"] = mentor_invitation_token(
            invitation=MentorInvitation.objects.create(email="invited@example.org", sent_at=timezone.now()),
            now=timezone.now(),
        )
    if name == "survey":
        values["token"] = survey_link_token(application)
    if "run_id" in pattern.pattern.converters:
        values["run_id"] = MatchingRun.objects.get_or_create(
            intake_id=application.intake_id, defaults={"created_at": timezone.now()}
        )[0].pk
    kwargs = {key: values[key] for key in pattern.pattern.converters}
    return reverse(f"mentoring:{name}", kwargs=kwargs)


def survey_link_token(application: Application) -> str:
    """The link of `application`'s exit survey, sent now."""
    survey = FollowUpSurvey.objects.create(
        participant=application, kind=SurveyKind.EXIT, due_at=timezone.now(), sent_at=timezone.now()
    )
    return survey_token(survey=survey, now=survey.sent_at)


def sign_in(client, user):
    if user is not None:
        client.force_login(user)


def content_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode()


def secrets_of(user) -> list[str]:
    """What must never reach anyone but `user` and the coordinators: their idea, e-mail and name."""
    found = []
    for application in Application.objects.filter(applicant=user).select_related("applicant"):
        found += [application.idea_title, application.applicant.email, application.applicant.last_name]
    return found


def foreign_secrets(request, actor: str) -> list[str]:
    """Everything the `actor` must not see: every applicant's data but their own."""
    people = {"owner": "owner", "other_applicant": "other_applicant"}
    return [
        secret for name in people if name != actor for secret in secrets_of(request.getfixturevalue(name))
    ] + [BUSINESS_PLAN.decode()] * (actor != "owner")


def assert_answer(response, expected, url):
    if expected == LOGIN:
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login")), (url, response.url)
    else:
        assert response.status_code == expected, url
        if expected == 302:
            assert not response.url.startswith(reverse("account_login")), (url, response.url)


def state_of(application) -> tuple:
    """What a refused request must leave as it was."""
    application.refresh_from_db()
    return (
        application.status,
        application.decision_reason,
        StatusChange.objects.count(),
        Review.objects.count(),
        IdentityReveal.objects.count(),
        OutboxMessage.objects.count(),
        Application.objects.count(),
    )


def expected_get(name: str, actor: str):
    return dict(zip(ACTORS, EXPECTED[name], strict=True))[actor]


def test_permission_matrix_covers_every_url():
    assert sorted(URL_NAMES) == sorted(EXPECTED), "add the new view to EXPECTED: who may see it?"


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", URL_NAMES)
def test_permission_matrix_get(client, request, application, name, actor):
    expected = expected_get(name, actor)
    url = url_for(name, application)
    sign_in(client, request.getfixturevalue(actor))

    response = client.get(url)

    assert_answer(response, expected, url)
    if actor != "coordinator":
        body = content_of(response)
        leaked = [secret for secret in foreign_secrets(request, actor) if secret in body]
        assert not leaked, f"{actor} sees {leaked} at {url}"


@pytest.mark.parametrize("actor", [a for a in ACTORS if a != "coordinator"])
@pytest.mark.parametrize("name", URL_NAMES)
def test_permission_matrix_post_by_others_changes_nothing(client, request, application, name, actor):
    """A POST by anyone but a coordinator changes nothing of Alva's, unless it is Alva's own."""
    url = url_for(name, application)
    sign_in(client, request.getfixturevalue(actor))
    before = state_of(application)
    # What each form would need to do harm: a decision, scores, a withdrawal.
    harmful = {
        "decision": Status.REJECTED,
        "reason": "Hacked",
        "applications": [application.pk],
        "action": "submit",
        "viability": 1,
        "motivation": 1,
        "need": 1,
        "fit": 1,
    }

    response = client.post(url, harmful)

    refused_on_get = expected_get(name, actor) in (LOGIN, 403, 404)
    if refused_on_get:
        # Refused the same way (a view that only reads may answer 405 to a POST instead).
        if expected_get(name, actor) == LOGIN:
            assert_answer(response, LOGIN, url)
        else:
            assert response.status_code in (expected_get(name, actor), 405), url
    if refused_on_get or actor != "owner":
        assert state_of(application) == before, url
    body = content_of(response)
    assert not [secret for secret in foreign_secrets(request, actor) if secret in body], url


# A draft is its author's alone: not even coordinators open it (URL name → what the owner gets).
DRAFT_URLS = {
    "application": 302,
    "application_step": 200,
    "application_withdraw": 200,
    "application_detail": 403,
}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", sorted(DRAFT_URLS))
def test_permission_draft_is_seen_by_its_author_only(client, request, intake, owner, name, actor):
    draft = factories.ApplicationFactory(intake=intake, applicant=owner, idea_title="Alvas halvfärdiga idé")
    url = url_for(name, draft)
    sign_in(client, request.getfixturevalue(actor))

    response = client.get(url)

    if actor == "anonymous":
        assert_answer(response, LOGIN, url)
    elif actor == "owner":
        assert response.status_code == DRAFT_URLS[name], url
    else:
        assert response.status_code in (403, 404), url
        assert "Alvas halvfärdiga idé" not in content_of(response)
