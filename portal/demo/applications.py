"""Demo intakes and applications: an open intake with ~40 applications in every status, and a closed one.

The plan (who applies, with which idea, and how far each application got) is
drawn from a fixed random seed, so every run plans the same people. Applying
the plan goes through the workflow's services with times in the past, so the
status log, the reviews and the scores are the ones a coordinator would have
produced by hand. Natural keys: an intake is found by its programme and title,
an applicant by e-mail address, an application by intake and applicant; what
is found is left exactly as it is.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.test.utils import override_settings
from django.utils import timezone

from content.models import ProgrammePage
from mentoring.applications.services import (
    application_decide,
    application_save_draft,
    application_start,
    application_submit,
    application_withdraw,
    review_declare_conflict,
    review_record,
)
from mentoring.applications.workflow import Role, Status
from mentoring.core.choices import (
    MEMBER_MUNICIPALITIES,
    EducationLevel,
    EmploymentStatus,
    FormerSector,
    Gender,
    MeetingMode,
    Municipality,
    Stage,
    SupportNeed,
    WomanMentor,
)
from mentoring.core.orgnr import luhn_valid
from mentoring.models import ApplicantProfile, Application, Intake, Review
from mentoring.models.application import Step
from mentoring.models.review import DEFAULT_RUBRIC
from portal.demo import texts

SEED = 2026
OPEN_PLACES = 30
CLOSED_PLACES = 25

# How far the demo applications got: 40 in all, half waiting for a coordinator, and
# enough accepted ones for the matching board to have a cohort to match.
STATUS_MIX = (
    [Status.DRAFT] * 5
    + [Status.SUBMITTED] * 7
    + [Status.IN_REVIEW] * 8
    + [Status.ACCEPTED] * 13
    + [Status.WAITLISTED] * 3
    + [Status.REJECTED] * 2
    + [Status.WITHDRAWN] * 2
)
DECISION_BAND = {Status.ACCEPTED: "high", Status.WAITLISTED: "middle", Status.REJECTED: "low"}
BAND_SCORES = {"high": (4, 5), "middle": (3, 4), "low": (1, 3)}
REVIEWERS = ("coordinator", "reviewer")  # role labels in texts.USERS

# Göteborg has most of the region's people, so most of its applicants.
MUNICIPALITY_WEIGHTS = {Municipality.GOTEBORG: 8, Municipality.MOLNDAL: 3, Municipality.KUNGALV: 2}
DRAFT_STEPS = [Step.IDEA, Step.MARKET, Step.NEEDS, Step.MENTOR, Step.ATTACHMENTS, Step.REVIEW]
# The answers each step asks for, in the order of the form.
STEP_FIELDS = {
    Step.IDEA: ("idea_title", "idea_description"),
    Step.MARKET: ("business_sector", "market_description", "stage", "organisation_number"),
    Step.NEEDS: ("support_needs", "support_needs_other"),
    Step.MENTOR: ("mentor_languages", "woman_mentor", "meeting_mode"),
}


@dataclass(frozen=True)
class ReviewPlan:
    reviewer: str  # a role label of texts.USERS
    scores: dict[str, int]
    comment: str


@dataclass(frozen=True)
class ApplicationPlan:
    """One demo applicant, their profile and answers, and how far their application got."""

    email: str
    first_name: str
    last_name: str
    profile: dict
    answers: dict
    status: Status
    step: str
    reviews: list[ReviewPlan] = field(default_factory=list)
    conflict: str | None = None  # a reviewer who stepped aside
    reason: str = ""
    internal_note: str = ""
    # When each event happened, as sorted fractions of the time the intake has been open:
    # started, then submitted, each review, the decision or withdrawal.
    moments: tuple[float, ...] = ()


# --- Plan ----------------------------------------------------------------------


def _weighted(rng: random.Random, weights: dict) -> str:
    return str(rng.choices(list(weights), weights=list(weights.values()))[0])


def _organisation_number(rng: random.Random) -> str:
    """A limited company's number (55…) with a valid check digit; invented, like every demo number."""
    digits = "559" + "".join(str(rng.randint(0, 9)) for _ in range(6))
    check = next(d for d in "0123456789" if luhn_valid(digits + d))
    return f"{digits[:6]}-{digits[6:]}{check}"


def _profile(rng: random.Random, *, today: date, gender: str, languages: list, municipality: str | None):
    employment = _weighted(
        rng,
        {EmploymentStatus.UNDER_NOTICE: 4, EmploymentStatus.EMPLOYED: 3, EmploymentStatus.UNEMPLOYED: 3},
    )
    other_municipalities = {m: MUNICIPALITY_WEIGHTS.get(m, 1) for m in MEMBER_MUNICIPALITIES}
    return {
        "municipality": municipality or _weighted(rng, other_municipalities),
        "birth_year": today.year - rng.randint(23, 61),
        "gender": gender,
        "employment_status": employment,
        "months_unemployed": rng.randint(2, 20) if employment == EmploymentStatus.UNEMPLOYED else None,
        "former_sector": _weighted(
            rng,
            {
                FormerSector.AUTOMOTIVE_SUPPLIER: 6,
                FormerSector.AUTOMOTIVE_MANUFACTURER: 5,
                FormerSector.OTHER_MANUFACTURING: 4,
                FormerSector.OTHER: 4,
                FormerSector.UNDISCLOSED: 1,
            },
        ),
        "education_level": _weighted(
            rng,
            {
                EducationLevel.COMPULSORY: 2,
                EducationLevel.UPPER_SECONDARY: 7,
                EducationLevel.POST_SECONDARY_SHORT: 4,
                EducationLevel.HIGHER: 6,
                EducationLevel.UNDISCLOSED: 1,
            },
        ),
        "languages": ["sv", *languages],
        "contact_language": "en" if "en" in languages and rng.random() < 0.1 else "sv",
    }


def _answers(rng: random.Random, *, idea: tuple, gender: str, languages: list) -> dict:
    title, sector, description, market = idea
    stage = _weighted(rng, {Stage.IDEA: 3, Stage.PREPARING: 4, Stage.STARTED: 2, Stage.REGISTERED: 2})
    needs = set(rng.sample([need.value for need in SupportNeed], k=rng.randint(2, 4)))
    other_languages = [language for language in languages if language != "en"]
    mentor_languages = ["sv"]
    if other_languages and rng.random() < 0.4:
        mentor_languages.append(rng.choice(other_languages))
    if gender == Gender.WOMAN:
        woman_mentor = _weighted(
            rng, {WomanMentor.NO_PREFERENCE: 8, WomanMentor.PREFERRED: 9, WomanMentor.REQUIRED: 3}
        )
    else:
        woman_mentor = WomanMentor.NO_PREFERENCE
    return {
        "idea_title": title,
        "idea_description": description,
        "business_sector": sector,
        "market_description": market,
        "stage": stage,
        "organisation_number": _organisation_number(rng) if stage == Stage.REGISTERED else "",
        "support_needs": [need.value for need in SupportNeed if need.value in needs],
        "support_needs_other": rng.choice(texts.SUPPORT_NEEDS_OTHER) if rng.random() < 0.25 else "",
        "mentor_languages": mentor_languages,
        "woman_mentor": woman_mentor,
        "meeting_mode": _weighted(
            rng, {MeetingMode.IN_PERSON: 7, MeetingMode.ONLINE: 4, MeetingMode.EITHER: 9}
        ),
    }


def _review(rng: random.Random, reviewer: str, band: str) -> ReviewPlan:
    low, high = BAND_SCORES[band]
    return ReviewPlan(
        reviewer=reviewer,
        scores={criterion.key: rng.randint(low, high) for criterion in DEFAULT_RUBRIC},
        comment=rng.choice(texts.REVIEW_COMMENTS[band]),
    )


def demo_applications(*, today: date) -> list[ApplicationPlan]:
    """The demo applicants of the open intake, the same on every run for the same `today`."""
    rng = random.Random(SEED)
    statuses = list(STATUS_MIX)
    rng.shuffle(statuses)
    conflict_given = False
    plans = []
    for number, (entry, status) in enumerate(zip(texts.APPLICANTS, statuses, strict=True), start=1):
        first_name, last_name, gender, languages, municipality, idea = entry
        profile = _profile(rng, today=today, gender=gender, languages=languages, municipality=municipality)
        profile["phone"] = f"070-174 06 {number + 4:02d}"  # PTS's series for fiction: 070-174 06 05–99
        answers = _answers(rng, idea=idea, gender=gender, languages=languages)
        step = Step.REVIEW
        reviews, conflict, reason, note = [], None, "", ""
        reviewers = list(REVIEWERS)
        rng.shuffle(reviewers)
        if status == Status.DRAFT:
            step = rng.choice(DRAFT_STEPS)
            answered = [s for s in DRAFT_STEPS[: DRAFT_STEPS.index(step)] if s in STEP_FIELDS]
            names = {name for s in answered for name in STEP_FIELDS[s]} or {"idea_title"}
            answers = {name: value for name, value in answers.items() if name in names}
        elif status == Status.IN_REVIEW:
            band = _weighted(rng, {"high": 2, "middle": 3, "low": 1})
            reviews = [_review(rng, reviewer, band) for reviewer in reviewers[: rng.randint(1, 2)]]
            if len(reviews) == 1 and not conflict_given:
                conflict, conflict_given = reviewers[1], True
        elif status in DECISION_BAND:
            reviews = [_review(rng, reviewer, DECISION_BAND[status]) for reviewer in reviewers]
            reason = rng.choice(texts.DECISION_REASONS[status])
            note = rng.choice(texts.DECISION_NOTES)
            if status == Status.ACCEPTED and gender != Gender.WOMAN:
                note = texts.ACCEPTED_OUTSIDE_TARGET_NOTE
        elif status == Status.WITHDRAWN:
            band = _weighted(rng, {"high": 1, "middle": 1})
            reviews = [_review(rng, reviewers[0], band)] if rng.random() < 0.5 else []
            reason = rng.choice(texts.WITHDRAWAL_REASONS)
        # Started; submitted; each review; decided or withdrawn.
        ended = status in DECISION_BAND or status == Status.WITHDRAWN
        events = 1 + (status != Status.DRAFT) + len(reviews) + ended
        plans.append(
            ApplicationPlan(
                email=texts.APPLICANT_EMAIL.format(number=number),
                first_name=first_name,
                last_name=last_name,
                profile=profile,
                answers=answers,
                status=status,
                step=step,
                reviews=reviews,
                conflict=conflict,
                reason=reason,
                internal_note=note,
                moments=tuple(sorted(rng.uniform(0.01, 0.99) for _ in range(events))),
            )
        )
    return plans


# --- Intakes --------------------------------------------------------------------


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _moment(plan: ApplicationPlan, n: int, *, start: datetime, end: datetime) -> datetime:
    """When the `n`th event of `plan` happened, in an intake open for applications from `start` to `end`."""
    return start + (end - start) * plan.moments[n]


def _ensure_intake(key: str, *, opens: date, closes: date, places: int, report) -> Intake | None:
    programme_key, title, title_en = texts.INTAKES[key]
    slug = next(p["sv"]["slug"] for p in texts.PROGRAMMES if p["key"] == programme_key)
    programme = ProgrammePage.objects.filter(slug=slug, locale__language_code="sv").first()
    if programme is None:
        report.notes.append(f"No programme page {slug!r}: intake {title!r} not created.")
        return None
    intake = Intake.objects.filter(programme__translation_key=programme.translation_key, title=title).first()
    report.count("intakes", created=intake is None)
    eligibility = texts.INTAKE_ELIGIBILITY[key]
    if intake is None:
        # Municipalities and rubric weights: the model's defaults.
        intake = Intake.objects.create(
            programme=programme,
            title=title,
            title_en=title_en,
            opens_at=_at(opens, 8),
            closes_at=_at(closes, 23, 59),
            places=places,
            **eligibility,
        )
    elif any(getattr(intake, name) != value for name, value in eligibility.items()):
        # A demo loaded before intakes declared these: its pages and its rule agree again.
        Intake.objects.filter(pk=intake.pk).update(**eligibility)
    return intake


# --- Applicants -------------------------------------------------------------------


def _ensure_applicants(plans: list[ApplicationPlan], *, start: datetime, end: datetime, report) -> dict:
    """The demo applicants' accounts (verified) and profiles, by e-mail; missing ones created in bulk.

    Each profile's consent is given a few minutes before its application was started.
    """
    User = get_user_model()
    emails = [plan.email for plan in plans]
    users = {user.email.lower(): user for user in User.objects.filter(email__in=emails)}
    missing = [plan for plan in plans if plan.email not in users]
    new = {plan.email for plan in missing}
    if missing:
        # One hash for all: hashing is slow on purpose, and the demo password is public anyway.
        password = make_password(texts.DEMO_PASSWORD)
        User.objects.bulk_create(
            User(email=plan.email, first_name=plan.first_name, last_name=plan.last_name, password=password)
            for plan in missing
        )
        users = {user.email.lower(): user for user in User.objects.filter(email__in=emails)}
    for plan in plans:
        report.count("applicants", created=plan.email in new)

    verified = set(EmailAddress.objects.filter(user__in=users.values()).values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True)
        for user in users.values()
        if user.pk not in verified
    )
    with_profile = set(
        ApplicantProfile.objects.filter(user__in=users.values()).values_list("user_id", flat=True)
    )
    ApplicantProfile.objects.bulk_create(
        ApplicantProfile(
            user=users[plan.email],
            first_name=plan.first_name,
            last_name=plan.last_name,
            consent_at=max(start, _moment(plan, 0, start=start, end=end) - timedelta(minutes=12)),
            privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
            **plan.profile,
        )
        for plan in plans
        if users[plan.email].pk not in with_profile
    )
    return users


# --- Applications -----------------------------------------------------------------


def _apply(
    plan: ApplicationPlan, *, intake: Intake, applicant, reviewers: dict, start: datetime, end: datetime
) -> None:
    """Take one application as far as its plan says, through the services, at the planned times."""
    moments = iter(_moment(plan, n, start=start, end=end) for n in range(len(plan.moments)))
    started = next(moments)
    application = application_start(intake=intake, applicant=applicant, now=started)
    application = application_save_draft(application=application, fields=plan.answers, step=plan.step)
    last = started
    if plan.status != Status.DRAFT:
        last = next(moments)
        application = application_submit(application=application, actor=applicant, now=last)
    for review in plan.reviews:
        last = next(moments)
        recorded = review_record(
            application=application,
            reviewer=reviewers[review.reviewer],
            scores=review.scores,
            comment=review.comment,
            now=last,
        )
        Review.objects.filter(pk=recorded.pk).update(created_at=last, updated_at=last)
    if plan.conflict:
        review_declare_conflict(application=application, reviewer=reviewers[plan.conflict])
    application.refresh_from_db()
    if plan.status in DECISION_BAND:
        last = next(moments)
        application_decide(
            application=application,
            decision=plan.status,
            actor=reviewers["coordinator"],
            now=last,
            reason=plan.reason,
            internal_note=plan.internal_note,
        )
    elif plan.status == Status.WITHDRAWN:
        last = next(moments)
        application_withdraw(
            application=application, actor=applicant, role=Role.APPLICANT, now=last, reason=plan.reason
        )
    # Only the timestamps the database fills in itself; the status is the services' alone.
    Application.objects.filter(pk=application.pk).update(created_at=started, updated_at=last)


def _ensure_participant_draft(intake: Intake, *, start: datetime, end: datetime, today: date, report) -> None:
    """participant@…: a profile and a draft left on the "Market and stage" step, to resume."""
    email = next(email for role, email, *_rest in texts.USERS if role == "participant")
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is None:
        return
    # Started yesterday evening, as in the README's walk-through: she left half way.
    started = max(start, min(end, _at(today - timedelta(days=1), 20, 15)))
    fields = dict(texts.PARTICIPANT_PROFILE)
    fields["birth_year"] = today.year - fields.pop("age")
    ApplicantProfile.objects.get_or_create(
        user=user,
        defaults={
            "first_name": user.first_name,
            "last_name": user.last_name,
            "consent_at": started - timedelta(minutes=12),
            "privacy_notice_version": settings.PRIVACY_NOTICE_VERSION,
            **fields,
        },
    )
    if Application.objects.filter(intake=intake, applicant=user).exists():
        report.count("applications", created=False)
        return
    application = application_start(intake=intake, applicant=user, now=started)
    application_save_draft(application=application, fields=texts.PARTICIPANT_DRAFT, step=Step.MARKET)
    Application.objects.filter(pk=application.pk).update(created_at=started, updated_at=started)
    report.count("applications", created=True)


def demo_seed_applications(*, today: date, report) -> None:
    """Create whatever of the demo intakes, applicants and applications is missing.

    Call after the demo pages and accounts exist. Decisions and receipts send
    no e-mail: the history is backdated and the addresses invented, so the
    messages would only flood the console of a freshly started portal.
    """
    intake = _ensure_intake(
        "open",
        opens=today - timedelta(days=24),
        closes=today + timedelta(days=25),
        places=OPEN_PLACES,
        report=report,
    )
    _ensure_intake(
        "closed",
        opens=today - timedelta(days=160),
        closes=today - timedelta(days=110),
        places=CLOSED_PLACES,
        report=report,
    )
    if intake is None:
        return
    # Everything happened between the opening and the start of today (or the close, if earlier).
    start = intake.opens_at + timedelta(hours=1)
    end = min(intake.closes_at, _at(today, 0)) - timedelta(hours=1)
    if end <= start:
        report.notes.append(f"Intake {intake.title!r} has not been open yet: no demo applications.")
        return
    plans = demo_applications(today=today)
    users = _ensure_applicants(plans, start=start, end=end, report=report)
    User = get_user_model()
    reviewers = {
        role: User.objects.get(email__iexact=email)
        for role, email, *_rest in texts.USERS
        if role in REVIEWERS
    }
    applied = set(
        Application.objects.filter(intake=intake, applicant__in=users.values()).values_list(
            "applicant_id", flat=True
        )
    )
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for plan in plans:
            applicant = users[plan.email]
            report.count("applications", created=applicant.pk not in applied)
            if applicant.pk not in applied:
                _apply(plan, intake=intake, applicant=applicant, reviewers=reviewers, start=start, end=end)
        _ensure_participant_draft(intake, start=start, end=end, today=today, report=report)
