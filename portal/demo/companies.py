"""Demo company requests: one new, one planned with a reserved course occasion, one with mentoring places.

The companies and their organisation numbers are made up (the numbers pass the
Luhn check, so the forms accept them). The rows are written directly, with their
audit rows, rather than through the services: the services would e-mail the
invented contacts, and the demo's history is backdated.
"""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from content.models import TrainingOccasion
from mentoring.models import CompanyRequest, CompanyRequestChange, CompanyRequestStatus, EffortKind, Enrolment
from portal.demo import texts

# (org number, company, contact, e-mail, employees, needs, text, language, effort, days ago)
COMPANIES = [
    {
        "org_number": "556677-8899",
        "company_name": "Verktygsbolaget i Trollhättan AB",
        "contact_name": "Maria Ekström",
        "contact_email": "maria.ekstrom@verktygsbolaget.example",
        "contact_phone": "0520-12 34 56",
        "employees_concerned": 8,
        "needs": ["technology"],
        "needs_text": (
            "Åtta montörer ska börja arbeta med en ny robotcell i höst och behöver grunderna i "
            "robotprogrammering och säkerhet."
        ),
        "contact_language": "sv",
        "effort": "occasion",
        "days_ago": 12,
    },
    {
        "org_number": "559012-3450",
        "company_name": "Kabel & Kontakt Väst AB",
        "contact_name": "Johan Berglund",
        "contact_email": "johan.berglund@kabelkontakt.example",
        "contact_phone": "",
        "employees_concerned": 3,
        "needs": ["mentoring", "business"],
        "needs_text": (
            "Tre medarbetare som blivit varslade vill starta eget inom service åt fordonsindustrin "
            "och söker mentorer."
        ),
        "contact_language": "sv",
        "effort": "mentoring",
        "days_ago": 20,
    },
    {
        "org_number": "556123-4567",
        "company_name": "Nordic Seating Components AB",
        "contact_name": "Sara Lind",
        "contact_email": "sara.lind@nordicseating.example",
        "contact_phone": "031-765 43 21",
        "employees_concerned": 25,
        "needs": ["digital", "language"],
        "needs_text": (
            "We need digital skills and Swedish for production staff from abroad, preferably in "
            "the spring and in English at first."
        ),
        "contact_language": "en",
        "effort": "",
        "days_ago": 2,
    },
]

ROBOTS_SLUG = "robotprogrammering"


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 30)))


def _occasion_to_reserve(today: date) -> TrainingOccasion | None:
    """The robot course's last coming occasion in the source language, if nobody has joined it."""
    occasion = (
        TrainingOccasion.objects.filter(page__slug=ROBOTS_SLUG, starts_on__gt=today, company_reservation=None)
        .order_by("-starts_on", "pk")
        .first()
    )
    if occasion is None or Enrolment.objects.filter(occasion=occasion).exists():
        return None
    return occasion


def demo_seed_companies(*, today: date, report) -> None:
    """Create the demo company requests that are missing; change none that exist."""
    coordinator = (
        get_user_model()
        .objects.filter(
            email__iexact=next(email for role, email, *_rest in texts.USERS if role == "coordinator")
        )
        .first()
    )
    for spec in COMPANIES:
        if CompanyRequest.objects.filter(org_number=spec["org_number"]).exists():
            report.count("companies", created=False)
            continue
        received = _moment(today - timedelta(days=spec["days_ago"]))
        request = CompanyRequest.objects.create(
            **{key: spec[key] for key in COMPANIES[0] if key not in ("effort", "days_ago")},
            status=CompanyRequestStatus.NEW,
            created_at=received,
        )
        CompanyRequestChange.objects.create(
            request=request, at=received, actor=None, from_status="", to_status=CompanyRequestStatus.NEW
        )
        occasion = _occasion_to_reserve(today) if spec["effort"] == "occasion" else None
        if spec["effort"] == "mentoring" or occasion is not None:
            planned = received + timedelta(days=2)
            request.status = CompanyRequestStatus.PLANNED
            request.planned_at = planned
            request.planned_by = coordinator
            if occasion is not None:
                request.effort_kind = EffortKind.OCCASION
                request.reserved_occasion = occasion
            else:
                request.effort_kind = EffortKind.MENTORING
                request.mentoring_places = spec["employees_concerned"]
            request.save()
            CompanyRequestChange.objects.create(
                request=request,
                at=planned,
                actor=coordinator,
                from_status=CompanyRequestStatus.NEW,
                to_status=CompanyRequestStatus.PLANNED,
            )
        report.count("companies", created=True)
