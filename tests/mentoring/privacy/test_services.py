"""A person's own data: the export, erasure, the retention purge, and the log of who viewed it."""

import datetime as dt
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.backends.cached_db import KEY_PREFIX as CACHED_DB_PREFIX
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring.applications.workflow import Status
from mentoring.core.choices import MeetingFormat, Situation
from mentoring.figures import arithmetic as figures
from mentoring.figures.selectors import participant_rows
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import (
    AccessLog,
    AnswerSource,
    Application,
    CompanyRequest,
    ErasureRequest,
    FollowUpSurvey,
    Goal,
    Meeting,
    Mentorship,
    Outcome,
    PrivateNote,
    StatusChange,
    SurveyKind,
)
from mentoring.privacy.services.access_log import access_log_record, access_logs_record
from mentoring.privacy.services.erasure import erasure_perform, erasure_request
from mentoring.privacy.services.export import personal_data_export
from mentoring.privacy.services.retention import retention_purge
from portal.models import OutboxMessage, User
from tests import factories

pytestmark = pytest.mark.django_db

PLAN = b"%PDF-1.7\nZelmiras hemliga affarsplan QX7"
# Everything Zelmira wrote or that was written about her, each a text found nowhere else.
SECRETS = {
    "first_name": "Zelmira",
    "last_name": "Quistorp",
    "email": "zelmira.quistorp@example.org",
    "phone": "070-987 65 43",
    "idea_title": "Zelmiras flytande bageri",
    "idea": "QX7 idé: bröd från en båt",
    "market": "QX7 marknad: kajer och hamnar",
    "other_needs": "QX7 hjälp med tillstånd",
    "orgnr_note": "QX7 beslutsmotivering",
    "internal": "QX7 intern anteckning",
    "review": "QX7 granskarens kommentar",
    "goal": "QX7 mål: första marknaden",
    "shared": "QX7 delad anteckning",
    "mentor_note": "QX7 mentorns privata anteckning",
    "own_note": "QX7 egen privat anteckning",
    "survey": "QX7 enkätkommentar",
    "end": "QX7 skäl att avsluta",
    "employer": "QX7 Varvet AB",
    "plan_name": "zelmira-plan.pdf",
}


@pytest.fixture
def person(db):
    return factories.ApplicantFactory(
        email=SECRETS["email"],
        first_name=SECRETS["first_name"],
        last_name=SECRETS["last_name"],
        profile__phone=SECRETS["phone"],
        profile__former_employer=SECRETS["employer"],
    )


@pytest.fixture
def participant(person, coordinator, now):
    """Zelmira, accepted, with a business plan, a review, a mentorship with notes, a survey and outcomes.

    She also has a rejected application and a draft in other intakes.
    """
    application = factories.ApplicationFactory(
        applicant=person,
        status=Status.ACCEPTED,
        now=now,
        coordinator=coordinator,
        reason=SECRETS["orgnr_note"],
        idea_title=SECRETS["idea_title"],
        idea_description=SECRETS["idea"],
        market_description=SECRETS["market"],
        support_needs_other=SECRETS["other_needs"],
        business_plan_name=SECRETS["plan_name"],
    )
    application.business_plan.save("plan.pdf", ContentFile(PLAN))
    StatusChange.objects.filter(application=application, to_status=Status.ACCEPTED).update(
        internal_note=SECRETS["internal"]
    )
    factories.ReviewFactory(application=application, reviewer=coordinator, comment=SECRETS["review"])
    mentorship = factories.MentorshipFactory(
        participant=application,
        status=MentorshipStatus.COMPLETED,
        end_reason=SECRETS["end"],
        ended_at=now,
    )
    Goal.objects.create(mentorship=mentorship, title=SECRETS["goal"], created_by=person, created_at=now)
    meeting = Meeting.objects.create(
        mentorship=mentorship,
        held_on=now.date(),
        minutes=60,
        format=MeetingFormat.ONLINE,
        shared_notes=SECRETS["shared"],
        logged_by=person,
        logged_at=now,
        updated_at=now,
    )
    PrivateNote.objects.create(
        meeting=meeting, author=mentorship.mentor.user, text=SECRETS["mentor_note"], updated_at=now
    )
    PrivateNote.objects.create(meeting=meeting, author=person, text=SECRETS["own_note"], updated_at=now)
    survey = FollowUpSurvey.objects.create(
        participant=application,
        mentorship=mentorship,
        kind=SurveyKind.EXIT,
        due_at=now,
        sent_at=now,
        answered_at=now,
        source=AnswerSource.WEB,
        situation=Situation.OWN_BUSINESS,
        organisation_number="556677-8899",
        satisfaction_mentoring=5,
        comments=SECRETS["survey"],
    )
    Outcome.objects.create(
        participant=application,
        point=Outcome.Point.EXIT,
        result=Outcome.Result.OWN_BUSINESS,
        organisation_number="556677-8899",
        business_registered=True,
        business_started_on=now.date(),
        source=AnswerSource.WEB,
        survey=survey,
        recorded_at=now,
    )
    rejected = factories.ApplicationFactory(
        applicant=person,
        status=Status.REJECTED,
        now=now,
        coordinator=coordinator,
        idea_description=SECRETS["idea"],
    )
    rejected.business_plan.save("other.pdf", ContentFile(PLAN))
    factories.ApplicationFactory(applicant=person, idea_description=SECRETS["idea"])
    # The mentor's introduction, still in the outbox: it names her and gives her phone number.
    OutboxMessage.objects.create(
        subject="Ny adept",
        from_email="portal@example.org",
        to=[mentorship.mentor.user.email],
        body=f"{SECRETS['first_name']} {SECRETS['last_name']}, {SECRETS['phone']}, {SECRETS['email']}",
    )
    access_log_record(
        viewer=coordinator, subject=person, what=AccessLog.What.APPLICATION, object_id=1, now=now
    )
    return application


def read_export(content: bytes) -> tuple[dict, dict[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    return json.loads(files.pop("data.json")), files


def text_values_everywhere() -> list[tuple[str, str, str]]:
    """Every value of every text, e-mail and JSON column of every model: (model, field, value)."""
    found = []
    for model in apps.get_models():
        columns = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField, models.FileField))
        ]
        if not columns:
            continue
        for row in model._base_manager.values_list(*columns):
            for name, value in zip(columns, row, strict=True):
                if value not in (None, "", [], {}):
                    found.append(
                        (model._meta.label, name, json.dumps(value, ensure_ascii=False, default=str))
                    )
    return found


def files_everywhere() -> list[Path]:
    roots = {
        Path(settings.MEDIA_ROOT),
        Path(settings.PRIVATE_MEDIA_ROOT),
        Path(Application._meta.get_field("business_plan").storage.location),
    }
    return [path for root in roots if root.exists() for path in root.rglob("*") if path.is_file()]


def figures_of() -> list:
    """The funder's figures, participant by participant, as the figures read them."""
    return participant_rows()


def erase(user, now, django_capture_on_commit_callbacks) -> ErasureRequest:
    with django_capture_on_commit_callbacks(execute=True):
        request = erasure_request(user=user, now=now)
        return erasure_perform(request_id=request.pk, now=now)


# --- Export ---------------------------------------------------------------------------------------


def test_export_holds_the_persons_data_files_and_who_viewed_it(participant, person, coordinator, now):
    data, files = read_export(personal_data_export(user=person, now=now))

    assert data["account"]["email"] == SECRETS["email"]
    assert data["applicant_profile"]["phone"] == SECRETS["phone"]
    assert {a["idea_title"] for a in data["applications"]} >= {SECRETS["idea_title"]}
    accepted = next(a for a in data["applications"] if a["status"] == Status.ACCEPTED)
    assert accepted["reviews"][0]["comment"] == SECRETS["review"]
    assert accepted["outcomes"][0]["result"] == Outcome.Result.OWN_BUSINESS
    assert files[accepted["business_plan_file"]] == PLAN
    meeting = data["mentorships"][0]["meetings"][0]
    assert meeting["shared_notes"] == SECRETS["shared"]
    assert meeting["your_private_note"] == SECRETS["own_note"]
    assert [view["viewer"] for view in data["data_views"]] == [coordinator.get_full_name()]


def test_export_never_holds_another_persons_data(participant, person, now):
    other = factories.ApplicationFactory(idea_description="Bos hemliga idé", status=Status.SUBMITTED, now=now)
    other.business_plan.save("bo.pdf", ContentFile(b"%PDF-1.7\nBos plan"))

    content = personal_data_export(user=person, now=now)
    data, files = read_export(content)
    text = json.dumps(data, ensure_ascii=False)

    assert "Bos hemliga idé" not in text and other.applicant.email not in text
    assert b"Bos plan" not in b"".join(files.values())
    # A mentor's private note about her is the mentor's, not hers.
    assert SECRETS["mentor_note"] not in text


# --- Access log -----------------------------------------------------------------------------------


def test_access_log_records_coordinator_views_and_export_shows_them(
    client, participant, person, coordinator, now
):
    AccessLog.objects.all().delete()
    client.force_login(coordinator)

    client.get(reverse("mentoring:application_detail", kwargs={"pk": participant.pk}))
    client.get(reverse("mentoring:business_plan", kwargs={"pk": participant.pk}))

    logged = set(AccessLog.objects.filter(subject=person, viewer=coordinator).values_list("what", flat=True))
    assert logged == {AccessLog.What.APPLICATION, AccessLog.What.PROFILE, AccessLog.What.BUSINESS_PLAN}
    data, _files = read_export(personal_data_export(user=person, now=now))
    assert {view["what"] for view in data["data_views"]} == logged


def test_access_log_skips_a_persons_own_views(client, participant, person):
    AccessLog.objects.all().delete()
    client.force_login(person)

    client.get(reverse("mentoring:business_plan", kwargs={"pk": participant.pk}))

    assert not AccessLog.objects.exists()


def test_access_logs_record_writes_each_view_in_one_statement(person, coordinator, now):
    AccessLog.objects.all().delete()

    with CaptureQueriesContext(connection) as captured:
        access_logs_record(
            viewer=coordinator,
            subject=person,
            views=[(AccessLog.What.APPLICATION, 7), (AccessLog.What.PROFILE, 8)],
            now=now,
        )

    assert [q["sql"].split()[0] for q in captured.captured_queries] == ["INSERT"]
    logged = AccessLog.objects.filter(subject=person, viewer=coordinator, at=now)
    assert sorted(logged.values_list("what", "object_id")) == [("application", 7), ("profile", 8)]


# --- Erasure --------------------------------------------------------------------------------------


def test_erasure_leaves_nothing_of_the_person_in_database_or_files(
    participant, person, now, django_capture_on_commit_callbacks
):
    assert any(PLAN in path.read_bytes() for path in files_everywhere())

    erase(person, now, django_capture_on_commit_callbacks)

    leaks = [
        (model, column, key)
        for model, column, value in text_values_everywhere()
        for key, secret in SECRETS.items()
        if secret.lower() in value.lower()
    ]
    assert leaks == []
    assert not [path for path in files_everywhere() if b"QX7" in path.read_bytes()]


def test_erasure_keeps_the_funders_figures(participant, person, now, django_capture_on_commit_callbacks):
    before = figures_of()
    assert [row.intake_id for row in before] == [participant.intake_id]

    erase(person, now, django_capture_on_commit_callbacks)

    assert figures_of() == before
    kept = Application.objects.get(pk=participant.pk)
    assert kept.anonymised_at == now
    today = timezone.localdate(now)  # the programme's day, whatever the hour in UTC
    assert kept.retain_until == today.replace(year=today.year + settings.ANONYMISED_RETENTION_YEARS)
    assert (
        Application.objects.filter(applicant=person).count() == 1
    )  # the draft and the rejected one are gone


def test_erasure_turns_the_account_into_a_placeholder_that_cannot_sign_in(
    client, participant, person, now, django_capture_on_commit_callbacks
):
    request = erase(person, now, django_capture_on_commit_callbacks)

    account = User.objects.get(pk=person.pk)
    assert account.email == f"erased-{request.reference}@invalid"
    assert not account.is_active and not account.has_usable_password()
    assert not client.login(email=SECRETS["email"], password=factories.PASSWORD)
    assert not AccessLog.objects.filter(subject=account).exists()


def test_erasure_signs_the_person_out_everywhere_including_sessions_kept_in_the_cache(
    client, participant, person, now, settings, django_capture_on_commit_callbacks
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client.force_login(person)
    other = Client()
    other.force_login(factories.verified_user())
    key = client.session.session_key
    assert cache.get(CACHED_DB_PREFIX + key) is not None

    request = erase(person, now, django_capture_on_commit_callbacks)

    assert cache.get(CACHED_DB_PREFIX + key) is None
    assert not Session.objects.filter(session_key=key).exists()
    assert Session.objects.filter(session_key=other.session.session_key).exists()
    steps = {step["step"]: step["count"] for step in request.steps}
    assert steps["sessions_deleted"] == 1


def test_erasure_logs_every_step_with_a_count(participant, person, now, django_capture_on_commit_callbacks):
    request = erase(person, now, django_capture_on_commit_callbacks)

    steps = {step["step"]: step["count"] for step in request.steps}
    assert steps["applications_deleted"] == 2
    assert steps["files_deleted"] == 2
    assert steps["participant_private_notes_deleted"] == 2
    assert steps["account_anonymised"] == 1
    assert request.completed_at == now


def test_erasure_runs_once(participant, person, now, django_capture_on_commit_callbacks):
    request = erase(person, now, django_capture_on_commit_callbacks)
    steps = list(request.steps)

    again = erasure_perform(request_id=request.pk, now=now + dt.timedelta(hours=1))

    assert again.steps == steps and again.completed_at == now


def test_erasure_deletes_an_account_with_nothing_to_keep(now, django_capture_on_commit_callbacks):
    person = factories.ApplicantFactory()
    factories.ApplicationFactory(applicant=person, status=Status.REJECTED, now=now)

    request = erase(person, now, django_capture_on_commit_callbacks)

    assert not User.objects.filter(pk=person.pk).exists()
    assert request.user is None and request.completed_at == now


def test_erasure_of_a_mentor_removes_their_notes_and_bio(
    participant, now, django_capture_on_commit_callbacks
):
    mentor = participant.mentorships.get().mentor

    erase(mentor.user, now, django_capture_on_commit_callbacks)

    mentor.refresh_from_db()
    assert mentor.bio == "" and not mentor.user.is_active
    assert not PrivateNote.objects.filter(text=SECRETS["mentor_note"]).exists()


# --- Retention purge ------------------------------------------------------------------------------


def untouched_since(application: Application, when: dt.datetime) -> None:
    Application.objects.filter(pk=application.pk).update(updated_at=when)


def test_purge_warns_of_an_untouched_draft_then_deletes_it(draft, now):
    untouched_since(draft, now)

    assert retention_purge(now=now + dt.timedelta(days=75)).counts()["warned"] == 0
    assert retention_purge(now=now + dt.timedelta(days=76)).warned == [draft.pk]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [draft.applicant.email]
    assert retention_purge(now=now + dt.timedelta(days=89)).counts() == {
        "warned": 0,
        "purged_drafts": 0,
        "purged_closed": 0,
        "purged_anonymised": 0,
        "purged_company_requests": 0,
        "stripped_company_requests": 0,
    }
    assert retention_purge(now=now + dt.timedelta(days=90)).purged_drafts == [draft.pk]
    assert not Application.objects.filter(pk=draft.pk).exists()
    assert len(mail.outbox) == 1


def test_purge_deletes_only_warning_days_after_a_late_warning(draft, now):
    untouched_since(draft, now)

    retention_purge(now=now + dt.timedelta(days=100))  # the job did not run for a while: warned now

    assert Application.objects.filter(pk=draft.pk).exists()
    assert retention_purge(now=now + dt.timedelta(days=113)).counts()["purged_drafts"] == 0
    assert retention_purge(now=now + dt.timedelta(days=114)).purged_drafts == [draft.pk]


def test_purge_spares_a_draft_touched_after_the_warning(draft, now):
    untouched_since(draft, now)
    retention_purge(now=now + dt.timedelta(days=76))
    untouched_since(draft, now + dt.timedelta(days=80))

    result = retention_purge(now=now + dt.timedelta(days=90))

    assert result.purged_drafts == [] and Application.objects.filter(pk=draft.pk).exists()
    assert Application.objects.get(pk=draft.pk).purge_warned_at is None
    assert retention_purge(now=now + dt.timedelta(days=80 + 76)).warned == [draft.pk]
    assert retention_purge(now=now + dt.timedelta(days=80 + 90)).purged_drafts == [draft.pk]


def test_purge_deletes_a_rejected_application_and_its_file_after_the_period(
    application_in, now, django_capture_on_commit_callbacks
):
    rejected = application_in(Status.REJECTED)
    rejected.business_plan.save("plan.pdf", ContentFile(PLAN))
    stored = Path(rejected.business_plan.path)

    assert retention_purge(now=now + dt.timedelta(days=350)).warned == []
    assert retention_purge(now=now + dt.timedelta(days=351)).warned == [rejected.pk]
    with django_capture_on_commit_callbacks(execute=True):
        assert retention_purge(now=now + dt.timedelta(days=365)).purged_closed == [rejected.pk]

    assert not Application.objects.filter(pk=rejected.pk).exists() and not stored.exists()


def test_purge_deletes_a_withdrawn_application_after_the_period(application_in, now):
    withdrawn = application_in(Status.WITHDRAWN)

    retention_purge(now=now + dt.timedelta(days=351))

    assert retention_purge(now=now + dt.timedelta(days=365)).purged_closed == [withdrawn.pk]


def test_purge_never_touches_accepted_or_submitted_applications(application_in, now):
    accepted, submitted = application_in(Status.ACCEPTED), application_in(Status.SUBMITTED)

    for days in (76, 90, 351, 365, 800):
        assert not any(retention_purge(now=now + dt.timedelta(days=days)).counts().values())

    assert Application.objects.filter(pk__in=[accepted.pk, submitted.pk]).count() == 2


def test_purge_run_twice_does_nothing_twice(draft, now):
    untouched_since(draft, now)
    day = now + dt.timedelta(days=76)

    assert retention_purge(now=day).counts()["warned"] == 1
    assert retention_purge(now=day).counts()["warned"] == 0
    assert len(mail.outbox) == 1
    day = now + dt.timedelta(days=90)
    assert retention_purge(now=day).counts()["purged_drafts"] == 1
    assert not any(retention_purge(now=day).counts().values())


def test_purge_deletes_anonymised_records_past_their_retention_date(
    participant, person, now, django_capture_on_commit_callbacks
):
    erase(person, now, django_capture_on_commit_callbacks)
    retain_until = Application.objects.get(pk=participant.pk).retain_until

    assert retention_purge(now=now.replace(year=retain_until.year)).purged_anonymised == []
    later = now.replace(year=retain_until.year) + dt.timedelta(days=1)
    assert retention_purge(now=later).purged_anonymised == [participant.pk]

    assert not Application.objects.filter(pk=participant.pk).exists()
    assert not User.objects.filter(pk=person.pk).exists()
    assert ErasureRequest.objects.get().user is None


def test_purge_deletes_declined_company_requests_and_strips_closed_ones_after_the_period(coordinator, now):
    from mentoring.companies import services as companies

    def received(name):
        cleaned = {
            "company_name": f"{name} AB",
            "org_number": "556016-0680",
            "contact_name": f"{name} Holm",
            "contact_email": f"{name.lower()}@example.org",
            "contact_phone": "031-12 34 56",
            "employees_concerned": 4,
            "needs": ["mentoring"],
            "needs_text": "Fyra montörer.",
            "contact_language": "sv",
        }
        return companies.company_request_submit(data=cleaned, now=now, language="sv")

    declined = companies.company_request_decline(
        request=received("Avböjd"), actor=coordinator, reason="Utanför målgruppen.", now=now
    )
    closed = companies.company_request_plan(
        request=received("Stängd"), actor=coordinator, now=now, mentoring_places=2
    )
    companies.company_request_close(request=closed, actor=coordinator, now=now + dt.timedelta(days=10))
    waiting = received("Ny")
    days = settings.COMPANY_REQUEST_RETENTION_DAYS

    assert not any(retention_purge(now=now + dt.timedelta(days=days - 1)).counts().values())
    result = retention_purge(now=now + dt.timedelta(days=days))
    assert (result.purged_company_requests, result.stripped_company_requests) == ([declined.pk], [])
    result = retention_purge(now=now + dt.timedelta(days=days + 10))
    assert (result.purged_company_requests, result.stripped_company_requests) == ([], [closed.pk])

    closed.refresh_from_db()
    assert (closed.contact_name, closed.contact_email, closed.contact_phone, closed.needs_text) == (
        "",
        "",
        "",
        "",
    )
    assert closed.company_name == "Stängd AB" and closed.effort_kind == "mentoring"
    assert not CompanyRequest.objects.filter(pk=declined.pk).exists()
    assert CompanyRequest.objects.get(pk=waiting.pk).contact_name == "Ny Holm"
    assert not any(retention_purge(now=now + dt.timedelta(days=days + 20)).counts().values())


def test_purge_job_is_scheduled_daily():
    from portal.schedules import declared_jobs

    (job,) = [
        job for job in declared_jobs() if job.func == "mentoring.privacy.jobs.purge_expired_personal_data"
    ]
    assert job.cron.endswith("* * *")


def test_mentorship_score_unchanged_by_erasure(participant, person, now, django_capture_on_commit_callbacks):
    erase(person, now, django_capture_on_commit_callbacks)

    assert Mentorship.objects.get(participant=participant).score == Decimal("7.500")


def test_erasure_leaves_other_peoples_data_alone(
    participant, person, now, django_capture_on_commit_callbacks
):
    other = factories.ApplicationFactory(idea_description="Bos idé", status=Status.ACCEPTED, now=now)
    message = OutboxMessage.objects.create(
        subject="Kvitto", from_email="portal@example.org", to=[other.applicant.email], body="Hej Bo"
    )

    erase(person, now, django_capture_on_commit_callbacks)

    other.refresh_from_db()
    assert other.idea_description == "Bos idé" and other.anonymised_at is None
    assert OutboxMessage.objects.filter(pk=message.pk).exists()
    assert User.objects.get(pk=other.applicant_id).is_active


def test_erasure_ends_an_active_mentorship_and_frees_the_mentors_place(
    application_in, now, django_capture_on_commit_callbacks
):
    application = application_in(Status.ACCEPTED, applicant=factories.ApplicantFactory())
    mentorship = factories.MentorshipFactory(participant=application, status=MentorshipStatus.ACTIVE)
    places_before = mentorship.mentor.free_places()

    erase(application.applicant, now, django_capture_on_commit_callbacks)

    mentorship.refresh_from_db()
    assert (mentorship.status, mentorship.ended_at) == (MentorshipStatus.ENDED_EARLY, now)
    assert mentorship.mentor.free_places() == places_before + 1
    assert mentorship.changes.last().actor is None


def test_erasure_drops_unsent_surveys_and_expires_an_open_one_as_unknown(
    application_in, now, django_capture_on_commit_callbacks
):
    application = application_in(Status.ACCEPTED, applicant=factories.ApplicantFactory())
    mentorship = factories.MentorshipFactory(participant=application, status=MentorshipStatus.COMPLETED)
    FollowUpSurvey.objects.create(
        participant=application, mentorship=mentorship, kind=SurveyKind.EXIT, due_at=now, sent_at=now
    )
    FollowUpSurvey.objects.create(
        participant=application,
        mentorship=mentorship,
        kind=SurveyKind.SIX_MONTHS,
        due_at=now + dt.timedelta(days=182),
    )

    erase(application.applicant, now, django_capture_on_commit_callbacks)

    (survey,) = FollowUpSurvey.objects.filter(participant=application)
    assert survey.kind == SurveyKind.EXIT and survey.expired_at == now
    outcome = Outcome.objects.get(participant=application)
    assert (outcome.point, outcome.result) == ("exit", Outcome.Result.UNKNOWN)


def test_erasure_blanks_organisation_numbers_and_keeps_the_business_counts(
    participant, person, now, django_capture_on_commit_callbacks
):
    # A sole trader's organisation number is their personal identity number.
    before = figures.businesses(figures_of())
    assert before.value("businesses_started", figures.TOTAL) == 1

    erase(person, now, django_capture_on_commit_callbacks)

    assert figures.businesses(figures_of()) == before
    assert list(
        Outcome.objects.filter(participant=participant).values_list("organisation_number", flat=True)
    ) == [""]
    assert list(
        FollowUpSurvey.objects.filter(participant=participant).values_list("organisation_number", flat=True)
    ) == [""]
