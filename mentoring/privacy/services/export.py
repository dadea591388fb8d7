"""A copy of everything held about a person (the right of access, GDPR art. 15).

`personal_data_export` gives one zip: `data.json` and the files they uploaded under
`files/`. That includes what others wrote *about* them: the reasons and internal
notes of their application's status changes and the reviewers' scores and comments.
Reviewers are not named there (their identity is their own data); the people who
viewed the person's data are. Mentors' private notes are their writer's alone: a
person gets their *own* private notes, never a mentor's about them.
"""

import io
import json
import logging
import zipfile
from datetime import date, datetime

from allauth.account.models import EmailAddress

from mentoring.core.display import person_name
from mentoring.models import (
    AccessLog,
    Application,
    IdentityReveal,
    MentorProfile,
    Mentorship,
)
from portal.models import User

logger = logging.getLogger(__name__)


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
