"""Demo alumni: the closed intake's past participants, with completed mentorships and exit outcomes.

Twenty-four people applied to the closed intake while it was open; twenty were
accepted, four rejected. Most of the accepted had a mentor from about a hundred
days ago, met them a few times, and finished between two and six weeks ago; the
follow-up then sent their exit surveys, and most answered. So the coordinators'
figures (entry characteristics, matching, meetings, outcomes) have a cohort to
show. Everything goes through the workflow's services with times in the past;
only the survey's sending and reminders, which a job does on the day, are
written as history. Natural key: the first alumnus's application to the closed
intake; when it exists, nothing is created.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.test.utils import override_settings

from mentoring.applications.workflow import Status
from mentoring.core.choices import Improvement, MeetingFormat, Situation, WomanMentor
from mentoring.followup.services import STEPS, survey_answer
from mentoring.mentorships.services.lifecycle import (
    mentorship_accept,
    mentorship_complete,
    mentorship_propose,
)
from mentoring.mentorships.services.meetings import meeting_log
from mentoring.models import Application, FollowUpSurvey, Intake, MentorProfile, SurveyKind
from mentoring.models.application import Step
from portal.demo import texts
from portal.demo.applications import (
    DECISION_BAND,
    REVIEWERS,
    ApplicationPlan,
    _answers,
    _apply,
    _at,
    _ensure_applicants,
    _organisation_number,
    _profile,
    _review,
)
from portal.demo.mentors import DEMO_MENTORS, MENTOR_EMAIL

SEED = 2025
REJECTED = 4
# Accepted participants who never had a mentor: the figures' matching rate is not a given.
UNMATCHED = 1
UNANSWERED = 3
# The answered exit surveys' situations, shuffled over the participants.
SITUATIONS = (
    [Situation.OWN_BUSINESS] * 5
    + [Situation.NEW_JOB] * 4
    + [Situation.KEPT_JOB] * 3
    + [Situation.EDUCATION] * 2
    + [Situation.LOOKING] * 2
)
PHONE_OFFSET = 44  # after the open intake's forty applicants in PTS's series 070-174 06 05–99


def _alumni_plans(*, today: date) -> list[ApplicationPlan]:
    rng = random.Random(SEED)
    statuses = [Status.REJECTED] * REJECTED + [Status.ACCEPTED] * (len(texts.ALUMNI) - REJECTED)
    rng.shuffle(statuses)
    plans = []
    for number, (entry, status) in enumerate(zip(texts.ALUMNI, statuses, strict=True), start=1):
        first_name, last_name, gender, languages, municipality, idea = entry
        # Entry characteristics as they were when they applied, five months ago.
        profile = _profile(rng, today=today, gender=gender, languages=languages, municipality=municipality)
        profile["phone"] = f"070-174 06 {number + PHONE_OFFSET:02d}"
        plans.append(
            ApplicationPlan(
                email=texts.ALUMNUS_EMAIL.format(number=number),
                first_name=first_name,
                last_name=last_name,
                profile=profile,
                answers=_answers(rng, idea=idea, gender=gender, languages=languages),
                status=status,
                step=Step.REVIEW,
                reviews=[_review(rng, reviewer, DECISION_BAND[status]) for reviewer in REVIEWERS],
                reason=rng.choice(texts.DECISION_REASONS[status]),
                internal_note=rng.choice(texts.DECISION_NOTES),
                # Started, submitted, two reviews, decided.
                moments=tuple(sorted(rng.uniform(0.01, 0.99) for _ in range(5))),
            )
        )
    return plans


def _pick_mentor(application: Application, mentors: list[MentorProfile], load: dict, rng) -> MentorProfile:
    """The mentor who fits best and still had a place then: a woman if required, the languages
    asked for, the same sector, most needs covered, least load."""

    def fits(mentor: MentorProfile) -> bool:
        if load[mentor.pk] >= mentor.capacity:
            return False
        return application.woman_mentor != WomanMentor.REQUIRED or mentor.gender == "woman"

    def fit(mentor: MentorProfile) -> tuple:
        return (
            set(application.mentor_languages) <= {"sv", *mentor.languages},
            application.business_sector in mentor.sectors,
            len(set(application.support_needs) & set(mentor.expertise)),
            -load[mentor.pk],
            rng.random(),
        )

    return max((mentor for mentor in mentors if fits(mentor)), key=fit)


def _reasons(application: Application, mentor: MentorProfile) -> list:
    reasons = []
    if application.business_sector in mentor.sectors:
        reasons.append(["same_sector", {"sector": application.business_sector}])
    covered = len(set(application.support_needs) & set(mentor.expertise))
    if covered:
        reasons.append(["covers_needs", {"covered": covered, "of": len(application.support_needs)}])
    return reasons


def _mentor(application, *, mentor, coordinator, rng, today: date, ends_days_ago: int) -> None:
    """Propose, accept, meet and complete; the exit survey falls due at the completion."""
    proposed_at = _at(today - timedelta(days=100 + rng.randint(0, 4)), 9, rng.randint(0, 59))
    reasons = _reasons(application, mentor)
    mentorship = mentorship_propose(
        participant=application,
        mentor=mentor,
        actor=coordinator,
        now=proposed_at,
        score=Decimal(f"{0.55 + 0.1 * len(reasons) + rng.uniform(0, 0.15):.3f}"),
        reasons=reasons,
    )
    accepted_at = proposed_at + timedelta(hours=rng.randint(3, 60))
    mentorship = mentorship_accept(mentorship=mentorship, actor=mentor.user, now=accepted_at)
    ended_on = today - timedelta(days=ends_days_ago)
    last_meeting = min(ended_on - timedelta(days=1), today - timedelta(days=20))
    first_meeting = accepted_at.date() + timedelta(days=3)
    span = (last_meeting - first_meeting).days
    days = sorted(rng.sample(range(span + 1), k=min(span + 1, rng.randint(2, 6))))
    for offset in days:
        held_on = first_meeting + timedelta(days=offset)
        meeting_log(
            mentorship=mentorship,
            actor=rng.choice([mentor.user, application.applicant]),
            held_on=held_on,
            minutes=rng.choice([45, 60, 60, 90, 120]),
            format=rng.choice(
                [MeetingFormat.IN_PERSON] * 3 + [MeetingFormat.ONLINE] * 2 + [MeetingFormat.PHONE]
            ),
            topics=rng.sample(application.support_needs, k=rng.randint(1, len(application.support_needs))),
            shared_notes=rng.choice(texts.ALUMNI_MEETING_NOTES),
            private_note="",
            now=_at(held_on, 19, rng.randint(0, 59)),
        )
    mentorship_complete(mentorship=mentorship, actor=coordinator, reason="", now=_at(ended_on, 10))


def _survey_answers(application, situation: str, *, started: date, answered: date, rng) -> dict:
    answers = {
        "situation": situation,
        "organisation_number": "",
        "business_started_on": None,
        "improvements": [],
        "satisfaction_mentoring": rng.choice([3, 4, 4, 5, 5, 5]),
        "satisfaction_programme": rng.choice([3, 4, 4, 4, 5, 5]),
        "comments": rng.choice(texts.ALUMNI_SURVEY_COMMENTS) if rng.random() < 0.4 else "",
    }
    if situation == Situation.OWN_BUSINESS:
        # Registered before applying: that number; otherwise a company started during the mentorship.
        answers["organisation_number"] = application.organisation_number or _organisation_number(rng)
        answers["business_started_on"] = started + timedelta(days=rng.randint(0, (answered - started).days))
    elif situation in (Situation.NEW_JOB, Situation.KEPT_JOB) and rng.random() < 0.6:
        answers["improvements"] = rng.sample(list(Improvement.values), k=rng.randint(1, 2))
    return answers


def _follow_up(participants: list, *, today: date, rng) -> None:
    """Send each exit survey on its due day, and have all but UNANSWERED of them answered."""
    surveys = {
        survey.participant_id: survey
        for survey in FollowUpSurvey.objects.filter(participant__in=participants, kind=SurveyKind.EXIT)
    }
    # The most recently ended are the ones still waiting: their surveys are not past their last day.
    by_end = sorted(participants, key=lambda application: surveys[application.pk].due_at)
    waiting = by_end[-UNANSWERED:]
    situations = list(SITUATIONS)
    rng.shuffle(situations)
    for application in by_end:
        survey = surveys[application.pk]
        sent_at = survey.due_at + timedelta(hours=1)  # the job's next run
        if application in waiting:
            answered_at = None
            age = _at(today, 0) - sent_at
        else:
            answered_at = sent_at + timedelta(days=rng.uniform(0.2, 9))
            age = answered_at - sent_at
        # The reminders and call request the job had taken by the answer (or by today).
        steps = {stamp: sent_at + after for stamp, after, _name in STEPS[:-1] if age >= after}
        FollowUpSurvey.objects.filter(pk=survey.pk).update(sent_at=sent_at, **steps)
        if answered_at is None:
            continue
        started = application.mentorships.get().answered_at.date()
        survey_answer(
            survey=survey,
            answers=_survey_answers(
                application, situations.pop(), started=started, answered=answered_at.date(), rng=rng
            ),
            language="sv",
            now=answered_at,
        )


def demo_seed_alumni(*, today: date, report) -> None:
    """Create the closed intake's past participants and their history, unless it is already there.

    Call after the demo intakes, accounts and mentors exist. No e-mail is sent:
    the history is backdated and the addresses invented.
    """
    intake = Intake.objects.filter(title=texts.INTAKES["closed"][1]).first()
    if intake is None:
        return
    first = texts.ALUMNUS_EMAIL.format(number=1)
    if Application.objects.filter(intake=intake, applicant__email__iexact=first).exists():
        for _entry in texts.ALUMNI:
            report.count("alumni", created=False)
        return
    User = get_user_model()
    coordinator, reviewer = (
        User.objects.get(email__iexact=email)
        for role, email, *_rest in texts.USERS
        if role in ("coordinator", "reviewer")
    )
    mentors = list(
        MentorProfile.objects.filter(
            user__email__in=[MENTOR_EMAIL.format(number=n) for n in range(1, len(DEMO_MENTORS) + 1)],
            paused=False,
        ).select_related("user")
    )
    start, end = intake.opens_at + timedelta(hours=1), intake.closes_at - timedelta(hours=1)
    plans = _alumni_plans(today=today)
    # Counted as alumni, not among the open intake's applicants: a scratch report takes the count.
    users = _ensure_applicants(plans, start=start, end=end, report=type(report)())
    rng = random.Random(SEED + 1)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for plan in plans:
            _apply(
                plan,
                intake=intake,
                applicant=users[plan.email],
                reviewers={"coordinator": coordinator, "reviewer": reviewer},
                start=start,
                end=end,
            )
            report.count("alumni", created=True)
        accepted = list(
            Application.objects.filter(intake=intake, status=Status.ACCEPTED, applicant__in=users.values())
            .select_related("applicant")
            .order_by("decided_at")
        )
        participants = accepted[UNMATCHED:] if mentors else []
        load = dict.fromkeys((mentor.pk for mentor in mentors), 0)
        for application in participants:
            mentor = _pick_mentor(application, mentors, load, rng)
            load[mentor.pk] += 1
            _mentor(
                application,
                mentor=mentor,
                coordinator=coordinator,
                rng=rng,
                today=today,
                ends_days_ago=rng.randint(14, 40),
            )
        if participants:
            _follow_up(participants, today=today, rng=rng)
