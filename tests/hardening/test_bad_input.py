"""Generated bad input on every public form and every form a participant or mentor uses.

For each form one hypothesis test starts from a valid POST and breaks up to three
of its fields (or adds an unknown one): over-long text, control characters and
NUL, right-to-left marks, zero-width joiners and emoji, wrong types (text for
numbers, dates and choices; huge and negative numbers; impossible dates), a
missing field, a field sent several times. `post_and_check` then holds every
answer to the same three promises:

- never a server error (status < 500; the test client re-raises a view's exception);
- a re-rendered form says what is wrong beside the field it is about: its errors
  are keyed by field names, each shown in the `<id>_error` element the field's
  `aria-describedby` points to (a hidden field's in the error summary above the
  form). `__all__` is allowed only where a view documents a rule that belongs to
  no single field (a login that does not match, a service's refusal of a meeting
  or goal that names no field);
- nothing is stored half-way: a rejected POST leaves every row of the portal's
  tables (mentoring, accounts, e-mail addresses, second factors) and every stored file as it
  was; an accepted one leaves the rows it wrote complete, i.e. passing the
  model's own validation (lengths, choices, no NUL, required fields).

Each example runs in a savepoint that is rolled back, so examples do not see each
other's writes. The uploads and broken multipart bodies below are plain tests:
each case is one specific body, not a search.
"""

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from hypothesis import event, example, given
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from mentoring.applications.views.applicant import ELIGIBLE_SESSION_KEY
from mentoring.applications.workflow import Status
from mentoring.followup.services import survey_token
from mentoring.guidance import services as guidance_services
from mentoring.mentorships.services import meetings as meeting_services
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import (
    Application,
    Attendance,
    CompanyRequest,
    Enrolment,
    ErasureRequest,
    FollowUpSurvey,
    Goal,
    GuidanceBooking,
    Meeting,
    MentorProfile,
    Mentorship,
    PrivateNote,
    StatusChange,
    SurveyKind,
)
from mentoring.models.guidance import GuidanceMode
from mentoring.training import services as training_services
from portal import roles
from portal.models import User
from tests import factories
from tests.training_factories import TrainingOccasionFactory, training_index, training_offer

# --- Bad values -------------------------------------------------------------------------------

MISSING = object()

# Characters that have broken forms elsewhere: NUL and other C0/C1 controls, line and
# paragraph separators, bidirectional overrides and marks, zero-width (non-)joiners,
# a byte-order mark, a non-character, combining marks, emoji built with joiners, markup.
NASTY = [
    *"\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9f\t\r\n",
    *"\u2028\u2029\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2066\u2069\ufeff\uffff\u0301",
    "👩‍👩‍👧",
    "🏳️‍🌈",
    "😀",
    *"ÅäöØßİıﬁ",
    *"<>&\"'%{}\\/;",
    "\U0010fffd",
]


def _not_surrogate(code: int) -> bool:
    return not 0xD800 <= code <= 0xDFFF


# Any Unicode scalar value (lone surrogates cannot be sent as UTF-8), biased towards the nasty ones.
piece = st.one_of(
    st.sampled_from(NASTY),
    st.integers(min_value=0, max_value=0x10FFFF).filter(_not_surrogate).map(chr),
)
short_text = st.lists(piece, max_size=20).map("".join)
# Repeating a short unit keeps a 200 000-character value cheap to draw.
long_text = st.builds(
    lambda unit, size: (unit * (size // len(unit) + 1))[:size],
    st.lists(piece, min_size=1, max_size=6).map("".join),
    st.integers(min_value=10_000, max_value=200_000),
)
wrong_type = st.one_of(
    st.sampled_from(
        [
            "abc",
            "1e400",
            "NaN",
            "-inf",
            "1.5",
            "0x10",
            "١٩٨٥",
            "１９８５",
            "0000-00-00",
            "31-02-2026",
            "2026-02-31",
            "2026-13-01",
            "0001-01-01",
            "9999-12-31",
            "-2026-01-01",
            "2026-01-01T25:61",
            "True",
            "null",
            "[]",
            "{}",
            "on",
            " ",
        ]
    ),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.integers(min_value=-5, max_value=5).map(str),
)
scalar = st.one_of(st.just(""), short_text, long_text, wrong_type)
bad_value = st.one_of(
    st.just(MISSING),
    scalar,
    # The same key sent several times, where one value is expected (or bad items in a list).
    st.lists(st.one_of(short_text, wrong_type), min_size=2, max_size=4),
)
UNKNOWN_FIELD = "unexpected_field"


def breakages(names) -> st.SearchStrategy[dict]:
    """Up to three of the form fields `names` (or an unknown extra one), each with a bad value.

    `MISSING` as a value leaves the field out. Breaking nothing is among the draws:
    hypothesis shrinks towards it, so the valid POST (and the check that it stores a
    complete object) is tried too. A case found once is kept as
    `@example(breaks={…})` of the test that takes these.
    """
    return st.lists(st.sampled_from([*sorted(names), UNKNOWN_FIELD]), unique=True, max_size=3).flatmap(
        lambda broken: st.fixed_dictionaries(dict.fromkeys(broken, bad_value))
    )


def broken(valid: dict, breaks: dict) -> dict:
    """`valid` with the fields of `breaks` replaced by their bad values (or left out)."""
    data = {name: value for name, value in valid.items() if breaks.get(name) is not MISSING}
    data.update({name: value for name, value in breaks.items() if value is not MISSING})
    return data


# --- The check --------------------------------------------------------------------------------

WATCHED_APPS = ("mentoring", "portal", "account", "mfa")


def _watched_models():
    return [model for label in WATCHED_APPS for model in apps.get_app_config(label).get_models()]


def _files_under(*roots) -> set[str]:
    found = set()
    for root in roots:
        for folder, _dirs, files in os.walk(root):
            found.update(os.path.join(folder, name) for name in files)
    return found


def _storage_roots() -> list[str]:
    return [
        Application._meta.get_field("business_plan").storage.location,
        settings.MEDIA_ROOT,
    ]


def stored_state() -> dict:
    """Every row of the watched tables (by model and primary key), and every stored file."""
    state = {}
    for model in _watched_models():
        names = [f.attname for f in model._meta.concrete_fields]
        state[model._meta.label] = {
            row[0]: row for row in model._base_manager.order_by("pk").values_list("pk", *names)
        }
    state["files"] = _files_under(*_storage_roots())
    return state


def _changed_rows(before: dict, after: dict, model) -> list:
    """The primary keys of the rows of `model` written or deleted."""
    label = model._meta.label
    written = [pk for pk, row in after[label].items() if before[label].get(pk) != row]
    return written + [pk for pk in before[label] if pk not in after[label]]


# allauth's second factor leaves `last_used_at` empty until first used without declaring it
# blank: its rows are counted as stored but not held to a validation their model fails itself.
NOT_VALIDATED = {"mfa.Authenticator"}


@dataclass
class FormCase:
    """A form as the check sees it.

    `valid` is a POST the view accepts; `stored` the models whose rows an accepted POST
    writes (each changed row must pass the model's validation), and `expect_stored`
    says an accepted POST must change at least one of them. `log_in` (a user) is signed
    in, `session` put in the session, and `before(client)` run (a request that leads to
    the form, such as the password asked for first) before each example. `form_key` names the
    form in the template context; `non_field_ok` allows `__all__` errors (see the module).
    """

    url: str
    valid: dict
    stored: list = field(default_factory=list)
    expect_stored: bool = True
    log_in: object = None
    session: dict = field(default_factory=dict)
    form_key: str = "form"
    non_field_ok: bool = False
    before: Callable[[Client], object] | None = None


def _prepare(client, case: FormCase) -> None:
    # A previous example may have signed out (erasure) or in (login): start each one the same.
    # The cache too: a thousand examples would otherwise meet the rate limits (they have their
    # own tests) instead of the form.
    cache.clear()
    client.logout()
    if case.log_in is not None:
        client.force_login(case.log_in)
    if case.session:
        session = client.session
        session.update(case.session)
        session.save()
    if case.before is not None:
        case.before(client)


def assert_errors_tied_to_fields(form, response, *, non_field_ok: bool) -> None:
    allowed = set(form.fields) | ({"__all__"} if non_field_ok else set())
    assert set(form.errors) <= allowed, f"errors not tied to a field: {dict(form.errors)}"
    html = response.content.decode()
    for name, messages in form.errors.items():
        # A hidden field (what the page itself sent) has nothing to sit beside: the error
        # summary at the top of the form says its error.
        if name != "__all__" and not form[name].is_hidden:
            assert f'id="{form[name].auto_id}_error"' in html, f"the error of {name!r} is not shown by it"
        for message in messages:
            assert escape(message) in html, f"the error {message!r} of {name!r} is not shown"


def _outcome(response, form) -> str:
    if form is not None and form.is_bound and form.errors:
        return "rejected: " + ", ".join(sorted(form.errors))
    if form is not None and not form.is_bound:
        return "shown as if opened"
    return f"answered {response.status_code}"


def post_and_check(
    client, case: FormCase, data, *, files_ok: bool = False, nothing_stored: bool = False, **extra
):
    """POST `data` to the case's form and hold the answer to the module's three promises.

    `files_ok` lets an accepted POST store a file; `nothing_stored` says no answer may
    store anything (a broken body). Returns the response, whose writes are rolled back.
    """
    _prepare(client, case)
    with transaction.atomic():
        before = stored_state()
        if isinstance(data, bytes):
            response = client.generic("POST", case.url, data=data, **extra)
        else:
            response = client.post(case.url, data, **extra)
        after = stored_state()
        assert response.status_code < 500
        if nothing_stored:
            assert after == before, "a broken request changed what is stored"
        context = response.context
        form = context.get(case.form_key) if context is not None else None
        if currently_in_test_context():
            # `--hypothesis-show-statistics` shows how often each kind of answer came.
            event(_outcome(response, form))
        if form is not None and not form.is_bound:
            # A POST without a single field is taken as opening the page (`request.POST or None`).
            assert after == before, "a POST shown as an empty form changed what is stored"
        elif form is not None and form.errors:
            assert_errors_tied_to_fields(form, response, non_field_ok=case.non_field_ok)
            assert after == before, "a rejected POST changed what is stored"
        elif response.status_code >= 400:
            assert after == before, f"a {response.status_code} answer changed what is stored"
        else:
            changed = {model: _changed_rows(before, after, model) for model in case.stored}
            if case.expect_stored:
                assert any(changed.values()), "an accepted POST stored nothing"
            for model, pks in changed.items():
                if model._meta.label in NOT_VALIDATED:
                    continue
                for obj in model._base_manager.filter(pk__in=pks):
                    obj.full_clean()
            if not files_ok:
                assert after["files"] == before["files"]
        transaction.set_rollback(True)
    return response


def check_generated(client, case: FormCase, data) -> None:
    """Break the case's valid POST as `breakages` does, drawn inside the test where the POST is known."""
    post_and_check(client, case, broken(case.valid, data.draw(breakages(case.valid), label="breaks")))


def check_broken(client, case: FormCase, breaks: dict) -> None:
    """The same with `breaks` given to the test, so a case found can be kept as its `@example`."""
    post_and_check(client, case, broken(case.valid, breaks))


# --- The people and things the forms need -----------------------------------------------------

PASSWORD = factories.PASSWORD


@pytest.fixture
def intake(site_tree):
    return factories.IntakeFactory()


@pytest.fixture
def draft(intake):
    """Alva's application, a draft."""
    return factories.ApplicationFactory(intake=intake, applicant=factories.ApplicantFactory())


@pytest.fixture
def mentoring(intake):
    """Maja mentors Petra (active, one meeting logged yesterday); Pia's proposal waits for Maja."""
    now = timezone.now()
    mentor = factories.user_with_role(roles.MENTORS, first_name="Maja")
    maja = factories.MentorProfileFactory(user=mentor, capacity=3)
    petra = factories.ApplicationFactory(intake=intake, status=Status.ACCEPTED, now=now)
    start = now - dt.timedelta(days=20)
    mentorship = factories.MentorshipFactory(
        participant=petra, mentor=maja, status=MentorshipStatus.ACTIVE, proposed_at=start, answered_at=start
    )
    meeting = meeting_services.meeting_log(
        mentorship=mentorship,
        actor=mentor,
        held_on=timezone.localdate(now) - dt.timedelta(days=1),
        minutes=45,
        format="in_person",
        topics=["financing"],
        shared_notes="Budgeten.",
        private_note="",
        now=now,
    )
    proposal = factories.MentorshipFactory(
        participant=factories.ApplicationFactory(intake=intake, status=Status.ACCEPTED, now=now), mentor=maja
    )
    return SimpleNamespace(
        mentor=mentor,
        participant=petra.applicant,
        mentorship=mentorship,
        meeting=meeting,
        proposal=proposal,
    )


@pytest.fixture
def occasion(site_tree):
    return TrainingOccasionFactory(page=training_offer(training_index(site_tree.home), title="Svetsning"))


@pytest.fixture
def account(site_tree):
    """Someone with a verified address and no role: signs in, asks for a password, applies as mentor."""
    return factories.verified_user(email="alva@example.org")


@pytest.fixture
def survey(mentoring):
    now = timezone.now()
    survey = FollowUpSurvey.objects.create(
        participant=mentoring.mentorship.participant, kind=SurveyKind.EXIT, due_at=now, sent_at=now
    )
    return SimpleNamespace(survey=survey, token=survey_token(survey=survey, now=now))


@pytest.fixture
def submitted(intake):
    return factories.ApplicationFactory(intake=intake, status=Status.SUBMITTED)


@pytest.fixture
def marked_enrolment(occasion):
    """A place on the occasion with its first day marked, waiting for the person to confirm."""
    now = timezone.now()
    enrolment = training_services.enrolment_create(
        occasion=occasion, person=factories.ApplicantFactory(), now=now
    ).enrolment
    Attendance.objects.create(
        enrolment=enrolment,
        day=occasion.starts_on,
        hours=Decimal("6.0"),
        marked_by=factories.coordinator_user(),
        marked_at=now,
    )
    return enrolment


@pytest.fixture
def free_slot(site_tree):
    now = timezone.now()
    return guidance_services.guidance_slot_publish(
        counsellor=factories.user_with_role(roles.COUNSELLORS),
        starts_at=now + dt.timedelta(days=2),
        minutes=45,
        mode=GuidanceMode.ONLINE,
        place="",
        now=now,
    )


# --- Public forms -----------------------------------------------------------------------------


@given(data=st.data())
def test_eligibility_check_survives_bad_input(client, intake, data):
    case = FormCase(
        url=reverse("mentoring:eligibility", args=[intake.pk]),
        valid={"municipality": "molndal", "employment_status": "under_notice", "birth_year": "1985"},
        # Eligible: only the session remembers it. Not eligible: a refusal is counted.
        stored=[apps.get_model("mentoring", "EligibilityRefusal")],
        expect_stored=False,
    )
    check_generated(client, case, data)


UNLIMITED = "100000/h"


@given(data=st.data())
def test_company_request_survives_bad_input(client, site_tree, settings, data):
    # The limits have their own tests; here every example reaches the form itself. Set once: each
    # assignment to pytest-django's `settings` nests another override, and a thousand examples share
    # this fixture (a random run reached Python's recursion limit).
    if settings.COMPANY_REQUEST_RATE_PER_CLIENT != UNLIMITED:
        settings.COMPANY_REQUEST_RATE_PER_CLIENT = settings.COMPANY_REQUEST_RATE_PER_ADDRESS = UNLIMITED
    case = FormCase(
        url=reverse("mentoring:company_request"),
        valid={
            "company_name": "Verkstads AB",
            "org_number": "556036-0793",
            "contact_name": "Karin Berg",
            "contact_email": "karin@example.org",
            "contact_phone": "031-12 34 56",
            "employees_concerned": "4",
            "needs": ["technology"],
            "needs_text": "Svetsning för fyra montörer.",
            "contact_language": "sv",
            "website": "",
        },
        stored=[CompanyRequest],
        # A filled honeypot ("website") is thanked and nothing is stored.
        expect_stored=False,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_followup_survey_survives_bad_input(client, survey, data):
    case = FormCase(
        url=reverse("mentoring:survey", args=[survey.token]),
        valid={
            "situation": "own_business",
            "organisation_number": "556036-0793",
            "business_started_on": (timezone.localdate() - dt.timedelta(days=30)).isoformat(),
            "improvements": ["more_hours"],
            "satisfaction_mentoring": "4",
            "satisfaction_programme": "5",
            "comments": "Tack!",
        },
        stored=[FollowUpSurvey],
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_signup_survives_bad_input(client, site_tree, data):
    case = FormCase(
        url=reverse("account_signup"),
        valid={"email": "ny@example.org", "password1": "Ljus-Kvarn-Hav-42", "password2": "Ljus-Kvarn-Hav-42"},
        stored=[User, EmailAddress],
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_login_survives_bad_input(client, account, data):
    case = FormCase(
        url=reverse("account_login"),
        valid={"login": account.email, "password": PASSWORD, "remember": "on"},
        stored=[User],
        expect_stored=False,
        # "This e-mail address and password do not match" is about the pair, not one field.
        non_field_ok=True,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_password_reset_survives_bad_input(client, account, data):
    case = FormCase(
        url=reverse("account_reset_password"),
        valid={"email": account.email},
        expect_stored=False,
    )
    check_generated(client, case, data)


# --- The participant's forms ------------------------------------------------------------------


@given(data=st.data())
def test_applicant_profile_survives_bad_input(client, intake, account, data):
    case = FormCase(
        url=reverse("mentoring:profile", args=[intake.pk]),
        valid={
            "first_name": "Alva",
            "last_name": "Berg",
            "phone": "070-123 45 67",
            "municipality": "molndal",
            "birth_year": "1985",
            "gender": "woman",
            "employment_status": "unemployed",
            "months_unemployed": "6",
            "former_sector": "automotive_supplier",
            "former_employer": "Volvo",
            "education_level": "higher",
            "languages": ["sv", "ar"],
            "contact_language": "sv",
            "consent": "on",
        },
        stored=[apps.get_model("mentoring", "ApplicantProfile"), Application],
        log_in=account,
        session={ELIGIBLE_SESSION_KEY: {str(intake.pk): {}}},
    )
    check_generated(client, case, data)


STEP_ANSWERS = {
    "idea": {"idea_title": "Cykelverkstad", "idea_description": "Lagar cyklar där folk arbetar."},
    "market": {
        "business_sector": "S",
        "market_description": "Pendlare i Mölndal.",
        "stage": "registered",
        "organisation_number": "556036-0793",
    },
    "needs": {"support_needs": ["financing", "legal_tax"], "support_needs_other": "Moms."},
    "mentor": {"mentor_languages": ["sv", "en"], "woman_mentor": "preferred", "meeting_mode": "online"},
    "attachments": {"remove_business_plan": ""},
}


@pytest.mark.parametrize("step", sorted(STEP_ANSWERS))
@given(data=st.data())
def test_application_step_survives_bad_input(client, draft, step, data):
    case = FormCase(
        url=reverse("mentoring:application_step", args=[draft.pk, step]),
        # "leave" and "back" save a half-filled step on purpose (a draft); only what is typed
        # wrongly stops them. A bad action saves the step and stays on it.
        valid={**STEP_ANSWERS[step], "action": "continue"},
        stored=[Application],
        expect_stored=False,
        log_in=draft.applicant,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_application_withdraw_survives_bad_input(client, submitted, data):
    case = FormCase(
        url=reverse("mentoring:application_withdraw", args=[submitted.pk]),
        valid={"reason": "Jag har fått ett jobb."},
        stored=[Application, StatusChange],
        log_in=submitted.applicant,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_reauthentication_before_erasure_survives_bad_input(client, draft, data):
    case = FormCase(
        url=reverse("account_reauthenticate"),
        valid={"password": PASSWORD, "next": reverse("mentoring:personal_data_erase")},
        stored=[ErasureRequest],
        expect_stored=False,
        log_in=draft.applicant,
    )
    check_generated(client, case, data)


MEETING = {
    "minutes": "60",
    "format": "online",
    "topics": ["financing", "leadership"],
    "shared_notes": "Vi gick igenom kalkylen.",
    "private_note": "Följ upp banken.",
}


@given(data=st.data())
def test_meeting_log_survives_bad_input(client, mentoring, data):
    case = FormCase(
        url=reverse("mentoring:meeting_new", args=[mentoring.mentorship.pk]),
        valid={**MEETING, "held_on": timezone.localdate().isoformat()},
        stored=[Meeting, PrivateNote],
        log_in=mentoring.mentor,
        # A refusal of the service that names no field (see the view) is shown above the form.
        non_field_ok=True,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_meeting_edit_survives_bad_input(client, mentoring, data):
    case = FormCase(
        url=reverse("mentoring:meeting_edit", args=[mentoring.mentorship.pk, mentoring.meeting.pk]),
        valid={**MEETING, "held_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat()},
        stored=[Meeting, PrivateNote],
        log_in=mentoring.mentor,
        non_field_ok=True,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_private_note_of_other_party_survives_bad_input(client, mentoring, data):
    case = FormCase(
        url=reverse("mentoring:meeting_edit", args=[mentoring.mentorship.pk, mentoring.meeting.pk]),
        valid={"private_note": "Min egen anteckning."},
        stored=[PrivateNote],
        # An emptied note that was never written stores nothing.
        expect_stored=False,
        log_in=mentoring.participant,
        non_field_ok=True,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_goal_add_survives_bad_input(client, mentoring, data):
    case = FormCase(
        url=reverse("mentoring:goal_add", args=[mentoring.mentorship.pk]),
        valid={
            "title": "Tre kunder",
            "target_date": (timezone.localdate() + dt.timedelta(days=60)).isoformat(),
        },
        stored=[Goal],
        log_in=mentoring.participant,
        form_key="goal_form",
        non_field_ok=True,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_training_enrolment_survives_bad_input(client, occasion, draft, data):
    case = FormCase(
        url=reverse("mentoring:training_enrol", args=[occasion.pk]),
        # The button sends no fields: whatever comes with it is ignored.
        valid={},
        stored=[Enrolment],
        log_in=draft.applicant,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_training_hours_confirm_survives_bad_input(client, marked_enrolment, data):
    case = FormCase(
        url=reverse("mentoring:training_hours_confirm", args=[marked_enrolment.pk]),
        valid={},
        stored=[Enrolment],
        log_in=marked_enrolment.person,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_guidance_booking_survives_bad_input(client, free_slot, draft, data):
    case = FormCase(
        url=reverse("mentoring:guidance_book", args=[free_slot.pk]),
        valid={"topic": "Komvux och yrkeshögskola."},
        stored=[GuidanceBooking],
        log_in=draft.applicant,
    )
    check_generated(client, case, data)


# --- The mentor's forms -----------------------------------------------------------------------

MENTOR_PROFILE = {
    "first_name": "Maja",
    "last_name": "Lind",
    "phone": "070-987 65 43",
    "bio": "Drev verkstad i tjugo år.",
    "sectors": ["C", "S"],
    "expertise": ["financing", "leadership"],
    "languages": ["sv", "en"],
    "municipality": "goteborg",
    "online_ok": "on",
    "capacity": "3",
    "gender": "woman",
    "company_ties": "Volvo Cars\nSKF",
    "paused": "on",
    "back_on": "2099-09-01",
}


@given(data=st.data())
def test_mentor_apply_survives_bad_input(client, account, data):
    case = FormCase(
        url=reverse("mentoring:mentor_apply"),
        valid=MENTOR_PROFILE,
        stored=[MentorProfile],
        log_in=account,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_mentor_profile_survives_bad_input(client, mentoring, data):
    case = FormCase(
        url=reverse("mentoring:mentor_profile"),
        valid=MENTOR_PROFILE,
        stored=[MentorProfile],
        log_in=mentoring.mentor,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_mentorship_decline_survives_bad_input(client, mentoring, data):
    proposal = mentoring.proposal
    case = FormCase(
        url=reverse("mentoring:mentorship_decline", args=[proposal.pk]),
        valid={f"decline-{proposal.pk}-reason": "Jag kan inte branschen."},
        stored=[Mentorship],
        log_in=mentoring.mentor,
    )
    check_generated(client, case, data)


@given(data=st.data())
def test_mentorship_end_survives_bad_input(client, mentoring, data):
    case = FormCase(
        url=reverse("mentoring:mentorship_end", args=[mentoring.mentorship.pk]),
        valid={"action": "end_early", "end_early-reason": "Deltagaren har flyttat."},
        stored=[Mentorship],
        log_in=mentoring.mentor,
    )
    check_generated(client, case, data)


# --- The business plan upload -----------------------------------------------------------------

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _attachments_case(draft) -> FormCase:
    return FormCase(
        url=reverse("mentoring:application_step", args=[draft.pk, "attachments"]),
        valid={},
        stored=[Application],
        log_in=draft.applicant,
    )


NOT_DOCUMENTS = {
    "just-over-the-limit": None,
    "exe-named-pdf": b"MZ\x90\x00\x03" + b"\x00" * 200 + b"This program cannot be run in DOS mode",
    "html-with-script": b"<html><script>alert(1)</script></html>",
    "zero-bytes": b"",
    "broken-zip": b"PK\x03\x04" + b"\x00" * 60,
}


def test_business_plan_upload_rejects_what_is_not_a_document(client, draft, subtests):
    case = _attachments_case(draft)
    for label, content in NOT_DOCUMENTS.items():
        with subtests.test(label):
            if content is None:
                content = PDF + b"0" * (settings.BUSINESS_PLAN_MAX_BYTES + 1 - len(PDF))
            upload = _upload("plan.pdf", content)
            response = post_and_check(client, case, {"business_plan": upload, "action": "continue"})

            assert response.status_code == 200
            assert list(response.context["form"].errors) == ["business_plan"]


HOSTILE_NAMES = [
    "../../etc/passwd.pdf",
    "..\\..\\windows\\plan.pdf",
    "/etc/passwd.pdf",
    "plan\x00.pdf",
    "plan\x07\x1b[31m.pdf",
    "\u202eFDP.exe",
    "👩‍👩‍👧 affärsplan.pdf",
    "a" * 300 + ".pdf",
]


def test_business_plan_name_cannot_choose_where_it_is_stored(client, draft, subtests):
    case = _attachments_case(draft)
    root = Path(Application._meta.get_field("business_plan").storage.location).resolve()
    for name in HOSTILE_NAMES:
        with subtests.test(name[:40]):
            upload = _upload(name, PDF)
            post_and_check(client, case, {"business_plan": upload, "action": "leave"}, files_ok=True)

            # Stored again, outside the rolled-back check, to look at where it went.
            client.force_login(draft.applicant)
            client.post(case.url, {"business_plan": _upload(name, PDF), "action": "leave"})
            draft.refresh_from_db()
            stored = Path(draft.business_plan.path).resolve()
            assert root in stored.parents
            # The suffix comes from the content, the rest of the name from the portal.
            assert stored.suffix == ".pdf" and name.rsplit(".", 1)[0][:8] not in stored.name
            assert "/" not in draft.business_plan_name and "\\" not in draft.business_plan_name
            assert draft.business_plan_name.isprintable()
            download = client.get(reverse("mentoring:business_plan", args=[draft.pk]))
            assert download.status_code == 200


def _upload_body(name: str, content: bytes) -> bytes:
    """A multipart body carrying `name` exactly as a client may send it (RFC 2231 encoded).

    `SimpleUploadedFile` refuses names such as `/` before any request is made, so
    the generated names go into the header by hand: the server is what is tested.
    """
    return (
        (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="business_plan"; '
            f"filename*=UTF-8''{quote(name, safe='')}\r\nContent-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + (
            f'\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name="action"\r\n\r\ncontinue\r\n'
            f"--{BOUNDARY}--\r\n"
        ).encode()
    )


@given(name=st.lists(piece, min_size=1, max_size=30).map("".join), content=st.binary(max_size=64))
# Found with a random seed: a name that is only a separator, on an empty file.
@example(name="/", content=b"")
def test_business_plan_upload_survives_generated_names_and_bytes(client, draft, name, content):
    case = _attachments_case(draft)
    # Random bytes are no document, unless they start with a PDF signature by chance.
    document = content.startswith(b"%PDF")
    response = post_and_check(
        client,
        case,
        _upload_body(name, content),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        files_ok=document,
    )

    if not document:
        # Refused beside the field, never dropped in silence (whatever the file was called).
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["business_plan"]


# --- Broken multipart bodies ------------------------------------------------------------------

BOUNDARY = "xyz"


def _part(name: str, value: bytes, filename: str | None = None) -> bytes:
    disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
    return (
        f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n".encode()
        + (b"Content-Type: application/pdf\r\n" if filename else b"")
        + b"\r\n"
        + value
        + b"\r\n"
    )


WHOLE = (
    _part("action", b"leave")
    + _part("business_plan", PDF, filename="plan.pdf")
    + f"--{BOUNDARY}--\r\n".encode()
)


def _many_parts(n: int, *, files: bool = False) -> bytes:
    parts = b"".join(_part(f"f{i}", b"x", filename=f"f{i}.pdf" if files else None) for i in range(n))
    return parts + f"--{BOUNDARY}--\r\n".encode()


BROKEN_BODIES = {
    "truncated-in-the-file": (WHOLE[: WHOLE.index(b"%%EOF")], f"boundary={BOUNDARY}"),
    "truncated-in-a-header": (WHOLE[:30], f"boundary={BOUNDARY}"),
    "never-closed": (WHOLE[: WHOLE.rindex(f"--{BOUNDARY}--".encode())], f"boundary={BOUNDARY}"),
    "no-boundary-parameter": (WHOLE, ""),
    "empty-boundary": (WHOLE, "boundary="),
    "other-boundary": (WHOLE, "boundary=abc"),
    "boundary-with-nul": (WHOLE, "boundary=xy\x00z"),
    "not-multipart-at-all": (b"\x00\xff\xfe garbage", f"boundary={BOUNDARY}"),
    "empty-body": (b"", f"boundary={BOUNDARY}"),
    "too-many-fields": (_many_parts(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1), f"boundary={BOUNDARY}"),
    "too-many-files": (
        _many_parts(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1, files=True),
        f"boundary={BOUNDARY}",
    ),
    "header-without-name": (
        f"--{BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--{BOUNDARY}--\r\n".encode(),
        f"boundary={BOUNDARY}",
    ),
}


def _content_type(parameters: str) -> str:
    return f"multipart/form-data; {parameters}" if parameters else "multipart/form-data"


def test_broken_multipart_body_is_refused_without_storing(client, draft, subtests):
    case = replace(_attachments_case(draft), expect_stored=False)
    for label, (body, parameters) in BROKEN_BODIES.items():
        with subtests.test(label):
            response = post_and_check(
                client, case, body, content_type=_content_type(parameters), nothing_stored=True
            )

            # Refused, or (when no field arrived at all) the step shown again as if it were opened.
            assert response.status_code == 400 or response.context.get("form") is not None


def test_broken_multipart_body_on_a_public_form_is_refused(client, site_tree, subtests):
    case = FormCase(url=reverse("mentoring:company_request"), valid={}, expect_stored=False)
    for label, (body, parameters) in BROKEN_BODIES.items():
        with subtests.test(label):
            response = post_and_check(
                client, case, body, content_type=_content_type(parameters), nothing_stored=True
            )

            assert response.status_code in (200, 400)
    assert CompanyRequest.objects.count() == 0


def test_business_plan_name_encoded_in_the_header_is_cleaned(client, draft):
    """RFC 2231 lets a client percent-encode a file name: CR, LF and NUL must not reach a header."""
    body = (
        (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="business_plan"; '
            f"filename*=UTF-8''plan%0D%0AX-Evil: 1%00%E2%80%AE.pdf\r\nContent-Type: application/pdf\r\n\r\n"
        ).encode()
        + PDF
        + (
            f'\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name="action"\r\n\r\nleave\r\n'
            f"--{BOUNDARY}--\r\n"
        ).encode()
    )
    case = _attachments_case(draft)
    post_and_check(
        client, case, body, content_type=f"multipart/form-data; boundary={BOUNDARY}", files_ok=True
    )

    client.force_login(draft.applicant)
    client.generic("POST", case.url, data=body, content_type=f"multipart/form-data; boundary={BOUNDARY}")
    draft.refresh_from_db()
    assert draft.business_plan_name.endswith(".pdf")
    assert not any(char in draft.business_plan_name for char in "\r\n\x00\u202e")
    download = client.get(reverse("mentoring:business_plan", args=[draft.pk]))
    assert download.status_code == 200
    assert "\n" not in download["Content-Disposition"]
