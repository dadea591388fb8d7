"""A person's rights over their data: a copy of it all, erasure, retention, and who looked at it.

Export. `personal_data_export` gives everything held about a person as one zip:
`data.json` and the files they uploaded under `files/`. Under the right of
access (GDPR art. 15) that includes what others wrote *about* them: the
reasons and internal notes of their application's status changes and the
reviewers' scores and comments. Reviewers are not named there (their identity
is their own data); the people who viewed the person's data are, since the
issue asks for exactly that. Mentors' private notes are their writer's alone:
a person gets their *own* private notes, never a mentor's about them.

Erasure. `erasure_request` records the request; `erasure_perform` carries it
out at once, in the same request (the work is a few queries per application,
and the person is signed out straight after, so they must not be able to sign
in again while a queued job waits). It deletes what it may and anonymises what
the funder's figures must keep: an accepted participant's entry characteristics,
outcomes, mentorships and meetings (as counts and dates), without name, contact
details, free text or files, kept until `retain_until`
(ANONYMISED_RETENTION_YEARS). Each step is appended to `ErasureRequest.steps`
with a count. Every step is idempotent, and a completed request is not run again.

Retention. `retention_purge` (a daily job) deletes drafts untouched for
DRAFT_RETENTION_DAYS and rejected or withdrawn applications
CLOSED_APPLICATION_RETENTION_DAYS after the decision, each after a warning
e-mail sent PURGE_WARNING_DAYS before; and anonymised records past `retain_until`.
"""

import io
import json
import logging
import secrets
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import F, Q
from django.utils import translation

from mentoring import notifications
from mentoring.display import person_name
from mentoring.mentorship_workflow import MentorshipStatus
from mentoring.models import (
    AccessLog,
    AnswerSource,
    Application,
    ApplicationStatus,
    ErasureRequest,
    FollowUpSurvey,
    Goal,
    IdentityReveal,
    Meeting,
    MentorInvitation,
    MentorProfile,
    Mentorship,
    MentorshipChange,
    Outcome,
    PrivateNote,
    Review,
    StatusChange,
)
from portal.models import OutboxMessage, User

logger = logging.getLogger(__name__)

# Applications kept (anonymised) by an erasure: the funder counts accepted participants.
KEPT_STATUSES = (ApplicationStatus.ACCEPTED,)
CLOSED_STATUSES = (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN)


# --- Access log ----------------------------------------------------------------------------------


def access_log_record(
    *, viewer: User, subject: User, what: str, object_id: int | None, now: datetime
) -> None:
    """Log that `viewer` opened `subject`'s data (`what`: an AccessLog.What); not their own."""
    if viewer.pk == subject.pk:
        return
    AccessLog.objects.create(viewer=viewer, subject=subject, what=what, object_id=object_id, at=now)


# --- Export --------------------------------------------------------------------------------------


def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _fields(instance, names: list[str]) -> dict:
    return {name: _iso(getattr(instance, name)) for name in names}


PROFILE_FIELDS = [
    "first_name",
    "last_name",
    "phone",
    "municipality",
    "birth_year",
    "gender",
    "employment_status",
    "months_unemployed",
    "former_sector",
    "former_employer",
    "education_level",
    "languages",
    "contact_language",
    "consent_at",
    "privacy_notice_version",
    "created_at",
    "updated_at",
]
APPLICATION_FIELDS = [
    "status",
    "idea_title",
    "idea_description",
    "business_sector",
    "market_description",
    "stage",
    "organisation_number",
    "support_needs",
    "support_needs_other",
    "mentor_languages",
    "woman_mentor",
    "meeting_mode",
    "business_plan_name",
    "created_at",
    "updated_at",
    "submitted_at",
    "decided_at",
    "decision_reason",
]
MENTOR_FIELDS = [
    "phone",
    "bio",
    "sectors",
    "expertise",
    "languages",
    "municipality",
    "online_ok",
    "capacity",
    "gender",
    "company_ties",
    "paused",
    "back_on",
    "approved_at",
    "created_at",
    "updated_at",
]
SURVEY_FIELDS = [
    "kind",
    "due_at",
    "sent_at",
    "answered_at",
    "expired_at",
    "source",
    "situation",
    "organisation_number",
    "business_started_on",
    "improvements",
    "satisfaction_mentoring",
    "satisfaction_programme",
    "comments",
]
OUTCOME_FIELDS = [
    "point",
    "result",
    "organisation_number",
    "business_started_on",
    "improvements",
    "recorded_at",
]


def _file_name(application: Application) -> str:
    base = application.business_plan_name or application.business_plan.name.rsplit("/", 1)[-1]
    return f"files/business-plan-{application.pk}-{base.replace('/', '_')}"


def _mentorship_data(mentorship: Mentorship, *, user: User, role: str) -> dict:
    return {
        "id": mentorship.pk,
        "your_role": role,
        **_fields(
            mentorship, ["status", "proposed_at", "answered_at", "ended_at", "decline_reason", "end_reason"]
        ),
        "changes": [
            _fields(change, ["at", "from_status", "to_status", "reason"])
            for change in mentorship.changes.all()
        ],
        "goals": [
            _fields(goal, ["title", "target_date", "done_at", "created_at"])
            for goal in mentorship.goals.all()
        ],
        "meetings": [
            {
                **_fields(meeting, ["held_on", "minutes", "format", "topics", "shared_notes", "logged_at"]),
                # Only the person's own private note: another's is its writer's alone.
                "your_private_note": next(
                    (note.text for note in meeting.private_notes.all() if note.author_id == user.pk), ""
                ),
            }
            for meeting in mentorship.meetings.all()
        ],
    }


def personal_data_export(*, user: User, now: datetime) -> bytes:
    """A zip of everything held about `user`: `data.json` and their uploaded files under `files/`."""
    files: dict[str, bytes] = {}
    applications = []
    for application in Application.objects.filter(applicant=user).select_related("intake").order_by("pk"):
        entry = {"id": application.pk, "intake": application.intake.title}
        entry |= _fields(application, APPLICATION_FIELDS)
        entry["status_history"] = [
            _fields(change, ["at", "from_status", "to_status", "reason", "internal_note"])
            for change in application.status_changes.all()
        ]
        entry["reviews"] = [
            _fields(review, ["scores", "score", "comment", "created_at", "updated_at"])
            for review in application.reviews.filter(conflict_of_interest=False)
        ]
        entry["business_plan_file"] = None
        if application.business_plan:
            try:
                with application.business_plan.open("rb") as plan:
                    name = _file_name(application)
                    files[name] = plan.read()
                    entry["business_plan_file"] = name
            except FileNotFoundError:
                logger.warning("export of user %s: business plan of %s is missing", user.pk, application.pk)
        entry["surveys"] = [_fields(survey, SURVEY_FIELDS) for survey in application.surveys.all()]
        entry["outcomes"] = [_fields(outcome, OUTCOME_FIELDS) for outcome in application.outcomes.all()]
        applications.append(entry)

    mentorships = [
        _mentorship_data(m, user=user, role="participant")
        for m in Mentorship.objects.filter(participant__applicant=user).order_by("pk")
    ]
    mentor = MentorProfile.objects.filter(user=user).first()
    if mentor is not None:
        mentorships += [
            _mentorship_data(m, user=user, role="mentor") for m in mentor.mentorships.order_by("pk")
        ]
    profile = getattr(user, "applicant_profile", None)
    data = {
        "generated_at": now.isoformat(),
        "account": _fields(user, ["email", "first_name", "last_name", "date_joined", "last_login"]),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "applicant_profile": _fields(profile, PROFILE_FIELDS) if profile else None,
        "applications": applications,
        "mentor_profile": _fields(mentor, MENTOR_FIELDS) if mentor else None,
        "mentorships": mentorships,
        "data_views": [
            {
                "viewer": person_name(entry.viewer),
                "what": entry.what,
                "object_id": entry.object_id,
                "at": _iso(entry.at),
            }
            for entry in AccessLog.objects.filter(subject=user).select_related("viewer")
        ],
        "identity_reveals": [
            {
                "viewer": person_name(reveal.coordinator),
                "application_id": reveal.application_id,
                "at": _iso(reveal.at),
            }
            for reveal in IdentityReveal.objects.filter(application__applicant=user).select_related(
                "coordinator"
            )
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2, default=str))
        for name, content in files.items():
            archive.writestr(name, content)
    logger.info("personal data exported for user %s (%s files)", user.pk, len(files))
    return buffer.getvalue()


# --- Erasure -------------------------------------------------------------------------------------


@transaction.atomic
def erasure_request(*, user: User, now: datetime) -> ErasureRequest:
    """Record that `user` asked for erasure; an open request of theirs is returned instead of a second."""
    user = User.objects.select_for_update().get(pk=user.pk)
    open_request = ErasureRequest.objects.filter(user=user, completed_at__isnull=True).first()
    if open_request is not None:
        return open_request
    request = ErasureRequest.objects.create(user=user, reference=secrets.token_hex(8), requested_at=now)
    logger.info("erasure requested: %s (user %s)", request.reference, user.pk)
    return request


class _Steps:
    def __init__(self, request: ErasureRequest, now: datetime):
        self.request, self.now = request, now

    def log(self, step: str, count: int) -> None:
        self.request.steps.append({"at": self.now.isoformat(), "step": step, "count": count})
        logger.info("erasure %s: %s (%s)", self.request.reference, step, count)


def _delete_files_after_commit(names: list[str]) -> None:
    """Files go once the rows that point at them are gone for good: a rollback keeps both."""
    storage = Application._meta.get_field("business_plan").storage

    def delete():
        for name in names:
            storage.delete(name)

    if names:
        transaction.on_commit(delete)


def _delete_application(application: Application) -> None:
    """An application and everything that hangs on it (status log, reviews, surveys, outcomes, choices)."""
    for mentorship in application.mentorships.all():
        mentorship.delete()
    application.delete()


def _close_open_mentorships(mentorships, *, steps: _Steps, prefix: str, now: datetime) -> None:
    """End what cannot go on without the person: a proposal goes back, an active mentorship ends early.

    The other party's place (or mentee) is freed. The log rows carry no reason:
    a reason would only say, in words, whose data went.
    """
    moves = (
        (MentorshipStatus.PROPOSED, MentorshipStatus.RETURNED, {}),
        (MentorshipStatus.ACTIVE, MentorshipStatus.ENDED_EARLY, {"ended_at": now}),
    )
    for source, target, extra in moves:
        ids = list(Mentorship.objects.filter(pk__in=mentorships, status=source).values_list("pk", flat=True))
        Mentorship.objects.filter(pk__in=ids).update(status=target, **extra)
        MentorshipChange.objects.bulk_create(
            MentorshipChange(mentorship_id=pk, actor=None, at=now, from_status=source, to_status=target)
            for pk in ids
        )
        steps.log(f"{prefix}_mentorships_{target}", len(ids))


def _close_open_surveys(application_ids, *, steps: _Steps, now: datetime) -> None:
    """Surveys not yet sent are dropped; one sent and unanswered expires with the outcome "unknown"."""
    surveys = FollowUpSurvey.objects.filter(participant__in=application_ids)
    steps.log("unsent_surveys_deleted", surveys.filter(sent_at__isnull=True).delete()[0])
    open_surveys = list(surveys.filter(answered_at__isnull=True, expired_at__isnull=True))
    for survey in open_surveys:
        survey.expired_at = now
        survey.source = AnswerSource.EXPIRED
        survey.save(update_fields=["expired_at", "source"])
        Outcome.objects.get_or_create(
            participant_id=survey.participant_id,
            point=survey.kind,
            defaults={
                "result": Outcome.Result.UNKNOWN,
                "source": AnswerSource.EXPIRED,
                "survey": survey,
                "recorded_at": now,
            },
        )
    steps.log("open_surveys_expired", len(open_surveys))


def _anonymise_mentorships(mentorships, *, steps: _Steps, prefix: str) -> None:
    steps.log(
        f"{prefix}_private_notes_deleted",
        PrivateNote.objects.filter(meeting__mentorship__in=mentorships).delete()[0],
    )
    steps.log(
        f"{prefix}_meeting_notes_blanked",
        Meeting.objects.filter(mentorship__in=mentorships).exclude(shared_notes="").update(shared_notes=""),
    )
    steps.log(
        f"{prefix}_goals_blanked",
        Goal.objects.filter(mentorship__in=mentorships).exclude(title="").update(title=""),
    )
    steps.log(
        f"{prefix}_mentorship_reasons_blanked",
        Mentorship.objects.filter(pk__in=mentorships)
        .filter(~Q(decline_reason="") | ~Q(end_reason=""))
        .update(decline_reason="", end_reason=""),
    )
    steps.log(
        f"{prefix}_mentorship_changes_blanked",
        MentorshipChange.objects.filter(mentorship__in=mentorships).exclude(reason="").update(reason=""),
    )


@transaction.atomic
def erasure_perform(*, request_id: int, now: datetime) -> ErasureRequest:
    """Carry out erasure request `request_id` (see the module's docstring); a completed one is left alone."""
    request = ErasureRequest.objects.select_for_update().get(pk=request_id)
    if request.completed_at is not None:
        return request
    steps = _Steps(request, now)
    user = User.objects.select_for_update().filter(pk=request.user_id).first()
    if user is None:
        steps.log("account_already_gone", 0)
        request.completed_at = now
        request.save(update_fields=["steps", "completed_at"])
        return request

    profile = getattr(user, "applicant_profile", None)
    # What could identify the person in messages others received (a mentor's introduction names them).
    traces = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    if profile is not None:
        traces |= {profile.phone, profile.full_name}
    traces |= {user.get_full_name()}
    traces = {trace for trace in traces if trace and len(trace) >= 3}

    applications = list(Application.objects.select_for_update().filter(applicant=user).order_by("pk"))
    # Locked first, then asked about: a row lock cannot take the nullable side of a join.
    kept_ids = set(
        Application.objects.filter(pk__in=[a.pk for a in applications])
        .filter(Q(status__in=KEPT_STATUSES) | Q(mentorships__isnull=False) | Q(outcomes__isnull=False))
        .values_list("pk", flat=True)
    )
    files = [a.business_plan.name for a in applications if a.business_plan]
    _delete_files_after_commit(files)
    steps.log("files_deleted", len(files))

    removed = [a for a in applications if a.pk not in kept_ids]
    for application in removed:
        _delete_application(application)
    steps.log("applications_deleted", len(removed))

    kept_apps = Application.objects.filter(pk__in=kept_ids)
    retain_until = years_after(now.date(), settings.ANONYMISED_RETENTION_YEARS)
    steps.log(
        "applications_anonymised",
        kept_apps.update(
            idea_title="",
            idea_description="",
            market_description="",
            organisation_number="",
            support_needs_other="",
            business_plan="",
            business_plan_name="",
            decision_reason="",
            anonymised_at=now,
            retain_until=retain_until,
        ),
    )
    steps.log(
        "status_reasons_blanked",
        StatusChange.objects.filter(application__in=kept_ids)
        .filter(~Q(reason="") | ~Q(internal_note=""))
        .update(reason="", internal_note=""),
    )
    steps.log(
        "review_comments_blanked",
        Review.objects.filter(application__in=kept_ids).exclude(comment="").update(comment=""),
    )
    steps.log(
        "survey_comments_blanked",
        FollowUpSurvey.objects.filter(participant__in=kept_ids).exclude(comments="").update(comments=""),
    )
    _close_open_surveys(kept_ids, steps=steps, now=now)
    participant_ships = list(Mentorship.objects.filter(participant__in=kept_ids).values_list("pk", flat=True))
    _close_open_mentorships(participant_ships, steps=steps, prefix="participant", now=now)
    _anonymise_mentorships(participant_ships, steps=steps, prefix="participant")

    mentor = MentorProfile.objects.filter(user=user).first()
    if mentor is not None:
        mentor_ships = list(mentor.mentorships.values_list("pk", flat=True))
        _close_open_mentorships(mentor_ships, steps=steps, prefix="mentor", now=now)
        _anonymise_mentorships(mentor_ships, steps=steps, prefix="mentor")
        if mentor_ships:
            MentorProfile.objects.filter(pk=mentor.pk).update(
                phone="", bio="", company_ties=[], paused=True, approved_by=None
            )
            steps.log("mentor_profile_anonymised", 1)
        else:
            mentor.delete()
            steps.log("mentor_profile_deleted", 1)
    steps.log("private_notes_written_deleted", PrivateNote.objects.filter(author=user).delete()[0])
    steps.log("mentor_invitations_deleted", MentorInvitation.objects.filter(email__in=traces).delete()[0])

    if profile is not None:
        if kept_ids:
            profile.first_name = profile.last_name = profile.phone = profile.former_employer = ""
            profile.save(update_fields=["first_name", "last_name", "phone", "former_employer", "updated_at"])
            steps.log("profile_anonymised", 1)
        else:
            profile.delete()
            steps.log("profile_deleted", 1)

    outbox = Q()
    for trace in traces:
        outbox |= Q(body__icontains=trace) | Q(subject__icontains=trace) | Q(to__icontains=trace)
        outbox |= Q(cc__icontains=trace) | Q(bcc__icontains=trace)
    # An empty Q would match every message: there is always the e-mail address, but say so.
    steps.log("outbox_messages_deleted", OutboxMessage.objects.filter(outbox).delete()[0] if traces else 0)
    steps.log("email_addresses_deleted", EmailAddress.objects.filter(user=user).delete()[0])
    steps.log("authenticators_deleted", Authenticator.objects.filter(user=user).delete()[0])
    steps.log("sessions_deleted", _delete_sessions(user=user, now=now))
    steps.log("access_log_deleted", AccessLog.objects.filter(subject=user).delete()[0])

    must_keep = (
        Application.objects.filter(applicant=user).exists()
        or MentorProfile.objects.filter(user=user).exists()
        or Review.objects.filter(reviewer=user).exists()
        or IdentityReveal.objects.filter(coordinator=user).exists()
    )
    if must_keep:
        user.email = f"erased-{request.reference}@invalid"
        user.first_name = user.last_name = ""
        user.is_active = user.is_staff = user.is_superuser = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        steps.log("account_anonymised", 1)
    else:
        request.user = None
        request.save(update_fields=["user"])
        user.delete()
        steps.log("account_deleted", 1)

    request.completed_at = now
    request.save(update_fields=["steps", "completed_at"])
    return request


def years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _delete_sessions(*, user: User, now: datetime) -> int:
    """The person's stored sessions (signed in elsewhere); the store holds only the user id, encoded."""
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=now)
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    return Session.objects.filter(pk__in=doomed).delete()[0]


# --- Retention -----------------------------------------------------------------------------------


@dataclass
class PurgeResult:
    warned: list[int] = field(default_factory=list)
    purged_drafts: list[int] = field(default_factory=list)
    purged_closed: list[int] = field(default_factory=list)
    purged_anonymised: list[int] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "warned": len(self.warned),
            "purged_drafts": len(self.purged_drafts),
            "purged_closed": len(self.purged_closed),
            "purged_anonymised": len(self.purged_anonymised),
        }


def _purge_date(application: Application) -> datetime | None:
    """When `application` falls due for deletion, or None when retention does not apply to it."""
    if application.anonymised_at is not None:
        return None
    if application.status == ApplicationStatus.DRAFT:
        return application.updated_at + timedelta(days=settings.DRAFT_RETENTION_DAYS)
    if application.status in CLOSED_STATUSES:
        # The move into the closed status (a withdrawal sets no decided_at; a waiting-list one is older).
        change = application.status_changes.filter(to_status=application.status).order_by("-at").first()
        closed_at = change.at if change else (application.decided_at or application.updated_at)
        return closed_at + timedelta(days=settings.CLOSED_APPLICATION_RETENTION_DAYS)
    return None


def retention_purge(*, now: datetime) -> PurgeResult:
    """Warn of, and later delete, expired drafts and closed applications; delete expired anonymised records.

    Each application is handled in its own transaction under its row lock and checked
    again there, so a second run (or a second worker) finds the work done.
    """
    result = PurgeResult()
    warning = timedelta(days=settings.PURGE_WARNING_DAYS)
    draft_cutoff = now + warning - timedelta(days=settings.DRAFT_RETENTION_DAYS)
    closed_cutoff = now + warning - timedelta(days=settings.CLOSED_APPLICATION_RETENTION_DAYS)
    candidates = Application.objects.filter(anonymised_at__isnull=True).filter(
        Q(status=ApplicationStatus.DRAFT, updated_at__lte=draft_cutoff)
        | Q(
            status__in=CLOSED_STATUSES,
            status_changes__to_status=F("status"),
            status_changes__at__lte=closed_cutoff,
        )
        # A draft touched after its warning: the stale warning is reset below.
        | Q(status=ApplicationStatus.DRAFT, purge_warned_at__isnull=False)
    )
    for pk in candidates.order_by("pk").values_list("pk", flat=True).distinct():
        step = _retain_or_purge(pk=pk, now=now)
        if step:
            getattr(result, step).append(pk)
    expired = Application.objects.filter(anonymised_at__isnull=False, retain_until__lt=now.date())
    for pk in expired.values_list("pk", flat=True):
        if _purge_anonymised(pk=pk, now=now):
            result.purged_anonymised.append(pk)
    if any(result.counts().values()):
        logger.info("retention purge: %s", result.counts())
    return result


@transaction.atomic
def _retain_or_purge(*, pk: int, now: datetime) -> str | None:
    """Warn, reset a stale warning, or purge application `pk`, whichever is due; under its lock."""
    application = Application.objects.select_for_update().filter(pk=pk).select_related("applicant").first()
    if application is None:
        return None
    due = _purge_date(application)
    if due is None:
        return None
    warned = application.purge_warned_at
    if warned is not None and application.updated_at > warned:
        # Touched since the warning: untouched time starts again, and so does the warning.
        Application.objects.filter(pk=pk).update(purge_warned_at=None)
        logger.info("application %s: touched after the purge warning, warning reset", pk)
        warned = None
    warning = timedelta(days=settings.PURGE_WARNING_DAYS)
    if warned is None:
        if now < due - warning:
            return None
        Application.objects.filter(pk=pk).update(purge_warned_at=now)
        _mail_warning(application=application, purge_on=max(due, now + warning))
        logger.info("application %s: warned of deletion on %s", pk, due.date())
        return "warned"
    if now < due or now < warned + warning:
        return None
    if application.mentorships.exists():
        return None
    kind = "purged_drafts" if application.status == ApplicationStatus.DRAFT else "purged_closed"
    _delete_files_after_commit([application.business_plan.name] if application.business_plan else [])
    _delete_application(application)
    logger.info("application %s: purged (%s)", pk, kind)
    return kind


@transaction.atomic
def _purge_anonymised(*, pk: int, now: datetime) -> bool:
    application = Application.objects.select_for_update().filter(pk=pk).first()
    if application is None or application.retain_until is None or application.retain_until >= now.date():
        return False
    user = application.applicant
    _delete_application(application)
    # The placeholder account goes with the last record that needed it.
    if (
        not user.is_active
        and user.email.endswith("@invalid")
        and not Application.objects.filter(applicant=user).exists()
        and not MentorProfile.objects.filter(user=user).exists()
        and not Review.objects.filter(reviewer=user).exists()
        and not IdentityReveal.objects.filter(coordinator=user).exists()
    ):
        ErasureRequest.objects.filter(user=user).update(user=None)
        user.delete()
    logger.info("application %s: anonymised record past its retention date deleted", pk)
    return True


def _mail_warning(*, application: Application, purge_on: datetime) -> None:
    language = notifications.applicant_language(application)
    with translation.override(language):
        dashboard_url = notifications.absolute_url("mentoring:dashboard")
    notifications.send_from_templates(
        template="purge_warning",
        context={
            "application": application,
            "intake": application.intake,
            "is_draft": application.status == ApplicationStatus.DRAFT,
            "purge_on": purge_on.date(),
            "profile": getattr(application.applicant, "applicant_profile", None),
            "dashboard_url": dashboard_url,
        },
        to=application.applicant.email,
        language=language,
        headers={"X-Portal-Application": str(application.pk), "X-Portal-Event": "purge_warning"},
    )
