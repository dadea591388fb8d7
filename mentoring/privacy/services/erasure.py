"""Erasure on request: delete what may go, anonymise what the funder's figures must keep.

`erasure_request` records the request; `erasure_perform` carries it out at once, in
the same request (the work is a few queries per application, and the person is
signed out straight after, so they must not be able to sign in again while a queued
job waits). An accepted participant's entry characteristics, outcomes, mentorships
and meetings are kept (as counts and dates), without name, contact details, free
text or files, until `retain_until` (ANONYMISED_RETENTION_YEARS). Course days
attended are kept as hours (the figures count them); places on courses not yet begun
and guidance bookings still to come are cancelled through their services, so the
place and the counsellor's time are free again; what a guidance conversation was
about, and the counsellor's note on it, are blanked. Each step is
appended to `ErasureRequest.steps` with a count; every step is idempotent, and a
completed request is not run again.
"""

import logging
import secrets
from datetime import date, datetime
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from mentoring.certificates.services import certificates_withdraw
from mentoring.followup.services import survey_outcome_unknown
from mentoring.guidance.services import guidance_booking_cancel
from mentoring.mentorships.workflow import MentorshipStatus
from mentoring.models import (
    AccessLog,
    AnswerSource,
    Application,
    ApplicationStatus,
    Attendance,
    CalendarFeed,
    Enrolment,
    EnrolmentStatus,
    ErasureRequest,
    FollowUpSurvey,
    Goal,
    GuidanceBooking,
    IdentityReveal,
    MatchingReturn,
    Meeting,
    MentorInvitation,
    MentorProfile,
    Mentorship,
    MentorshipChange,
    Outcome,
    PlannedMeeting,
    PrivateNote,
    Review,
    StatusChange,
    WithdrawalReason,
)
from mentoring.models.training import OPEN_ENROLMENT
from mentoring.training.selectors import has_course_hours
from mentoring.training.services import enrolment_cancel
from portal.models import OutboxMessage, User

logger = logging.getLogger(__name__)


# Applications kept (anonymised) by an erasure: the funder counts accepted participants.
KEPT_STATUSES = (ApplicationStatus.ACCEPTED,)


CLOSED_STATUSES = (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN)


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
        (MentorshipStatus.COMPLETING, MentorshipStatus.ENDED_EARLY, {"ended_at": now}),
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
        survey_outcome_unknown(survey=survey, now=now)
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
    # Plans count for nothing in the figures (the meetings held do): they go, with their free text.
    steps.log(
        f"{prefix}_planned_meetings_deleted",
        PlannedMeeting.objects.filter(mentorship__in=mentorships).delete()[0],
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
    steps.log(
        f"{prefix}_matching_returns_blanked",
        MatchingReturn.objects.filter(mentorship__in=mentorships).exclude(note="").update(note=""),
    )


def _close_courses(*, user: User, steps: _Steps, now: datetime) -> None:
    """Places on courses not yet begun go to the next in line, and the cancelled enrolments never
    attended are deleted.

    An enrolment with hours attended stays, without anything else about the person: the
    funder's figures count its hours. So does a place on a course already under way, whose
    days may still be marked. Her course certificates are withdrawn and lose her name: the
    verification page then says "withdrawn" to anyone holding a copy, and names nobody.
    """
    steps.log(
        "certificates_withdrawn",
        certificates_withdraw(
            enrolment_ids=Enrolment.objects.filter(person=user).values_list("pk", flat=True),
            reason=WithdrawalReason.ERASED,
            actor=None,
            now=now,
            erase_name=True,
        ),
    )
    coming = Enrolment.objects.filter(
        person=user, status__in=OPEN_ENROLMENT, occasion__starts_on__gt=timezone.localdate(now)
    )
    cancelled = list(coming.order_by("pk"))
    for enrolment in cancelled:
        enrolment_cancel(enrolment=enrolment, actor=user, now=now, until_start=True)
    steps.log("enrolments_cancelled", len(cancelled))
    unattended = Enrolment.objects.filter(person=user, status=EnrolmentStatus.CANCELLED).exclude(
        Exists(Attendance.objects.filter(enrolment=OuterRef("pk")))
    )
    steps.log("enrolments_deleted", unattended.delete()[1].get(Enrolment._meta.label, 0))


def _cancel_coming_bookings(*, user: User, now: datetime) -> int:
    """Cancel the person's guidance bookings not yet begun, through the booking service.

    The counsellor's slot is free again and the counsellor told. Called once the account
    no longer bears the person's name or address, so the notice names nobody.
    """
    coming = list(
        GuidanceBooking.objects.filter(person=user, cancelled_at__isnull=True, slot__starts_at__gt=now)
    )
    for booking in coming:
        guidance_booking_cancel(booking=booking, actor=user, now=now)
    return len(coming)


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
    retain_until = years_after(timezone.localdate(now), settings.ANONYMISED_RETENTION_YEARS)
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
    # A sole trader's organisation number is their personal identity number. The figures count
    # `Outcome.business_registered`, which stays, so the funder's counts do not change.
    steps.log(
        "survey_organisation_numbers_blanked",
        FollowUpSurvey.objects.filter(participant__in=kept_ids)
        .exclude(organisation_number="")
        .update(organisation_number=""),
    )
    steps.log(
        "outcome_organisation_numbers_blanked",
        Outcome.objects.filter(participant__in=kept_ids)
        .exclude(organisation_number="")
        .update(organisation_number=""),
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
    # Guidance outcomes stay as codes; what the person asked about, and the counsellor's note, go.
    steps.log(
        "guidance_notes_blanked",
        GuidanceBooking.objects.filter(person=user)
        .filter(~Q(topic="") | ~Q(outcome_note=""))
        .update(topic="", outcome_note=""),
    )
    _close_courses(user=user, steps=steps, now=now)
    has_hours = has_course_hours(user)
    steps.log("private_notes_written_deleted", PrivateNote.objects.filter(author=user).delete()[0])
    steps.log("mentor_invitations_deleted", MentorInvitation.objects.filter(email__in=traces).delete()[0])

    if profile is not None:
        # The figures count hours attended by the gender of the person's profile.
        if kept_ids or has_hours:
            profile.first_name = profile.last_name = profile.phone = profile.former_employer = ""
            # A registration date and a municipality can name the company in the public register.
            profile.business_registered_on = None
            profile.save(
                update_fields=[
                    "first_name",
                    "last_name",
                    "phone",
                    "former_employer",
                    "business_registered_on",
                    "updated_at",
                ]
            )
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
    # Its address would go on handing out her dates, name-blanked account or not.
    steps.log("calendar_feed_deleted", CalendarFeed.objects.filter(user=user).delete()[0])
    steps.log("sessions_deleted", _delete_sessions(user=user, now=now))
    steps.log("access_log_deleted", AccessLog.objects.filter(subject=user).delete()[0])

    must_keep = (
        Application.objects.filter(applicant=user).exists()
        or MentorProfile.objects.filter(user=user).exists()
        or Review.objects.filter(reviewer=user).exists()
        or IdentityReveal.objects.filter(coordinator=user).exists()
        or has_hours
    )
    user.email = f"erased-{request.reference}@invalid"
    user.first_name = user.last_name = ""
    user.save(update_fields=["email", "first_name", "last_name"])
    steps.log("guidance_bookings_cancelled", _cancel_coming_bookings(user=user, now=now))
    if must_keep:
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
    """The person's stored sessions (signed in elsewhere); the store holds only the user id, encoded.

    Each goes through the session engine, so a copy kept in the cache (`cached_db`, production
    with Redis) goes with the row."""
    doomed = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=now)
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    for session_key in doomed:
        store.delete(session_key)
    return len(doomed)
