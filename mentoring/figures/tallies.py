"""The figures counted in the database: `Tallies` for the participants the filters choose, in four
grouped queries (the last also counts everyone's course time), whatever the number of participants.

The page and the figures' downloads read these: no participant leaves the database one by one.
Each query groups by a few codes and hands back one line per combination found, so what Python
adds up grows with the vocabularies, not with the programme. Every code is read as
`selectors.participant_rows` reads it into a `ParticipantRow`; the tests check that these tallies
equal `figures.tallies_of(participant_rows(...))` after every kind of change.

The filters are `selectors.participant_rows`'s: `intake`, `programme`, and `since` / `until`
(inclusive days of acceptance in the site's time zone).
"""

from collections import Counter
from datetime import date, datetime
from decimal import Decimal

from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DecimalField,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
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
from mentoring.models import ApplicantProfile, Application, Attendance, Intake, Outcome

PROFILE = "applicant__applicant_profile__"
# The hours of an enrolment count as confirmed once the person confirmed them: marking or correcting
# an hour clears the confirmation (`services.training`), so a confirmed enrolment's hours are all confirmed.
CONFIRMED_ATTENDANCE = Q(enrolment__hours_confirmed_at__isnull=False)
# Sums of hours: wide enough for a programme's total (the field itself holds one day's).
HOURS_SUM = DecimalField(max_digits=15, decimal_places=1)
# The years of acceptance told apart by comparison (see `_local_year`); older ones are extracted.
COMPARED_YEARS = 30
# The entry characteristics of a participant whose profile is gone, and each characteristic left blank
# (`selectors.participant_rows` reads them so): not known.
NO_PROFILE = {
    "gender": "undisclosed",
    "employment_status": "",
    "municipality": "",
    "education_level": "undisclosed",
    "former_sector": "undisclosed",
}
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


# The participants' entry characteristics grouped from their profiles, each profile joined to its
# participations (`_profile_codes`). CROSS JOIN keeps the profiles the outer loop on SQLite, read in the
# order of their index on these codes, so they are grouped as they are read; elsewhere it is a plain join.
_PROFILE_CODES = """
SELECT profile.gender, profile.employment_status, profile.municipality, profile.education_level,
    profile.former_sector, COUNT(*)
FROM {profiles} profile CROSS JOIN ({participants}) participant
WHERE participant.applicant_id = profile.user_id
GROUP BY 1, 2, 3, 4, 5
"""


def _profile_codes(applications: QuerySet[Application], *, of_everyone: bool) -> list[tuple] | QuerySet:
    """One line per combination of entry characteristics found: gender, employment status, municipality,
    education and former sector, and its number of participants, for the participants with a profile
    (the others: see `_age_codes`).

    Of every intake (`of_everyone`), read from the profiles, each joined to its applications among
    `applications`, in the order of their index on these codes (`profile_figures_codes_idx`): SQLite
    groups them as it reads them. Grouping the participants themselves sorted every participant by five
    codes first, most of the time the figures took; counting each profile's applications in a subquery
    of its own took three times the steps of the join. The participants of one intake or programme are
    grouped themselves, found through the intake: reading every profile would take longer.
    """
    codes = ("gender", "employment_status", "municipality", "education_level", "former_sector")
    if not of_everyone:
        return (
            applications.filter(**{f"{PROFILE}isnull": False})
            .values_list(*(f"{PROFILE}{code}" for code in codes))
            .annotate(n=Count("pk"))
            .order_by()
        )
    participants = applications.values("applicant_id")
    inner, params = participants.query.sql_with_params()
    connection = connections[participants.db]
    sql = _PROFILE_CODES.format(
        profiles=connection.ops.quote_name(ApplicantProfile._meta.db_table), participants=inner
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _age_codes(applications: QuerySet[Application]) -> QuerySet:
    """One line per gender, age at entry (None: not known) and time without work found, with its number;
    the gender is None for participants without a profile.

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


class _OfTheGroup(Subquery):
    """A subquery on the key of the rows grouped: read once for each group, and not grouped by (which
    would read it for every row before grouping)."""

    def get_group_by_cols(self):
        return []


# Each person's course time (the rows of `per_person` in `_course_tallies`) added up per gender. Django
# groups only a query's own rows, not a subquery's; a filtered sum for each gender and figure over them
# (`aggregate`) took longer than the rest of the count.
_PER_GENDER = """
SELECT gender,
    SUM(participations) FILTER (WHERE marked > 0),
    SUM(participations * marked),
    SUM(participations * confirmed),
    COUNT(*) FILTER (WHERE marked_in_period > 0),
    SUM(marked_in_period),
    SUM(confirmed_in_period)
FROM ({per_person}) per_person
GROUP BY gender
"""


def _course_tallies(
    *, applications: QuerySet[Application] | None, since: date | None, until: date | None
) -> tuple[figures.CourseTally, figures.CourseTally]:
    """The course time of the participants of `applications` (None: nobody's; every hour marked for them,
    on any course, any day; a person accepted twice counts twice, as in the participant rows) and
    everyone's with hours marked between `since` and `until` (inclusive days attended; programme
    participant or not), per gender; one query.

    Each person's hours are summed first, in the order of the enrolments' index on the person (no
    sorting), with their gender and their number of participations read once per person; then added up
    per gender. A person has hours when their hours add up to more than zero (no hour is negative).
    """
    period = Q()
    if since is not None:
        period &= Q(day__gte=since)
    if until is not None:
        period &= Q(day__lte=until)
    participations = (
        Value(0)
        if applications is None
        else _OfTheGroup(
            applications.filter(applicant=OuterRef("person"))
            .values("applicant")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        )
    )
    per_person = (
        Attendance.objects.order_by()
        .values(person=F("enrolment__person"))
        .annotate(
            gender=_OfTheGroup(ApplicantProfile.objects.filter(user=OuterRef("person")).values("gender")),
            participations=participations,
            marked=Sum("hours", output_field=HOURS_SUM),
            confirmed=Sum("hours", filter=CONFIRMED_ATTENDANCE, output_field=HOURS_SUM),
            marked_in_period=Sum("hours", filter=period, output_field=HOURS_SUM),
            confirmed_in_period=Sum("hours", filter=period & CONFIRMED_ATTENDANCE, output_field=HOURS_SUM),
        )
    )
    inner, params = per_person.query.sql_with_params()
    with connections[per_person.db].cursor() as cursor:
        cursor.execute(_PER_GENDER.format(per_person=inner), params)
        lines = cursor.fetchall()
    participants, everyone = figures.CourseTally(), figures.CourseTally()
    for gender, people, marked, confirmed, everyone_people, everyone_marked, everyone_confirmed in lines:
        gender = gender or "undisclosed"
        participants.add(
            gender=gender, people=people or 0, marked=_hours(marked), confirmed=_hours(confirmed)
        )
        everyone.add(
            gender=gender,
            people=everyone_people,
            marked=_hours(everyone_marked),
            confirmed=_hours(everyone_confirmed),
        )
    return participants, everyone


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
    tallies, _everyone = tallies_and_everyone_on_courses(
        intake=intake, programme=programme, since=since, until=until
    )
    return tallies


def tallies_and_everyone_on_courses(
    *, intake: Intake | None = None, programme=None, since: date | None = None, until: date | None = None
) -> tuple[figures.Tallies, figures.CourseTally]:
    """`participant_tallies` for the filters, and `everyone_course_tally` for `since` / `until`, together
    in the four queries of the first."""
    applications = participants_filtered(intake=intake, programme=programme, since=since, until=until)
    course_time, everyone_on_courses = _course_tallies(applications=applications, since=since, until=until)
    tallies = figures.Tallies(course_time=course_time)
    # A tally never crosses two codes: the lines (one per combination of the five found) are added up
    # per code and gender as they come, and the tallies take these sums: a few hundred instead of a
    # line each, which at the programme's size were thousands.
    per_code = {name: Counter() for name in NO_PROFILE}
    for gender, employment_status, municipality, education_level, former_sector, n in _profile_codes(
        applications, of_everyone=intake is None and programme is None
    ):
        if n:
            per_code["gender"][gender, gender] += n
            per_code["employment_status"][employment_status, gender] += n
            per_code["municipality"][municipality, gender] += n
            per_code["education_level"][education_level, gender] += n
            per_code["former_sector"][former_sector, gender] += n
    for name, counted in per_code.items():
        for (code, gender), n in counted.items():
            tallies.add({name: code or NO_PROFILE[name]}, gender=gender or "undisclosed", count=n)
    without_profile = 0
    for line in _age_codes(applications):
        age, months = line["age"], line["unemployed_months"]
        if line["gender"] is None:
            without_profile += line["n"]
        codes = {
            "age_band": figures.age_band(age),
            "long_term_unemployed": figures.long_term_unemployed(
                employment_status="unemployed" if months is not None else "",
                months_unemployed=months,
                age=age,
            ),
        }
        tallies.add(codes, gender=line["gender"] or "undisclosed", count=line["n"])
    if without_profile:
        tallies.add(NO_PROFILE, gender="undisclosed", count=without_profile)
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
    return tallies, everyone_on_courses


def everyone_course_tally(*, since: date | None = None, until: date | None = None) -> figures.CourseTally:
    """Everyone with attendance marked on a course, programme participant or not, per gender; one query.

    `since` / `until` (inclusive) narrow by the day attended; as `selectors.course_time_rows`, summed.
    """
    _participants, everyone = _course_tallies(applications=None, since=since, until=until)
    return everyone
