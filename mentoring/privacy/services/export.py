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

from mentoring.companies.selectors import company_requests_sent_by
from mentoring.core.display import person_name
from mentoring.models import (
    AccessLog,
    ApplicantProfile,
    Application,
    CalendarFeed,
    Enrolment,
    FollowUpSurvey,
    GuidanceBooking,
    IdentityReveal,
    MentorProfile,
    Mentorship,
)
from portal.models import User

logger = logging.getLogger(__name__)


# --- Export --------------------------------------------------------------------------------------


def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _fields(instance, names) -> dict:
    return {name: _iso(getattr(instance, name)) for name in names}


# What the export gives of each model, by model name: the one declaration the export reads,
# and the one the completeness test holds against every field of every model.
RECORD_DATES = ("created_at", "updated_at")
EXPORTED: dict[str, tuple[str, ...]] = {
    "User": ("email", "first_name", "last_name", "date_joined", "last_login"),
    "ApplicantProfile": (
        *ApplicantProfile.PERSONAL_FIELDS,
        "consent_at",
        "privacy_notice_version",
        *RECORD_DATES,
    ),
    "MentorProfile": (*MentorProfile.PERSONAL_FIELDS, "approved_at", *RECORD_DATES),
    "Application": (
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
        *RECORD_DATES,
        "submitted_at",
        "decided_at",
        "decision_reason",
    ),
    "StatusChange": ("at", "from_status", "to_status", "reason", "internal_note"),
    "Review": ("scores", "score", "comment", *RECORD_DATES),
    "FollowUpSurvey": (
        "kind",
        "due_at",
        "sent_at",
        "answered_at",
        "expired_at",
        "source",
        *FollowUpSurvey.ANSWER_FIELDS,
    ),
    "Outcome": (
        "point",
        "result",
        "organisation_number",
        "business_registered",
        "business_started_on",
        "improvements",
        "recorded_at",
    ),
    "Mentorship": (
        "status",
        "proposed_at",
        "answered_at",
        "completion_proposed_at",
        "ended_at",
        "decline_reason",
        "end_reason",
    ),
    "MentorshipChange": ("at", "from_status", "to_status", "reason"),
    "Goal": ("title", "target_date", "done_at", "created_at"),
    "Meeting": ("held_on", "minutes", "format", "topics", "shared_notes", "logged_at"),
    "PlannedMeeting": (
        "starts_at",
        "duration_minutes",
        "format",
        "place",
        "link",
        "agenda",
        "status",
        "move_reason",
        "cancel_reason",
        "did_not_happen_reason",
        "created_at",
        "closed_at",
    ),
    # As "your_private_note" beside its meeting: only the person's own.
    "PrivateNote": ("text",),
    # As "data_views" and "identity_reveals": who looked, at what, when.
    "AccessLog": ("viewer", "what", "object_id", "at"),
    "IdentityReveal": ("coordinator", "application", "at"),
    "GuidanceBooking": (
        "booked_at",
        "cancelled_at",
        "topic",
        "outcome",
        "outcome_note",
        "outcome_recorded_at",
    ),
    "Enrolment": ("status", "created_at", "cancelled_at", "promoted_at", "hours_confirmed_at"),
    "Attendance": ("day", "hours", "marked_at"),
    "EnrolmentChange": ("at", "event", "from_status", "to_status", "note"),
    "Certificate": (
        "holder_name",
        "hours",
        "language",
        "issued_at",
        "code",
        "withdrawn_at",
        "withdrawn_reason",
    ),
    # The requests sent with one of the person's verified addresses as the contact's.
    "CompanyRequest": (
        "company_name",
        "org_number",
        "contact_name",
        "contact_email",
        "contact_phone",
        "contact_language",
        "employees_concerned",
        "needs",
        "needs_text",
        "status",
        "created_at",
        "effort_kind",
        "mentoring_places",
        "planned_at",
        "contact_removed_at",
    ),
    "CompanyRequestChange": ("at", "from_status", "to_status"),
    # Whether the calendar subscription is on, since when and in which language; not its address.
    "CalendarFeed": ("language", "created_at", "last_fetched_at"),
}
# What a guidance booking gives of its slot: when, how long, how and where.
SLOT_OF_BOOKING = ("starts_at", "minutes", "mode", "place")

_ID = "the record's number, given where it identifies an entry"
_PARENT = "the entry it belongs to, under which it is listed"
_THE_PERSON = "the person themselves"
_STAFF = "a member of staff: their identity is their own data"
_HOUSEKEEPING = "the portal's own bookkeeping (reminders, retention), not about the person"
# Fields of exported models deliberately left out, each with the reason.
LEFT_OUT: dict[str, dict[str, str]] = {
    "User": {
        "id": _ID,
        "password": "a one-way hash: nothing readable",
        "is_superuser": "an access right of staff accounts",
        "is_staff": "an access right of staff accounts",
        "is_active": "whether the account can sign in: the account itself shows it",
        "groups": "an access right of staff accounts",
        "user_permissions": "an access right of staff accounts",
    },
    "ApplicantProfile": {"id": _ID, "user": _THE_PERSON},
    "MentorProfile": {
        "id": _ID,
        "user": _THE_PERSON,
        "approved_by": _STAFF,
        "invitation": "the invitation's record, not the mentor's data",
    },
    "Application": {
        "id": "given as the entry's id",
        "intake": "given by its title",
        "applicant": _THE_PERSON,
        "step": "the form step a draft was left on",
        "business_plan": "the file itself is in files/",
        "purge_warned_at": _HOUSEKEEPING,
        "anonymised_at": _HOUSEKEEPING,
        "retain_until": _HOUSEKEEPING,
        "company_request": "an employer's request the application was linked to",
    },
    "StatusChange": {"id": _ID, "application": _PARENT, "actor": _STAFF},
    "Review": {
        "id": _ID,
        "application": _PARENT,
        "reviewer": _STAFF,
        "conflict_of_interest": "the reviewer's own declaration",
    },
    "FollowUpSurvey": {
        "id": _ID,
        "participant": _PARENT,
        "mentorship": "the mentorship is listed on its own",
        "first_reminder_at": _HOUSEKEEPING,
        "second_reminder_at": _HOUSEKEEPING,
        "call_requested_at": _HOUSEKEEPING,
        "recorded_by": _STAFF,
        "language": "the language the answer page was shown in",
    },
    "Outcome": {
        "id": _ID,
        "participant": _PARENT,
        "source": "how it was recorded (online or by phone)",
        "survey": "the survey is listed beside it",
    },
    "Mentorship": {
        "id": "given as the entry's id",
        "participant": "given as your_role",
        "mentor": "given as your_role",
        "score": "not exported yet: the match's score",
        "reasons": "not exported yet: the match's reasons",
        "reminded_at": _HOUSEKEEPING,
        "meeting_reminded_at": _HOUSEKEEPING,
        "last_meeting_on": "counted from the meetings, which are listed one by one",
        "meeting_count": "counted from the meetings, which are listed one by one",
    },
    "MentorshipChange": {"id": _ID, "mentorship": _PARENT, "actor": _STAFF},
    "Goal": {"id": _ID, "mentorship": _PARENT, "created_by": "one of the two parties, both named in it"},
    "Meeting": {
        "id": _ID,
        "mentorship": _PARENT,
        "logged_by": "one of the two parties, both named in it",
        "updated_at": _HOUSEKEEPING,
    },
    "PlannedMeeting": {
        "id": _ID,
        "mentorship": _PARENT,
        "uid": "the calendar entry's id, given in the invitations",
        "sequence": _HOUSEKEEPING,
        "reminder_sent_at": _HOUSEKEEPING,
        "updated_at": _HOUSEKEEPING,
        "meeting": "the meeting it was logged as, listed under meetings",
        "created_by": "one of the two parties, both named in it",
        "moved_by": "one of the two parties, both named in it",
        "closed_by": "one of the two parties, both named in it",
    },
    "PrivateNote": {
        "id": _ID,
        "meeting": _PARENT,
        "author": "only the person's own notes are given",
        "updated_at": _HOUSEKEEPING,
    },
    "AccessLog": {"id": _ID, "subject": _THE_PERSON},
    "IdentityReveal": {"id": _ID},
    "GuidanceBooking": {
        "id": _ID,
        "slot": "given by its time, length, mode and place",
        "person": _THE_PERSON,
    },
    "Enrolment": {
        "id": _ID,
        "occasion": "given by its course's title and its days",
        "person": _THE_PERSON,
        "reminded_at": _HOUSEKEEPING,
        "company_request": "an employer's request the enrolment was linked to",
    },
    "Attendance": {"id": _ID, "enrolment": _PARENT, "marked_by": _STAFF},
    "EnrolmentChange": {"id": _ID, "enrolment": _PARENT, "actor": _STAFF},
    "Certificate": {"id": _ID, "enrolment": _PARENT, "occasion": "the enrolment's, given with it"},
    "CompanyRequest": {
        "id": _ID,
        "reserved_occasion": "the company's effort, given by its kind",
        "planned_by": _STAFF,
    },
    "CompanyRequestChange": {
        "id": _ID,
        "request": _PARENT,
        "actor": _STAFF,
        "note": "the coordinators' note on the effort: it may name the employees linked to it",
    },
    "CalendarFeed": {
        "id": _ID,
        "user": _THE_PERSON,
        # A zip that is downloaded, mailed on or left in a folder must not hand out her calendar.
        "token_hash": "a one-way hash of the address's secret: nothing readable, and the address is "
        "shown only once, when it is made",
        "content_hash": _HOUSEKEEPING,
        "content_changed_at": _HOUSEKEEPING,
    },
}

# Models that hold personal data the export does not cover yet, each with what is missing.
NOT_EXPORTED_YET: dict[str, str] = {
    # A booking gives its slot's time, length, mode and place (SLOT_OF_BOOKING).
    "GuidanceSlot": "a counsellor's published times",
    "MentorInvitation": "a mentor's invitation (name and e-mail)",
    "ErasureRequest": "the record of an erasure, kept after the person is gone",
    "MatchingRun": "the pairs a matching run proposed, by ids, and the coordinator who started it",
    "MatchingChoice": "a coordinator's lock or exclusion of a participant with a mentor",
    "MatchingReturn": "a coordinator's return of a participant to matching after her mentorship, and why",
}

# Models that refer to nobody (no person, profile, application or mentorship), each with why.
NOT_PERSONAL: dict[str, str] = {
    "Intake": "a round of applications",
    "EligibilityRefusal": "a count per reason and day, nobody named",
    "ProgrammeTargets": "the programme's targets",
    "FiguresVersion": "a token renewed when what the figures count changes",
}


def _file_name(application: Application) -> str:
    base = application.business_plan_name or application.business_plan.name.rsplit("/", 1)[-1]
    return f"files/business-plan-{application.pk}-{base.replace('/', '_')}"


def _mentorship_data(mentorship: Mentorship, *, user: User, role: str) -> dict:
    return {
        "id": mentorship.pk,
        "your_role": role,
        **_fields(mentorship, EXPORTED["Mentorship"]),
        "changes": [_fields(change, EXPORTED["MentorshipChange"]) for change in mentorship.changes.all()],
        "goals": [_fields(goal, EXPORTED["Goal"]) for goal in mentorship.goals.all()],
        "meetings": [
            {
                **_fields(meeting, EXPORTED["Meeting"]),
                # Only the person's own private note: another's is its writer's alone.
                "your_private_note": next(
                    (note.text for note in meeting.private_notes.all() if note.author_id == user.pk), ""
                ),
            }
            for meeting in mentorship.meetings.all()
        ],
        "planned_meetings": [
            _fields(planned, EXPORTED["PlannedMeeting"]) for planned in mentorship.planned_meetings.all()
        ],
    }


def _guidance_data(booking: GuidanceBooking) -> dict:
    return {**_fields(booking.slot, SLOT_OF_BOOKING), **_fields(booking, EXPORTED["GuidanceBooking"])}


def _enrolment_data(enrolment: Enrolment) -> dict:
    occasion = enrolment.occasion
    return {
        "course": occasion.page.title,
        "starts_on": _iso(occasion.starts_on),
        "ends_on": _iso(occasion.ends_on),
        **_fields(enrolment, EXPORTED["Enrolment"]),
        "attendance": [_fields(day, EXPORTED["Attendance"]) for day in enrolment.attendance.all()],
        "history": [_fields(change, EXPORTED["EnrolmentChange"]) for change in enrolment.changes.all()],
        "certificates": [_fields(c, EXPORTED["Certificate"]) for c in enrolment.certificates.all()],
    }


def _company_request_data(request) -> dict:
    return {
        **_fields(request, EXPORTED["CompanyRequest"]),
        "history": [_fields(change, EXPORTED["CompanyRequestChange"]) for change in request.changes.all()],
    }


def personal_data_export(*, user: User, now: datetime) -> bytes:
    """A zip of everything held about `user`: `data.json` and their uploaded files under `files/`."""
    files: dict[str, bytes] = {}
    applications = []
    for application in Application.objects.filter(applicant=user).select_related("intake").order_by("pk"):
        entry = {"id": application.pk, "intake": application.intake.title}
        entry |= _fields(application, EXPORTED["Application"])
        entry["status_history"] = [
            _fields(change, EXPORTED["StatusChange"]) for change in application.status_changes.all()
        ]
        entry["reviews"] = [
            _fields(review, EXPORTED["Review"])
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
        entry["surveys"] = [
            _fields(survey, EXPORTED["FollowUpSurvey"]) for survey in application.surveys.all()
        ]
        entry["outcomes"] = [_fields(outcome, EXPORTED["Outcome"]) for outcome in application.outcomes.all()]
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
    feed = CalendarFeed.objects.filter(user=user).first()
    data = {
        "generated_at": now.isoformat(),
        "account": _fields(user, EXPORTED["User"]),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "applicant_profile": _fields(profile, EXPORTED["ApplicantProfile"]) if profile else None,
        "applications": applications,
        "mentor_profile": _fields(mentor, EXPORTED["MentorProfile"]) if mentor else None,
        "mentorships": mentorships,
        "guidance_bookings": [
            _guidance_data(booking)
            for booking in GuidanceBooking.objects.filter(person=user).select_related("slot").order_by("pk")
        ],
        "course_enrolments": [
            _enrolment_data(enrolment)
            for enrolment in Enrolment.objects.filter(person=user)
            .select_related("occasion__page")
            .prefetch_related("attendance", "changes", "certificates")
            .order_by("pk")
        ],
        "company_requests": [
            _company_request_data(request)
            for request in company_requests_sent_by(user).prefetch_related("changes").order_by("pk")
        ],
        "calendar_feed": _fields(feed, EXPORTED["CalendarFeed"]) if feed else None,
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
