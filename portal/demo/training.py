"""Demo competence development: the course listing and a dozen offers, in Swedish and English,
and attendance on the one occasion that has already begun.

Occasions are given as days from the seeding day, so the demo always has
courses in the coming months; one of them is online.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from content.models import TrainingOccasion
from mentoring.models import ApplicantProfile, Enrolment, EnrolmentStatus
from mentoring.models.training import Attendance, EnrolmentChange, EnrolmentEvent
from mentoring.training.selectors import course_days, occasion_canonical
from portal.demo import texts

TRAINING_INDEX = {
    "sv": {
        "title": "Kurser",
        "slug": "kurser",
        "intro": (
            "<p>Korta kurser för dig som vill utvecklas i jobbet eller byta bana. Kurserna är kostnadsfria "
            "och öppna för alla som bor eller arbetar i regionen. Filtrera på ämne, datum och längd.</p>"
        ),
    },
    "en": {
        "title": "Courses",
        "slug": "courses",
        "intro": (
            "<p>Short courses for those who want to grow at work or change direction. The courses are free "
            "and open to everyone who lives or works in the region. Filter by topic, date and length.</p>"
        ),
    },
}

GOTHENBURG = "Lindholmen Science Park, Göteborg"
MOLNDAL = "Mölndals stadsbibliotek, Mölndal"
TROLLHATTAN = "Innovatum, Trollhättan"
BORAS = "Textile Fashion Center, Borås"

OFFERS = [
    {
        "key": "course-robots",
        "topic": "technology",
        "length_days": 5,
        "language": "sv",
        "occasions": [(21, GOTHENBURG, 8), (84, TROLLHATTAN, 8)],
        "sv": {
            "title": "Robotprogrammering för industrin",
            "slug": "robotprogrammering",
            "summary": "Programmera industrirobotar: säkerhet, koordinatsystem och ett eget program.",
            "audience": "Operatörer och montörer som vill ta nästa steg i produktionen.",
        },
        "en": {
            "title": "Robot programming for industry",
            "slug": "robot-programming",
            "summary": "Program industrial robots: safety, coordinate systems and a program of your own.",
            "audience": "Operators and assemblers who want to take the next step in production.",
        },
    },
    {
        "key": "course-communication",
        "topic": "leadership",
        "length_days": 2,
        "language": "sv",
        "occasions": [(14, MOLNDAL, 16), (70, BORAS, 16)],
        "sv": {
            "title": "Kommunikation på arbetsplatsen",
            "slug": "kommunikation",
            "summary": "Tydliga budskap, svåra samtal och feedback som går att använda.",
            "audience": "Alla som vill bli tydligare i möten, samtal och skrift.",
        },
        "en": {
            "title": "Communication at work",
            "slug": "communication",
            "summary": "Clear messages, difficult conversations and feedback people can use.",
            "audience": "Anyone who wants to be clearer in meetings, conversations and writing.",
        },
    },
    {
        "key": "course-projects",
        "topic": "leadership",
        "length_days": 3,
        "language": "sv",
        "occasions": [(28, GOTHENBURG, 12)],
        "sv": {
            "title": "Projektledning i praktiken",
            "slug": "projektledning",
            "summary": "Planera, leda och avsluta projekt: mål, tidsplan, risker och intressenter.",
            "audience": "Dig som leder eller snart ska leda ett projekt.",
        },
        "en": {
            "title": "Project management in practice",
            "slug": "project-management",
            "summary": "Plan, lead and close projects: goals, schedule, risks and stakeholders.",
            "audience": "Those who lead a project now or will soon.",
        },
    },
    {
        "key": "course-excel",
        "topic": "digital",
        "length_days": 1,
        "language": "sv",
        "occasions": [(10, "", 16), (45, MOLNDAL, 12), (100, "", 16)],
        "sv": {
            "title": "Excel från grunden",
            "slug": "excel",
            "summary": "Formler, tabeller och diagram – allt du behöver för vardagens kalkyler.",
            "audience": "Nybörjare och dig som vill känna dig säker i Excel.",
        },
        "en": {
            "title": "Excel from scratch",
            "slug": "excel",
            "summary": "Formulas, tables and charts – everything you need for everyday calculations.",
            "audience": "Beginners and those who want to feel confident in Excel.",
        },
    },
    {
        "key": "course-welding",
        "topic": "technology",
        "length_days": 10,
        "language": "sv",
        "occasions": [(35, TROLLHATTAN, 8)],
        "sv": {
            "title": "Svetscertifiering MIG/MAG",
            "slug": "svetscertifiering",
            "summary": "Förberedande utbildning och prov för svetscertifikat enligt SS-EN ISO 9606-1.",
            "audience": "Dig med grundläggande svetsvana som vill ha ett certifikat.",
        },
        "en": {
            "title": "Welding certification MIG/MAG",
            "slug": "welding-certification",
            "summary": "Preparation and test for a welding certificate to SS-EN ISO 9606-1.",
            "audience": "Those with basic welding experience who want a certificate.",
        },
    },
    {
        "key": "course-founders",
        "topic": "business",
        "length_days": 4,
        "language": "sv",
        "occasions": [(18, BORAS, 14), (60, GOTHENBURG, 14)],
        "sv": {
            "title": "Företagsekonomi för nyföretagare",
            "slug": "foretagsekonomi",
            "summary": "Budget, prissättning, likviditet och bokslut för dig som startar eget.",
            "audience": "Dig som har startat eller snart ska starta ett företag.",
        },
        "en": {
            "title": "Business economics for founders",
            "slug": "business-economics",
            "summary": "Budget, pricing, cash flow and accounts for those starting a business.",
            "audience": "Those who have started, or will soon start, a business.",
        },
    },
    {
        "key": "course-new-managers",
        "topic": "leadership",
        "length_days": 3,
        "language": "sv",
        "occasions": [(42, MOLNDAL, 12)],
        "sv": {
            "title": "Ledarskap för nya chefer",
            "slug": "ledarskap-nya-chefer",
            "summary": "Från kollega till chef: roll, mandat, medarbetarsamtal och arbetsmiljöansvar.",
            "audience": "Nya chefer och arbetsledare, och du som snart blir det.",
        },
        "en": {
            "title": "Leadership for new managers",
            "slug": "leadership-new-managers",
            "summary": "From colleague to manager: role, mandate, appraisals and responsibility for safety.",
            "audience": "New managers and supervisors, and those about to become one.",
        },
    },
    {
        "key": "course-lean",
        "topic": "technology",
        "length_days": 2,
        "language": "sv",
        "occasions": [(25, TROLLHATTAN, 16), (90, BORAS, 16)],
        "sv": {
            "title": "Lean i produktionen",
            "slug": "lean",
            "summary": "Flöde, 5S och ständiga förbättringar – med övningar från verkliga fabriker.",
            "audience": "Medarbetare i tillverkande företag.",
        },
        "en": {
            "title": "Lean production",
            "slug": "lean-production",
            "summary": "Flow, 5S and continuous improvement – with exercises from real factories.",
            "audience": "Staff of manufacturing companies.",
        },
    },
    {
        "key": "course-ev-service",
        "topic": "technology",
        "length_days": 5,
        "language": "sv",
        "occasions": [(30, GOTHENBURG, 10)],
        "sv": {
            "title": "Service av elfordon",
            "slug": "service-elfordon",
            "summary": "Högvoltssäkerhet, felsökning och service av el- och hybridfordon.",
            "audience": "Fordonstekniker och mekaniker.",
        },
        "en": {
            "title": "Electric vehicle service",
            "slug": "electric-vehicle-service",
            "summary": "High-voltage safety, fault finding and servicing of electric and hybrid vehicles.",
            "audience": "Vehicle technicians and mechanics.",
        },
    },
    {
        "key": "course-marketing",
        "topic": "digital",
        "length_days": 2,
        "language": "sv",
        "occasions": [(16, BORAS, 12), (75, MOLNDAL, 12)],
        "sv": {
            "title": "Digital marknadsföring",
            "slug": "digital-marknadsforing",
            "summary": "Sociala medier, annonser och nyhetsbrev – och hur du mäter vad som fungerar.",
            "audience": "Nyföretagare och småföretag som vill nå fler kunder.",
        },
        "en": {
            "title": "Digital marketing",
            "slug": "digital-marketing",
            "summary": "Social media, ads and newsletters – and how to measure what works.",
            "audience": "Founders and small businesses who want to reach more customers.",
        },
    },
    {
        "key": "course-swedish",
        "topic": "language",
        "length_days": 10,
        "language": "sv",
        # The first began a week ago: the course leader's demo has attendance to mark and to show.
        "occasions": [(-7, GOTHENBURG, 16), (20, GOTHENBURG, 16), (80, TROLLHATTAN, 16)],
        "sv": {
            "title": "Svenska för arbetsplatsen",
            "slug": "svenska-arbetsplatsen",
            "summary": "Yrkessvenska för möten, instruktioner, säkerhet och kontakter med kunder.",
            "audience": "Dig som har svenska som andraspråk och arbetar eller söker arbete.",
        },
        "en": {
            "title": "Swedish for the workplace",
            "slug": "swedish-workplace",
            "summary": "Swedish for meetings, instructions, safety and contact with customers.",
            "audience": "Those with Swedish as a second language who work or are looking for work.",
        },
    },
    {
        "key": "course-cad",
        "topic": "digital",
        "length_days": 3,
        "language": "en",
        "occasions": [(40, TROLLHATTAN, 10)],
        "sv": {
            "title": "CAD grundkurs",
            "slug": "cad-grundkurs",
            "summary": "Rita och modellera i 3D: skisser, detaljer, sammanställningar och ritningar.",
            "audience": "Dig som vill börja konstruera eller läsa ritningar. Undervisningen är på engelska.",
        },
        "en": {
            "title": "CAD basics",
            "slug": "cad-basics",
            "summary": "Draw and model in 3D: sketches, parts, assemblies and drawings.",
            "audience": "Those who want to start designing or reading drawings. Taught in English.",
        },
    },
]


# --- Attendance -------------------------------------------------------------------

STARTED_SLUG = "svenska-arbetsplatsen"
# The participant account (to sign in and confirm) and the first three demo applicants.
ATTENDEES = 3
# Hours marked per attendee and course day, by position: one left early once, one was away.
HOURS = [Decimal(6), Decimal("3.5"), Decimal(0)]


def _moment(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _demo_user(role: str):
    email = next(email for name, email, *_rest in texts.USERS if name == role)
    return get_user_model().objects.filter(email__iexact=email).first()


def demo_seed_attendance(*, today: date, report) -> None:
    """Enrol a few demo people on the occasion that has begun and mark the days gone by, once.

    Written directly, as the other demo data is: no e-mail goes out. The first applicant
    has confirmed her hours; the participant account has hours waiting for her to confirm.
    A database seeded before this occasion existed has none, and is left as it is.
    """
    occasion = (
        TrainingOccasion.objects.filter(page__slug=STARTED_SLUG, starts_on__lte=today, ends_on__gte=today)
        .order_by("pk")
        .first()
    )
    if occasion is None:
        return
    occasion = occasion_canonical(occasion)
    if Enrolment.objects.filter(occasion=occasion).exists():
        report.count("attendance", created=False)
        return
    leader = _demo_user("course leader")
    emails = [texts.APPLICANT_EMAIL.format(number=n) for n in range(1, ATTENDEES + 1)]
    applicants = sorted(
        ApplicantProfile.objects.filter(user__email__in=emails).select_related("user"),
        key=lambda profile: profile.user.email,
    )
    participant = _demo_user("participant")
    people = [profile.user for profile in applicants]
    if participant is not None and ApplicantProfile.objects.filter(user=participant).exists():
        people.insert(0, participant)
    days = [day for day in course_days(occasion.starts_on, occasion.ends_on) if day < today]
    enrolled_at = _moment(occasion.starts_on - timedelta(days=20), 10)
    for i, person in enumerate(people):
        at = enrolled_at + timedelta(hours=i)
        enrolment = Enrolment.objects.create(
            occasion=occasion, person=person, status=EnrolmentStatus.ENROLLED, created_at=at
        )
        EnrolmentChange.objects.create(
            enrolment=enrolment,
            at=at,
            actor=person,
            event=EnrolmentEvent.ENROLLED,
            to_status=EnrolmentStatus.ENROLLED,
        )
        for n, day in enumerate(days):
            # Everyone full days; the third person has a short day and a missed one in every three.
            hours = HOURS[n % len(HOURS)] if i == 2 else HOURS[0]
            marked_at = _moment(day, 16)
            Attendance.objects.create(
                enrolment=enrolment, day=day, hours=hours, marked_by=leader, marked_at=marked_at
            )
            EnrolmentChange.objects.create(
                enrolment=enrolment,
                at=marked_at,
                actor=leader,
                event=EnrolmentEvent.ATTENDANCE,
                from_status=EnrolmentStatus.ENROLLED,
                to_status=EnrolmentStatus.ENROLLED,
                note=f"{day:%Y-%m-%d}: {hours:.1f} h",
            )
        if i == 1 and days:
            confirmed_at = _moment(days[-1], 19)
            enrolment.hours_confirmed_at = confirmed_at
            enrolment.save(update_fields=["hours_confirmed_at"])
            EnrolmentChange.objects.create(
                enrolment=enrolment,
                at=confirmed_at,
                actor=person,
                event=EnrolmentEvent.HOURS_CONFIRMED,
                from_status=EnrolmentStatus.ENROLLED,
                to_status=EnrolmentStatus.ENROLLED,
            )
        report.count("attendance", created=True)
