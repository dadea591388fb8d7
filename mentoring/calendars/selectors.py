"""Reads for the calendar feed: a person's feed by its secret, and the rows of their own dates.

Each read takes the person and returns only what is theirs: guidance times they booked or
hold as the counsellor, course occasions they have a place on, and planned meetings of
their own mentorships. One query each, however many dates a person has.
"""

import datetime as dt
import hashlib
import re

from django.db.models import Q, QuerySet

from content.models import TrainingOfferPage
from mentoring.mentorships.workflow import RUNNING
from mentoring.models import (
    CalendarFeed,
    Enrolment,
    EnrolmentStatus,
    GuidanceBooking,
    PlannedMeeting,
    PlannedMeetingStatus,
)

# What `secrets.token_urlsafe(32)` gives: 43 characters of the URL-safe base64 alphabet.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")
# Dates that ended this long ago still show; older ones leave the feed.
RECENT_PAST_DAYS = 60


def feed_token_hash(token: str) -> str:
    """The SHA-256 (hex) a feed's secret is stored as."""
    return hashlib.sha256(token.encode()).hexdigest()


def calendar_feed_of(user) -> CalendarFeed | None:
    if not user.is_authenticated:
        return None
    return CalendarFeed.objects.filter(user=user).first()


def calendar_feed_by_token(token: str) -> CalendarFeed | None:
    """The feed whose address holds `token`, if it is on and its person can still sign in.

    The database is asked for the hash, never for the secret: what a lookup's timing could
    reveal is the start of a hash, which brings no one closer to a secret that matches it.
    """
    if not TOKEN_SHAPE.fullmatch(token):
        return None
    return (
        CalendarFeed.objects.filter(token_hash=feed_token_hash(token), user__is_active=True)
        .select_related("user")
        .first()
    )


def recent_past_start(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=RECENT_PAST_DAYS)


def guidance_bookings_in_calendar_of(user, *, since: dt.datetime) -> QuerySet[GuidanceBooking]:
    """Active bookings of open slots starting from `since` that the person made or holds as counsellor."""
    return (
        GuidanceBooking.objects.filter(Q(person=user) | Q(slot__counsellor=user))
        .filter(cancelled_at__isnull=True, slot__cancelled_at__isnull=True, slot__starts_at__gte=since)
        .select_related("slot__counsellor__applicant_profile", "person__applicant_profile")
        .order_by("slot__starts_at", "pk")
    )


def enrolments_in_calendar_of(user, *, since: dt.date) -> QuerySet[Enrolment]:
    """The person's places (not the waiting list) on occasions whose last day is `since` or later."""
    return (
        Enrolment.objects.filter(person=user, status=EnrolmentStatus.ENROLLED, occasion__ends_on__gte=since)
        .select_related("occasion__page")
        .order_by("occasion__starts_on", "pk")
    )


def offer_titles_in(*, offers, language: str) -> dict:
    """Each offer's title in `language` where it has a live translation (by translation key)."""
    keys = {offer.translation_key for offer in offers}
    if not keys:
        return {}
    return dict(
        TrainingOfferPage.objects.live()
        .filter(translation_key__in=keys, locale__language_code=language)
        .values_list("translation_key", "title")
    )


def planned_meetings_in_calendar_of(user, *, since: dt.datetime) -> QuerySet[PlannedMeeting]:
    """Meetings of the person's own mentorships (as mentor or participant) starting from `since`.

    Cancelled ones are left out. One still `planned` shows only while its mentorship runs:
    an ended mentorship has no next meeting.
    """
    mine = Q(mentorship__mentor__user=user) | Q(mentorship__participant__applicant=user)
    still_on = ~Q(status=PlannedMeetingStatus.PLANNED) | Q(mentorship__status__in=[*RUNNING])
    return (
        PlannedMeeting.objects.filter(mine, still_on, starts_at__gte=since)
        .exclude(status=PlannedMeetingStatus.CANCELLED)
        .select_related(
            "mentorship__mentor__user__applicant_profile",
            "mentorship__participant__applicant__applicant_profile",
        )
        .order_by("starts_at", "pk")
    )
