"""The figures counted in the database: `Tallies` for the participants the filters choose, in four
grouped queries, and everyone's course time in one, whatever the number of participants.

The page and the figures' downloads read these: no participant leaves the database one by one.
Each query groups by a few codes and hands back one line per combination found, so what Python
adds up grows with the vocabularies, not with the programme. Every code is read as
`selectors.participant_rows` reads it into a `ParticipantRow`; the tests check that these tallies
equal `figures.tallies_of(participant_rows(...))` after every kind of change.

The filters are `selectors.participant_rows`'s: `intake`, `programme`, and `since` / `until`
(inclusive days of acceptance in the site's time zone).
"""

from datetime import date, datetime
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DecimalField,
    F,
    FilteredRelation,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import ExtractYear
from django.utils import timezone

from mentoring.applications.workflow import Status
from mentoring.figures import arithmetic as figures
from mentoring.figures.arithmetic.indicators import (
    LONG_TERM_MONTHS,
    LONG_TERM_MONTHS_YOUNG,
)
from mentoring.models import Application, Attendance, Intake, Outcome

PROFILE = "applicant__applicant_profile__"
# The hours of an enrolment count as confirmed once the person confirmed them: marking or correcting
# an hour clears the confirmation (`services.training`), so a confirmed enrolment's hours are all confirmed.
CONFIRMED_ATTENDANCE = Q(enrolment__hours_confirmed_at__isnull=False)
# Sums of hours: wide enough for a programme's total (the field itself holds one day's).
HOURS_SUM = DecimalField(max_digits=15, decimal_places=1)
# The years of acceptance told apart by comparison (see `_local_year`); older ones are extracted.
COMPARED_YEARS = 30
# The outcome codes of a participant with no outcome recorded at either point.
NO_OUTCOME_YET = {
    "exit_result": None,
    "six_month_result": None,
    "six_month_improved": None,
    "business_registered": False,
}


def of_programme(programme, *, path: str) -> Q:
    """The rows whose programme (reached by `path`) is `programme` in any language: the Swedish and
    the English page of a programme are localized copies of one page, sharing its translation key."""
    return Q(**{f"{path}__translation_key": programme.translation_key})


def applications_filtered(*, intake: Intake | None, programme) -> QuerySet[Application]:
    """Every application, or those of `intake` and/or `programme`; unordered."""
    applications = Application.objects.all()
    if intake is not None:
        applications = applications.filter(intake=intake)
    if programme is not None:
        applications = applications.filter(of_programme(programme, path="intake__programme"))
    return applications.order_by()


def participants_filtered(
    *, intake: Intake | None, programme, since: date | None, until: date | None
) -> QuerySet[Application]:
    """The accepted applications the filters choose (`since` / `until`: days of acceptance); unordered."""
    applications = applications_filtered(intake=intake, programme=programme).filter(status=Status.ACCEPTED)
    if since is not None:
        applications = applications.filter(decided_at__date__gte=since)
    if until is not None:
        applications = applications.filter(decided_at__date__lte=until)
    return applications


def _local_year(field: str) -> Case:
    """The year of `field` in the current time zone, as `timezone.localdate(value).year` gives it.

    Compared with the first instant of each recent year rather than extracted: on SQLite a year in a
    time zone is extracted by a Python function called once per row, which was most of the count's time.
    """
    zone = timezone.get_current_timezone()
    this_year = timezone.localdate().year
    newest = datetime(this_year + 2, 1, 1, tzinfo=zone)
    years = [
        When(**{f"{field}__gte": datetime(year, 1, 1, tzinfo=zone)}, then=Value(year))
        for year in range(this_year + 1, this_year - COMPARED_YEARS, -1)
    ]
    return Case(
        When(**{f"{field}__gte": newest}, then=ExtractYear(field)),
        *years,
        default=ExtractYear(field),
        output_field=IntegerField(),
    )


def _profile_codes(applications: QuerySet[Application]) -> QuerySet:
    """One line per combination of entry characteristics found, with its number of participants."""
    return (
        applications.values(
            gender=F(f"{PROFILE}gender"),
            employment_status=F(f"{PROFILE}employment_status"),
            municipality=F(f"{PROFILE}municipality"),
            education_level=F(f"{PROFILE}education_level"),
            former_sector=F(f"{PROFILE}former_sector"),
        )
        .annotate(n=Count("pk"))
        .order_by()
    )


def _age_codes(applications: QuerySet[Application]) -> QuerySet:
    """One line per gender, age at entry (None: not known) and time without work found, with its number.

    The time without work is kept only for the unemployed and only as far as the rule for long-term
    unemployment reads it (at least twelve months, at least six, fewer), so that few lines come back.
    """
    birth_year = f"{PROFILE}birth_year"
    months = f"{PROFILE}months_unemployed"
    return (
        applications.values(
            gender=F(f"{PROFILE}gender"),
            age=Case(
                When(Q(**{f"{birth_year}__isnull": True}) | Q(**{birth_year: 0}), then=None),
                default=_local_year("decided_at") - F(birth_year),
                output_field=IntegerField(null=True),
            ),
            unemployed_months=Case(
                When(~Q(**{f"{PROFILE}employment_status": "unemployed"}), then=None),
                When(**{f"{months}__gte": LONG_TERM_MONTHS}, then=Value(LONG_TERM_MONTHS)),
                When(**{f"{months}__gte": LONG_TERM_MONTHS_YOUNG}, then=Value(LONG_TERM_MONTHS_YOUNG)),
                When(**{f"{months}__isnull": False}, then=Value(0)),
                default=None,
                output_field=IntegerField(null=True),
            ),
        )
        .annotate(n=Count("pk"))
        .order_by()
    )


def _outcome_codes(applications: QuerySet[Application]) -> QuerySet:
    """One line per combination of results found (at exit, at six months), with its number of participants,
    for the participants with an outcome at either point; the others have none yet (`NO_OUTCOME_YET`).

    Only those are grouped: most participants have no outcome until their mentorship ends, and grouping
    everyone was most of the query's time. A participant has at most one outcome at each point (a
    database constraint), so each point is one join. The business counted is an own business registered
    with an organisation number, at either point.
    """
    own_business = Outcome.Result.OWN_BUSINESS
    return (
        applications.filter(pk__in=Outcome.objects.values("participant"))
        .annotate(
            exit_outcome=FilteredRelation("outcomes", condition=Q(outcomes__point=Outcome.Point.EXIT)),
            six_month_outcome=FilteredRelation(
                "outcomes", condition=Q(outcomes__point=Outcome.Point.SIX_MONTHS)
            ),
        )
        .values(
            gender=F(f"{PROFILE}gender"),
            exit_result=F("exit_outcome__result"),
            six_month_result=F("six_month_outcome__result"),
            six_month_improved=Case(
                When(six_month_outcome__pk__isnull=True, then=None),
                When(six_month_outcome__improvements=[], then=False),
                default=True,
                output_field=BooleanField(null=True),
            ),
            business_registered=Case(
                When(
                    Q(exit_outcome__result=own_business, exit_outcome__business_registered=True)
                    | Q(six_month_outcome__result=own_business, six_month_outcome__business_registered=True),
                    then=True,
                ),
                default=False,
                output_field=BooleanField(),
            ),
        )
        .annotate(n=Count("pk"))
        .order_by()
    )


def _course_hours(applications: QuerySet[Application]) -> QuerySet:
    """Per gender: the participants with hours marked, every hour marked for them (on any course, any
    day) and the hours they confirmed. A person accepted twice counts twice, as in the participant rows."""
    attendance = "applicant__enrolments__attendance"
    return (
        applications.filter(**{f"{attendance}__isnull": False})
        .values(gender=F(f"{PROFILE}gender"))
        .annotate(
            people=Count("pk", distinct=True, filter=Q(**{f"{attendance}__hours__gt": 0})),
            marked=Sum(f"{attendance}__hours", output_field=HOURS_SUM),
            confirmed=Sum(
                f"{attendance}__hours",
                filter=Q(applicant__enrolments__hours_confirmed_at__isnull=False),
                output_field=HOURS_SUM,
            ),
        )
        .order_by()
    )


def _hours(value) -> Decimal:
    # A sum of decimals may come back as a float (SQLite): hours are kept in tenths.
    return figures.NO_HOURS if value is None else Decimal(str(value)).quantize(figures.NO_HOURS)


def participant_tallies(
    *, intake: Intake | None = None, programme=None, since: date | None = None, until: date | None = None
) -> figures.Tallies:
    """The participants the filters choose, counted under every code of `figures.CODES`; four queries.

    A blank or missing characteristic is read as the participant rows read it: no gender, education or
    former sector is "undisclosed", no employment status or municipality is a blank code.
    """
    applications = participants_filtered(intake=intake, programme=programme, since=since, until=until)
    tallies = figures.Tallies()
    for line in _profile_codes(applications):
        gender = line["gender"] or "undisclosed"
        codes = {
            "gender": gender,
            "employment_status": line["employment_status"] or "",
            "municipality": line["municipality"] or "",
            "education_level": line["education_level"] or "undisclosed",
            "former_sector": line["former_sector"] or "undisclosed",
        }
        tallies.add(codes, gender=gender, count=line["n"])
    for line in _age_codes(applications):
        age, months = line["age"], line["unemployed_months"]
        codes = {
            "age_band": figures.age_band(age),
            "long_term_unemployed": figures.long_term_unemployed(
                employment_status="unemployed" if months is not None else "",
                months_unemployed=months,
                age=age,
            ),
        }
        tallies.add(codes, gender=line["gender"] or "undisclosed", count=line["n"])
    for line in _outcome_codes(applications):
        improved = line["six_month_improved"]
        codes = {
            "exit_result": line["exit_result"],
            "six_month_result": line["six_month_result"],
            "six_month_improved": None if improved is None else bool(improved),
            "business_registered": bool(line["business_registered"]),
        }
        tallies.add(codes, gender=line["gender"] or "undisclosed", count=line["n"])
    # Every participant is counted by gender, and those with an outcome by business as well: the
    # difference in each gender column is the participants with no outcome yet (the last is the total).
    everyone = tallies.per_gender("gender", lambda code: True)[:-1]
    with_outcome = tallies.per_gender("business_registered", lambda code: True)[:-1]
    for column, total, counted in zip(figures.GENDERS, everyone, with_outcome, strict=True):
        if total > counted:
            tallies.add(NO_OUTCOME_YET, gender=column, count=total - counted)
    for line in _course_hours(applications):
        tallies.course_time.add(
            gender=line["gender"] or "undisclosed",
            people=line["people"],
            marked=_hours(line["marked"]),
            confirmed=_hours(line["confirmed"]),
        )
    return tallies


def everyone_course_tally(*, since: date | None = None, until: date | None = None) -> figures.CourseTally:
    """Everyone with attendance marked on a course, programme participant or not, per gender; one query.

    `since` / `until` (inclusive) narrow by the day attended; as `selectors.course_time_rows`, summed.
    """
    attendance = Attendance.objects.all()
    if since is not None:
        attendance = attendance.filter(day__gte=since)
    if until is not None:
        attendance = attendance.filter(day__lte=until)
    tally = figures.CourseTally()
    per_gender = (
        attendance.order_by()
        .values(gender=F("enrolment__person__applicant_profile__gender"))
        .annotate(
            people=Count("enrolment__person", distinct=True, filter=Q(hours__gt=0)),
            marked=Sum("hours", output_field=HOURS_SUM),
            confirmed=Sum("hours", filter=CONFIRMED_ATTENDANCE, output_field=HOURS_SUM),
        )
        .order_by()
    )
    for line in per_gender:
        tally.add(
            gender=line["gender"] or "undisclosed",
            people=line["people"],
            marked=_hours(line["marked"]),
            confirmed=_hours(line["confirmed"]),
        )
    return tally
