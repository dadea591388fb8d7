"""Reads for one person's record, as coordinators see it: everything the programme holds on them.

`person_record` gathers the applicant profile, every application with its
status history, the mentorships (with meeting counts and goals, never a private
note), the course enrolments with the hours of attendance, the guidance
bookings, the follow-up surveys and the outcomes — in a fixed number of
queries, whatever the amount of data. The caller checks that the viewer is a
coordinator (the view's decorator); these reads decide what the record shows.

Reads that already filter by what the asking person may see (STYLE.md rule 6).
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import (
    BigIntegerField,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    prefetch_related_objects,
)
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mentoring.applications.workflow import DECISIONS, Status
from mentoring.core.choices import (
    ContactLanguage,
    EducationLevel,
    EmploymentStatus,
    FormerSector,
    Gender,
    Language,
    Municipality,
)
from mentoring.core.display import label_of, labels_of
from mentoring.core.querysets import KeptStatement, Parameter, made_once
from mentoring.models import (
    ApplicantProfile,
    Application,
    Certificate,
    Enrolment,
    EnrolmentStatus,
    ErasureRequest,
    FollowUpSurvey,
    Goal,
    GuidanceBooking,
    IdentityReveal,
    Mentorship,
    Outcome,
    PlannedMeeting,
    StatusChange,
)

User = get_user_model()


NO_HOURS = Decimal("0.0")


@dataclass(frozen=True)
class ApplicationEntry:
    """An application as the record lists it. `blind` is an application still in a blind review that the
    viewer has not chosen to see: listed by intake and status only, so the record cannot undo the blindness.
    """

    application: Application
    blind: bool


@dataclass(frozen=True)
class EnrolmentEntry:
    """An enrolment as the record lists it: the course, its dates and the enrolment's status, with the
    hours of attendance marked on it and the part of them the person confirmed."""

    course: str
    starts_on: date
    ends_on: date
    status_label: str
    confirmed_at: datetime | None
    days_marked: int
    hours: Decimal
    hours_confirmed: Decimal

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


@dataclass(frozen=True)
class PersonRecord:
    person: User
    profile: ApplicantProfile | None
    erased: bool
    applications: list[ApplicationEntry] = field(default_factory=list)
    history: list[StatusChange] = field(default_factory=list)
    mentorships: list[Mentorship] = field(default_factory=list)
    enrolments: list[EnrolmentEntry] = field(default_factory=list)
    bookings: list[GuidanceBooking] = field(default_factory=list)
    surveys: list[FollowUpSurvey] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    # Whether a course certificate was issued to the person (`certificates_of_person` reads them).
    has_certificates: bool = False

    @property
    def hours(self) -> Decimal:
        return sum((entry.hours for entry in self.enrolments), NO_HOURS)

    @property
    def hours_confirmed(self) -> Decimal:
        return sum((entry.hours_confirmed for entry in self.enrolments), NO_HOURS)


# The record's reads, each the same on every request but for whose record it is (made_once).


@made_once
def _people() -> QuerySet:
    return User.objects.select_related("applicant_profile").annotate(
        erased=Exists(ErasureRequest.objects.filter(user=OuterRef("pk"), completed_at__isnull=False)),
        has_certificates=Exists(Certificate.objects.filter(enrolment__person=OuterRef("pk"))),
    )


@made_once
def _applications() -> QuerySet[Application]:
    return (
        Application.objects.select_related("intake")
        .only(
            "status",
            "idea_title",
            "submitted_at",
            "decided_at",
            "intake__title",
            "intake__title_en",
            "intake__blind_review",
        )
        .order_by("created_at", "pk")
    )


@made_once
def _changes() -> QuerySet[StatusChange]:
    return (
        StatusChange.objects.select_related("actor")
        .only(
            "application_id",
            "at",
            "from_status",
            "to_status",
            "reason",
            "actor__first_name",
            "actor__last_name",
            "actor__email",
        )
        .order_by("at", "pk")
    )


@made_once
def _mentorships() -> QuerySet[Mentorship]:
    return (
        Mentorship.objects.select_related("mentor__user")
        .only(
            "status",
            "proposed_at",
            "ended_at",
            "meeting_count",
            "last_meeting_on",
            "mentor__user__first_name",
            "mentor__user__last_name",
            "mentor__user__email",
        )
        .order_by("proposed_at", "pk")
    )


# Goals are shared by mentor and participant; a private note is its writer's alone and is not read here.
@made_once
def _goals() -> QuerySet[Goal]:
    return Goal.objects.only("mentorship_id", "title", "target_date", "done_at").order_by(
        "done_at", "target_date", "pk"
    )


@made_once
def _planned_meetings() -> QuerySet[PlannedMeeting]:
    return PlannedMeeting.objects.only(
        "mentorship_id", "starts_at", "status", "cancel_reason", "did_not_happen_reason"
    ).order_by("-starts_at", "-pk")


# Plain values, grouped by enrolment: a course's page is a wide Wagtail row, and only its title is shown.
@made_once
def _enrolments() -> QuerySet[dict]:
    return (
        Enrolment.objects.values(
            "pk",
            "status",
            "hours_confirmed_at",
            "occasion__starts_on",
            "occasion__ends_on",
            "occasion__page__title",
        )
        .annotate(
            days_marked=Count("attendance"),
            hours_marked=Sum("attendance__hours"),
            hours_confirmed=Sum(
                "attendance__hours",
                # As in the figures (`figures_selectors.CONFIRMED_ATTENDANCE`): marking clears a confirmation.
                filter=Q(hours_confirmed_at__isnull=False),
            ),
        )
        .order_by("occasion__starts_on", "pk")
    )


@made_once
def _bookings() -> QuerySet[GuidanceBooking]:
    return (
        GuidanceBooking.objects.select_related("slot__counsellor")
        .only(
            "cancelled_at",
            "outcome",
            "outcome_note",
            "slot__starts_at",
            "slot__counsellor__first_name",
            "slot__counsellor__last_name",
            "slot__counsellor__email",
        )
        .order_by("slot__starts_at", "pk")
    )


@made_once
def _surveys() -> QuerySet[FollowUpSurvey]:
    return FollowUpSurvey.objects.only(
        "participant_id", "kind", "due_at", "answered_at", "source", "expired_at", "situation"
    ).order_by("due_at", "pk")


@made_once
def _outcomes() -> QuerySet[Outcome]:
    return Outcome.objects.only(
        "participant_id", "point", "result", "organisation_number", "recorded_at"
    ).order_by("participant__created_at", "point", "pk")


# The record's reads as statements built once (KeptStatement): whose record it is and who looks
# are their parameters. Everything of the person's is found through their applications (all of
# them: `_applications` narrows by nothing else).
def _person_id() -> Parameter:
    return Parameter("person", BigIntegerField())


_PERSON = KeptStatement(lambda: _people().filter(pk=_person_id()))
_APPLICATIONS = KeptStatement(
    lambda: (
        _applications()
        .filter(applicant_id=_person_id())
        .annotate(
            revealed=Exists(
                IdentityReveal.objects.filter(
                    application=OuterRef("pk"), coordinator_id=Parameter("viewer", BigIntegerField())
                )
            )
        )
    )
)
_MENTORSHIPS = KeptStatement(lambda: _mentorships().filter(participant__applicant_id=_person_id()))
_ENROLMENTS = KeptStatement(lambda: _enrolments().filter(person_id=_person_id()))
_BOOKINGS = KeptStatement(lambda: _bookings().filter(person_id=_person_id()))
_SURVEYS = KeptStatement(lambda: _surveys().filter(participant__applicant_id=_person_id()))
_OUTCOMES = KeptStatement(lambda: _outcomes().filter(participant__applicant_id=_person_id()))


def person_record(*, pk: int, viewer) -> PersonRecord:
    """The record of the person with user id `pk`, as `viewer` (a coordinator) may see it.

    At most ten queries, whatever the amount of data; fewer when there is less to read: the
    status history only once an application has left its draft, the mentorships, surveys and
    outcomes only for an accepted participant. Only the columns the record shows are loaded.

    Raises Http404 when `pk` is nobody with a record: no applicant profile, application, enrolment
    or guidance booking.
    An erased person's placeholder account shows what the erasure kept (see
    `services.privacy.erasure_perform`): the anonymised profile, applications and
    outcomes, without a name.
    """
    found = _PERSON.instances(person=pk)
    if not found:
        raise Http404("No User matches the given query.")
    person = found[0]
    profile = getattr(person, "applicant_profile", None)

    applications = _APPLICATIONS.instances(person=pk, viewer=viewer.pk)
    # No move in the workflow leads back to a draft, so a draft has no status change to read.
    moved = [application for application in applications if application.status != Status.DRAFT]
    prefetch_related_objects(moved, Prefetch("status_changes", queryset=_changes(), to_attr="history"))
    entries = [
        ApplicationEntry(
            application=application,
            blind=application.intake.blind_review
            and application.status not in DECISIONS
            and not application.revealed,
        )
        for application in applications
    ]
    history = sorted(
        (
            change
            for entry in entries
            if not entry.blind
            for change in getattr(entry.application, "history", [])
        ),
        key=lambda change: (change.at, change.pk),
    )

    # Only an accepted participant is matched (the matching services check it, and accepted is
    # final); surveys start when a mentorship ends and outcomes come from surveys. Without an
    # accepted application there is none of the three to read.
    accepted = any(application.status == Status.ACCEPTED for application in applications)

    mentorships = _MENTORSHIPS.instances(person=pk) if accepted else []
    prefetch_related_objects(
        mentorships,
        Prefetch("goals", queryset=_goals()),
        Prefetch("planned_meetings", queryset=_planned_meetings()),
    )

    enrolments = [
        EnrolmentEntry(
            course=row["occasion__page__title"],
            starts_on=row["occasion__starts_on"],
            ends_on=row["occasion__ends_on"],
            status_label=label_of(EnrolmentStatus, row["status"]),
            confirmed_at=row["hours_confirmed_at"],
            days_marked=row["days_marked"],
            # Tenths, as the totals above the table: SQLite sums 7.5 + 22.5 to Decimal("30").
            hours=(row["hours_marked"] or NO_HOURS).quantize(NO_HOURS),
            hours_confirmed=(row["hours_confirmed"] or NO_HOURS).quantize(NO_HOURS),
        )
        for row in _ENROLMENTS.rows(person=pk)
    ]

    bookings = _BOOKINGS.instances(person=pk)

    # A record is of someone the programme holds something on as a participant: an applicant profile,
    # an application, an enrolment or a guidance booking (a mentor or a member of staff alone has none).
    if profile is None and not applications and not enrolments and not bookings:
        raise Http404

    # Each survey and outcome is of one of the applications above, which carry their intake's name.
    by_pk = {application.pk: application for application in applications}
    surveys = _SURVEYS.instances(person=pk) if accepted else []
    outcomes = _OUTCOMES.instances(person=pk) if accepted else []
    for row in (*surveys, *outcomes):
        row.participant = by_pk[row.participant_id]
    return PersonRecord(
        person=person,
        profile=profile,
        erased=person.erased,
        applications=entries,
        history=history,
        mentorships=mentorships,
        enrolments=enrolments,
        bookings=bookings,
        surveys=surveys,
        outcomes=outcomes,
        has_certificates=person.has_certificates,
    )


def applicant_profile_of(user) -> ApplicantProfile | None:
    if not user.is_authenticated:
        return None
    found = _PROFILE_OF.instances(user=user.pk)
    return found[0] if found else None


# One profile a person (the user is its primary key's one-to-one), with a statement built once.
_PROFILE_OF = KeptStatement(
    lambda: ApplicantProfile.objects.filter(user_id=Parameter("user", BigIntegerField())).order_by()
)


def applicant_profile_facts(
    profile: ApplicantProfile | None, *, contact: bool, age_and_gender: bool, employer: bool
) -> list[tuple[str, str]]:
    """What the applicant told about themselves at entry, as (label, value), in the reader's language.

    The caller says what the reader may see beyond the entry characteristics: `contact` (name,
    e-mail, phone), `age_and_gender` (year of birth, gender) and `employer` (the former or current
    employer, when given). A blind review shows none of them; an erased person's record no
    contact and no employer. A blank value is "—"; no profile, no facts.
    """
    if profile is None:
        return []
    employment = label_of(EmploymentStatus, profile.employment_status)
    if profile.months_unemployed is not None:
        employment = _("%(status)s, %(months)s months") % {
            "status": employment,
            "months": profile.months_unemployed,
        }
    facts = []
    if contact:
        facts += [
            (_("Name"), profile.full_name or "—"),
            (_("E-mail"), profile.user.email),
            (_("Phone"), profile.phone or "—"),
        ]
    if age_and_gender:
        facts += [
            (_("Year of birth"), str(profile.birth_year)),
            (_("Gender"), label_of(Gender, profile.gender)),
        ]
    facts += [
        (_("Municipality"), label_of(Municipality, profile.municipality)),
        (_("Employment status at entry"), employment),
        (_("Sector of former employment"), label_of(FormerSector, profile.former_sector)),
        (_("Education"), label_of(EducationLevel, profile.education_level)),
        (_("Languages spoken"), ", ".join(labels_of(Language, profile.languages)) or "—"),
        (_("Preferred language of contact"), label_of(ContactLanguage, profile.contact_language)),
    ]
    # With the municipality, a registration date can name the company in the public register.
    if contact and profile.business_registered_on:
        facts.append((_("Business registered"), date_format(profile.business_registered_on, "j F Y")))
    if employer and profile.former_employer:
        facts.append((_("Former or current employer"), profile.former_employer))
    return facts
