"""Reads that already filter by what the asking person may see (STYLE.md rule 6)."""

from django.db.models import Avg, Count, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from content.models import StandardPage
from mentoring.mentorship_workflow import MentorshipStatus
from mentoring.models import (
    ApplicantProfile,
    Application,
    Goal,
    Intake,
    Meeting,
    MentorProfile,
    Mentorship,
    PrivateNote,
    Review,
    StatusChange,
)
from portal import roles

PRIVACY_NOTICE_SLUGS = ("integritetspolicy", "privacy-policy")


def is_coordinator(user) -> bool:
    return roles.user_has_role(user, roles.COORDINATORS)


def applications_visible_to(user) -> QuerySet[Application]:
    """Coordinators see every application; anyone else only their own; anonymous people none."""
    if not user.is_authenticated:
        return Application.objects.none()
    if is_coordinator(user):
        return Application.objects.all()
    return Application.objects.filter(applicant=user)


def _review_figure(aggregate):
    """One figure over an application's reviews (conflicts left out), as a correlated subquery."""
    return Subquery(
        Review.objects.filter(application=OuterRef("pk"), conflict_of_interest=False)
        .order_by()
        .values("application")
        .annotate(value=aggregate)
        .values("value")
    )


def applications_in_queue(*, intake: Intake, reviewer) -> QuerySet[Application]:
    """The review queue of `intake` for `reviewer`: submitted or later, without those they stepped aside from.

    Each row carries `average_score` (the mean of the reviews' weighted scores) and
    `review_count`, and the applicant's profile, in one query.
    """
    stepped_aside = Review.objects.filter(reviewer=reviewer, conflict_of_interest=True).values("application")
    return (
        applications_visible_to(reviewer)
        # Submitted at some point: not drafts, nor drafts withdrawn before anyone was meant to read them.
        .filter(intake=intake, submitted_at__isnull=False)
        # A subquery, not exclude(reviews__reviewer=…, reviews__conflict_of_interest=True): that
        # matches the two conditions on *different* reviews, hiding an application from a reviewer
        # as soon as anyone else declared a conflict on it.
        .exclude(pk__in=stepped_aside)
        .select_related("applicant__applicant_profile", "intake")
        # Correlated subqueries rather than a GROUP BY over the whole intake: the database
        # computes them only for the rows of the page shown (unless the page is sorted by score).
        .annotate(
            average_score=_review_figure(Avg("score")),
            review_count=Coalesce(_review_figure(Count("pk")), 0),
        )
    )


def intake_open_for(*, programme, now) -> Intake | None:
    """The intake of `programme` that is open at `now`, if any (the earliest closing first)."""
    return (
        Intake.objects.filter(
            programme__translation_key=programme.translation_key, opens_at__lte=now, closes_at__gt=now
        )
        .order_by("closes_at")
        .first()
    )


def intake_next_for(*, programme, now) -> Intake | None:
    return (
        Intake.objects.filter(programme__translation_key=programme.translation_key, opens_at__gt=now)
        .order_by("opens_at")
        .first()
    )


def applications_of_applicant(user) -> QuerySet[Application]:
    """The applications `user` made themselves, with intake and the applicant's timeline.

    Also for coordinators: what they see here is what they applied for, never
    someone else's draft. The timeline carries only what the applicant may read
    (no internal notes are loaded).
    """
    if not user.is_authenticated:
        return Application.objects.none()
    timeline = StatusChange.objects.only("id", "application_id", "at", "to_status", "reason")
    return (
        applications_visible_to(user)
        .filter(applicant=user)
        .select_related("intake")
        .prefetch_related(Prefetch("status_changes", queryset=timeline, to_attr="timeline"))
    )


def mentors_of_participant(user) -> dict[int, Mentorship]:
    """The active mentorship of each of `user`'s own applications, by application id, with the mentor.

    Only active ones: a proposal is between the coordinators and the mentor until
    the mentor accepts it.
    """
    if not user.is_authenticated:
        return {}
    mentorships = Mentorship.objects.filter(
        participant__applicant=user, status=MentorshipStatus.ACTIVE
    ).select_related("mentor__user")
    return {mentorship.participant_id: mentorship for mentorship in mentorships}


def applicant_profile_of(user) -> ApplicantProfile | None:
    if not user.is_authenticated:
        return None
    return ApplicantProfile.objects.filter(user=user).first()


def privacy_notice_page(*, language: str) -> StandardPage | None:
    """The live privacy notice in `language` (found by its slug), if the site has one."""
    return (
        StandardPage.objects.live()
        .filter(slug__in=PRIVACY_NOTICE_SLUGS, locale__language_code=language)
        .order_by("path")
        .first()
    )


def mentor_profile_of(user) -> MentorProfile | None:
    """`user`'s own mentor profile, if they have one."""
    if not user.is_authenticated:
        return None
    return MentorProfile.objects.filter(user=user).first()


def mentorships_of_mentor(user) -> QuerySet[Mentorship]:
    """The mentorships in which `user` is the mentor, with the participant's application and profile."""
    if not user.is_authenticated:
        return Mentorship.objects.none()
    return Mentorship.objects.filter(mentor__user=user).select_related(
        "participant__applicant__applicant_profile", "mentor"
    )


# --- Inside a mentorship: goals and meetings ----------------------------------


def mentorships_of_user(user) -> QuerySet[Mentorship]:
    """The mentorships in which `user` is the mentor or the participant.

    Never anyone else's, whatever the role; the participant sees only accepted ones.
    """
    if not user.is_authenticated:
        return Mentorship.objects.none()
    # A proposal is between the coordinators and the mentor until the mentor accepts it.
    seen_by_participant = [MentorshipStatus.ACTIVE, MentorshipStatus.COMPLETED, MentorshipStatus.ENDED_EARLY]
    return Mentorship.objects.filter(
        Q(mentor__user=user) | Q(participant__applicant=user, status__in=seen_by_participant)
    ).select_related("participant__applicant__applicant_profile", "participant__intake", "mentor__user")


def with_meeting_summary(mentorships: QuerySet[Mentorship]) -> QuerySet[Mentorship]:
    """Each mentorship with `last_meeting` (a date or None), `meeting_count` and `open_goal_count`.

    Correlated subqueries, not joins: two joins would multiply each other's rows.
    """
    meetings = Meeting.objects.filter(mentorship=OuterRef("pk")).order_by().values("mentorship")
    open_goals = (
        Goal.objects.filter(mentorship=OuterRef("pk"), done_at__isnull=True).order_by().values("mentorship")
    )
    return mentorships.annotate(
        last_meeting=Subquery(meetings.annotate(value=Max("held_on")).values("value")),
        meeting_count=Coalesce(Subquery(meetings.annotate(value=Count("pk")).values("value")), 0),
        open_goal_count=Coalesce(Subquery(open_goals.annotate(value=Count("pk")).values("value")), 0),
    )


def mentorships_overview() -> QuerySet[Mentorship]:
    """Every mentorship with its people and meeting summary: for the coordinators' page only."""
    return with_meeting_summary(
        Mentorship.objects.select_related("participant__applicant__applicant_profile", "mentor__user")
    )


def mentorships_at_risk(*, now) -> QuerySet[Mentorship]:
    """Active mentorships without a meeting for 30 days (counted from the start when none was
    logged), and proposals unanswered for 7 days or more, with their meeting summary."""
    from mentoring.services.meetings import MEET_WITHIN
    from mentoring.services.mentorships import REMIND_AFTER

    quiet_since = timezone.localdate(now) - MEET_WITHIN
    return mentorships_overview().filter(
        Q(status=MentorshipStatus.ACTIVE, last_meeting__lte=quiet_since)
        | Q(status=MentorshipStatus.ACTIVE, last_meeting__isnull=True, answered_at__lte=now - MEET_WITHIN)
        | Q(status=MentorshipStatus.PROPOSED, proposed_at__lte=now - REMIND_AFTER)
    )


def meetings_visible_to(user, mentorship: Mentorship) -> QuerySet[Meeting]:
    """The meetings of `mentorship`, each with `own_private_notes`: only the notes `user` wrote.

    The private notes of anyone else, the other party's or (for a coordinator) everyone's,
    are never loaded.
    """
    own = PrivateNote.objects.filter(author=user) if user.is_authenticated else PrivateNote.objects.none()
    return (
        Meeting.objects.filter(mentorship=mentorship)
        .select_related("logged_by")
        .prefetch_related(Prefetch("private_notes", queryset=own, to_attr="own_private_notes"))
    )


def goals_of(mentorship: Mentorship) -> QuerySet[Goal]:
    """The goals of `mentorship`: open first, by target date."""
    return Goal.objects.filter(mentorship=mentorship).select_related("created_by")


def next_open_goal(mentorship: Mentorship) -> Goal | None:
    """The open goal with the nearest target date (goals without one last)."""
    return (
        Goal.objects.filter(mentorship=mentorship, done_at__isnull=True)
        .order_by(F("target_date").asc(nulls_last=True), "pk")
        .first()
    )


def last_meeting_of(mentorship: Mentorship):
    """The date of the mentorship's last meeting, or None."""
    return Meeting.objects.filter(mentorship=mentorship).aggregate(last=Max("held_on"))["last"]
