"""Reads that already filter by what the asking person may see (STYLE.md rule 6)."""

from django.db.models import Avg, Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from content.models import StandardPage
from mentoring.mentorship_workflow import MentorshipStatus
from mentoring.models import (
    ApplicantProfile,
    Application,
    Intake,
    MentorProfile,
    Mentorship,
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
