"""Reads for the figures: accepted participants as `ParticipantRow`s, the pipeline, and review scores.

Each read takes the same queries whatever the number of participants: what a participant
has elsewhere (a mentorship, meetings, outcomes) comes in as subqueries, course hours in one
grouped query, and rows come out as plain values rather than model instances. The page and
the figures' downloads do not read participant by participant: they count in the database
(`mentoring.figures.tallies`); `participant_rows` is the participant list, and the reference
the tests count the same figures from. The caller checks
who may see figures (the dashboard's views); these reads return counts and
pseudonyms, never names or contact details.

The filters:
- `intake` or `programme` narrow to one intake or one programme (both may be given);
- `since` / `until` (inclusive dates, in the site's time zone) narrow
  `participant_rows` by the day of acceptance, and `pipeline_counts` by the day
  an application was submitted (the pipeline follows one cohort of applicants).

`page.figures_page` puts the tallies and these reads together as the coordinators' page shows them
(tables and charts laid out by `mentoring.figures.display`); `figures_tables` gives the downloads'.
"""

import hashlib
import hmac
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from mentoring.applications.workflow import Status
from mentoring.figures import arithmetic as figures
from mentoring.figures import export as figures_export
from mentoring.figures import tallies as figures_tallies
from mentoring.figures.arithmetic import CourseTimeRow, ParticipantRow
from mentoring.mentorships.workflow import ACCEPTED
from mentoring.models import (
    Application,
    Attendance,
    Intake,
    Meeting,
    Mentorship,
    Outcome,
    ProgrammeTargets,
    Review,
)

# A mentorship that became active: it is active now, or was before it ended.
STARTED_MENTORSHIP = ACCEPTED
# Still in the running or taken in. Nobody is refused for eligibility after applying: the short
# check before the form turns people away and keeps only an anonymous count, without gender, so
# the pipeline's "eligible" is the applications past draft that were neither rejected nor withdrawn.
ELIGIBLE = (Status.SUBMITTED, Status.IN_REVIEW, Status.ACCEPTED, Status.WAITLISTED)
MEETINGS_FOR_PIPELINE = 3
PROFILE = "applicant__applicant_profile__"


def pseudonym(application_id: int) -> str:
    """A stable pseudonym for a participant: "P-" and ten hex digits of an HMAC of the application's id.

    The same id gives the same pseudonym in every download while the secret key
    stays the same; without the key it leads back to nobody.
    """
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"figures-participant:{application_id}".encode(), hashlib.sha256
    )
    return "P-" + digest.hexdigest()[:10]


_of_programme = figures_tallies.of_programme
_applications = figures_tallies.applications_filtered


def _meetings() -> Subquery:
    return Coalesce(
        Subquery(
            Meeting.objects.filter(mentorship__participant=OuterRef("pk"))
            .order_by()
            .values("mentorship__participant")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


NO_HOURS = Decimal("0.0")
NO_HOURS_MARKED = (NO_HOURS, NO_HOURS)
# The hours of an enrolment count as confirmed once the person confirmed them: marking or correcting
# an hour clears the confirmation (`services.training`), so a confirmed enrolment's hours are all confirmed.
CONFIRMED_ATTENDANCE = Q(enrolment__hours_confirmed_at__isnull=False)


def _course_hours(applications: QuerySet[Application]) -> dict[int, tuple]:
    """Applicant id → (hours marked, hours confirmed) on every enrolment of theirs, for the applicants of
    `applications` with any hours marked; one aggregated query (a subquery per participant took longer
    than the rest of their row)."""
    per_person = (
        Attendance.objects.filter(enrolment__person__in=applications.values("applicant_id"))
        .order_by()
        .values("enrolment__person")
        .annotate(
            marked=Sum("hours", output_field=figures_tallies.HOURS_SUM),
            confirmed=Sum("hours", filter=CONFIRMED_ATTENDANCE, output_field=figures_tallies.HOURS_SUM),
        )
        .values_list("enrolment__person", "marked", "confirmed")
    )
    return {person: (_hours(marked), _hours(confirmed)) for person, marked, confirmed in per_person}


def _started_mentorship() -> Exists:
    return Exists(Mentorship.objects.filter(participant=OuterRef("pk"), status__in=STARTED_MENTORSHIP))


def _business_outcomes():
    return Outcome.objects.filter(
        participant=OuterRef("pk"), result=Outcome.Result.OWN_BUSINESS, business_registered=True
    )


def _businesses_registered() -> QuerySet:
    """The participants with an own-business outcome that was registered (gave an organisation number)."""
    return Outcome.objects.filter(result=Outcome.Result.OWN_BUSINESS, business_registered=True).values(
        "participant"
    )


def participant_rows(
    *, intake: Intake | None = None, programme=None, since: date | None = None, until: date | None = None
) -> list[ParticipantRow]:
    """Every accepted participant as a `ParticipantRow`, oldest acceptance first; two queries (the
    participants, and their course hours).

    Age at entry counts by year of birth only (the portal asks no birth date).
    `matched` is whether a mentorship of theirs became active; `meetings` counts
    the meetings logged in all their mentorships. An outcome's situation is
    "improved" when it records at least one improvement. The business is the
    latest own-business outcome that was registered (gave an organisation
    number); the number itself is never read. Course hours
    are every hour of attendance marked for the applicant, on any course, and
    the part of them confirmed (see CONFIRMED_ATTENDANCE).
    """
    applications = figures_tallies.participants_filtered(
        intake=intake, programme=programme, since=since, until=until
    )

    def outcome(point: str):
        return Outcome.objects.filter(participant=OuterRef("pk"), point=point)

    business = _business_outcomes().order_by("-recorded_at", "-pk")
    values = applications.annotate(
        matched=_started_mentorship(),
        meeting_count=_meetings(),
        exit_result=Subquery(outcome(Outcome.Point.EXIT).values("result")[:1]),
        exit_improved=Exists(outcome(Outcome.Point.EXIT).exclude(improvements=[])),
        six_month_result=Subquery(outcome(Outcome.Point.SIX_MONTHS).values("result")[:1]),
        six_month_improved=Exists(outcome(Outcome.Point.SIX_MONTHS).exclude(improvements=[])),
        business_registered=Exists(business),
        business_started_on=Subquery(business.values("business_started_on")[:1]),
    ).values_list(
        "pk",
        "applicant_id",
        "intake_id",
        "intake__programme_id",
        "decided_at",
        f"{PROFILE}gender",
        f"{PROFILE}birth_year",
        f"{PROFILE}employment_status",
        f"{PROFILE}months_unemployed",
        f"{PROFILE}municipality",
        f"{PROFILE}education_level",
        f"{PROFILE}former_sector",
        "matched",
        "meeting_count",
        "exit_result",
        "exit_improved",
        "six_month_result",
        "six_month_improved",
        "business_registered",
        "business_started_on",
    )
    hours = _course_hours(applications)
    zone = timezone.get_current_timezone()
    rows = []
    for (
        pk,
        applicant_id,
        intake_id,
        programme_id,
        decided_at,
        gender,
        birth_year,
        employment_status,
        months_unemployed,
        municipality,
        education_level,
        former_sector,
        matched,
        meetings,
        exit_result,
        exit_improved,
        six_month_result,
        six_month_improved,
        business_registered,
        business_started_on,
    ) in values.order_by("decided_at", "pk").iterator(chunk_size=5000):
        accepted_on = decided_at.astimezone(zone).date() if decided_at else None
        marked, confirmed = hours.get(applicant_id, NO_HOURS_MARKED)
        rows.append(
            ParticipantRow(
                pseudonym=pseudonym(pk),
                intake_id=intake_id,
                programme_id=programme_id,
                accepted_on=accepted_on,
                # A profile erased altogether leaves the participant counted, with nothing known.
                gender=gender or "undisclosed",
                age_at_entry=(accepted_on.year - birth_year) if birth_year and accepted_on else None,
                employment_status=employment_status or "",
                months_unemployed=months_unemployed,
                municipality=municipality or "",
                education_level=education_level or "undisclosed",
                former_sector=former_sector or "undisclosed",
                matched=bool(matched),
                meetings=meetings or 0,
                exit_result=exit_result,
                exit_improved=bool(exit_improved) if exit_result is not None else None,
                six_month_result=six_month_result,
                six_month_improved=bool(six_month_improved) if six_month_result is not None else None,
                business_registered=bool(business_registered),
                business_started_on=business_started_on,
                course_hours=marked,
                course_hours_confirmed=confirmed,
            )
        )
    return rows


def _hours(value) -> Decimal:
    # An aggregate of decimals may come back as a float or int (SQLite, or from JSON): tenths are stored.
    return NO_HOURS if value is None else Decimal(str(value)).quantize(NO_HOURS)


def course_time_rows(*, since: date | None = None, until: date | None = None) -> list[CourseTimeRow]:
    """Everyone with attendance marked on a course, programme participant or not, with their hours; one query.

    One row per person: the gender of their applicant profile (everyone who enrols has
    one; "undisclosed" if it was erased), every hour marked and the hours confirmed (see
    CONFIRMED_ATTENDANCE). `since` / `until` (inclusive) narrow by the day attended.
    People enrolled with nothing marked yet have no hours and are left out.
    """
    attendance = Attendance.objects.all()
    if since is not None:
        attendance = attendance.filter(day__gte=since)
    if until is not None:
        attendance = attendance.filter(day__lte=until)
    per_person = (
        attendance.order_by()
        .values("enrolment__person", "enrolment__person__applicant_profile__gender")
        .annotate(marked=Sum("hours"), confirmed=Sum("hours", filter=CONFIRMED_ATTENDANCE))
        .order_by("enrolment__person")
        .values_list("enrolment__person__applicant_profile__gender", "marked", "confirmed")
    )
    return [
        CourseTimeRow(
            gender=gender or "undisclosed",
            course_hours=_hours(marked),
            course_hours_confirmed=_hours(confirmed),
        )
        for gender, marked, confirmed in per_person
    ]


def pipeline_counts(
    *, intake: Intake | None = None, programme=None, since: date | None = None, until: date | None = None
) -> list[tuple[str, int, int]]:
    """`(stage, women, total)` for each stage of `figures.PIPELINE_STAGES`, in one grouped query.

    applied: submitted (a withdrawal after submitting still counts);
    eligible: past draft, neither rejected nor withdrawn (see ELIGIBLE);
    accepted; matched: a mentorship that became active; three_meetings: three
    or more meetings logged; business_started: an own-business outcome with an
    organisation number. Each stage is a subset of the one before it: the later
    stages count accepted applications only, so one withdrawn after her
    mentorship began counts as applied and no further.
    """
    applications = _applications(intake=intake, programme=programme).filter(submitted_at__isnull=False)
    applications = applications.exclude(status=Status.DRAFT)
    if since is not None:
        applications = applications.filter(submitted_at__date__gte=since)
    if until is not None:
        applications = applications.filter(submitted_at__date__lte=until)
    accepted = Q(status=Status.ACCEPTED)
    third_meeting = Meeting.objects.filter(mentorship__participant=OuterRef("pk")).order_by().values("pk")
    # The later stages are asked of accepted applications only (the others' mentorships and outcomes
    # are never counted). Every stage is a sum over the applications of each gender column (women or
    # not): grouping by status as well sorted every application by it, and by every stage's answer
    # sorted them by five columns.
    lines = (
        applications.values(
            woman=Case(
                When(**{f"{PROFILE}gender": "woman"}, then=True), default=False, output_field=BooleanField()
            ),
        )
        .annotate(
            applied=Count("pk"),
            eligible=Count("pk", filter=Q(status__in=ELIGIBLE)),
            accepted=Count("pk", filter=accepted),
            matched=Count("pk", filter=accepted & Q(_started_mentorship())),
            three_meetings=Count(
                "pk",
                filter=accepted & Q(Exists(third_meeting[MEETINGS_FOR_PIPELINE - 1 : MEETINGS_FOR_PIPELINE])),
            ),
            # Asked of the few with such an outcome, listed once, rather than of every participant.
            business_started=Count("pk", filter=accepted & Q(pk__in=_businesses_registered())),
        )
        .order_by()
    )
    counts = {key: [0, 0] for key in figures.PIPELINE_STAGES}
    for line in lines:
        for key, women_and_total in counts.items():
            women_and_total[0] += line[key] if line["woman"] else 0
            women_and_total[1] += line[key]
    return [(key, women, total) for key, (women, total) in counts.items()]


def reviewer_scores(*, intake: Intake | None = None, programme=None) -> list[tuple[str, Decimal]]:
    """`(applicant's gender, weighted score)` of every scored review, for the score gap; one query.

    A reviewer who stepped aside for a conflict of interest gave no score and is left out. Scores
    stay Decimals, so that the means are exact before the one rounding rule.
    """
    reviews = Review.objects.filter(score__isnull=False, conflict_of_interest=False)
    if intake is not None:
        reviews = reviews.filter(application__intake=intake)
    if programme is not None:
        reviews = reviews.filter(_of_programme(programme, path="application__intake__programme"))
    return [
        (gender or "undisclosed", Decimal(score))
        for gender, score in reviews.order_by("pk").values_list(
            "application__applicant__applicant_profile__gender", "score"
        )
    ]


def figures_tables(*, filters: dict) -> list[figures.Table]:
    """Every table of the funder's report for `filters` (`FiguresFilterForm.filters()`), counted in the
    database (`mentoring.figures.tallies`): the downloads' figures; the same queries whatever the number."""
    tallies, everyone = figures_tallies.tallies_and_everyone_on_courses(**filters)
    return figures.tables_of(tallies, keys=figures_export.breakdown_keys(), everyone_on_courses=everyone)


# --- The coordinators' page -------------------------------------------------------------------------


def programme_of(filters: dict):
    """The programme whose targets apply, in the reader's language: the one asked for, or the intake's."""
    if filters["programme"] is not None:
        return filters["programme"].localized
    if filters["intake"] is not None:
        return filters["intake"].programme.localized
    return None


def programme_targets_of(programme) -> ProgrammeTargets:
    """The programme's targets, or the defaults (unsaved: reading the figures writes nothing).

    Targets set on the programme's page in another language are the same programme's: the page's
    own come first.
    """
    if programme is not None:
        found = (
            ProgrammeTargets.objects.filter(_of_programme(programme, path="programme"))
            .order_by(Case(When(programme=programme, then=0), default=1), "pk")
            .first()
        )
        if found is not None:
            return found
    return ProgrammeTargets(programme=programme) if programme is not None else ProgrammeTargets()
