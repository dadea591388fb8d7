"""A person's calendar feed: their own planned mentor meetings, guidance times and course days.

What goes in, and why:
- Planned mentor meetings of the person's own mentorships, as mentor or participant, that
  are not cancelled: time, place or link, and the other party's name. The agenda stays in
  the portal: a feed is often shared further (a work calendar colleagues can read).
- Guidance conversations the person booked, and, for a counsellor, the times booked with
  them, named by the booker (counsellors see the booker's name on their own page). Never
  the topic: people book to talk about health or debt.
- Course days of occasions the person has a place on (not the waiting list), one whole-day
  entry per course day, as attendance counts them. Course leaders are not assigned to
  occasions in the portal, so they have no course days of their own to show.
- Nobody's e-mail address: no ORGANIZER or ATTENDEE, and a person who gave no name is not named.

Cancelled meetings, bookings and places leave the feed rather than staying with
STATUS:CANCELLED: a subscribed calendar mirrors the feed, so an entry that is gone is
removed at the next reading, while Google Calendar shows a subscribed entry marked
cancelled as if it were on. The e-mailed invitations carry the cancellation themselves.

Each entry has the UID and SEQUENCE of the invitation e-mailed for the same event (guidance
bookings, planned meetings), so a calendar that holds both does not show it twice, and
times are in UTC. Past entries stay for RECENT_PAST_DAYS.
"""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mentoring.calendars import selectors
from mentoring.core.calendar import FeedEvent, subscription
from mentoring.core.choices import MeetingFormat
from mentoring.core.display import label_of, name_without_address
from mentoring.core.mail import absolute_url
from mentoring.guidance.notifications import calendar_uid as guidance_calendar_uid
from mentoring.mentorships.invitations import calendar_uid as planned_meeting_calendar_uid
from mentoring.models import Enrolment, GuidanceBooking, GuidanceMode, PlannedMeeting
from mentoring.training.selectors import course_days

# How often calendar programs are asked to read the feed again (they may choose to read less often).
REFRESH = dt.timedelta(hours=1)


def _host() -> str:
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


def course_day_calendar_uid(*, occasion_id: int, day: dt.date) -> str:
    return f"course-day-{occasion_id}-{day:%Y%m%d}@{_host()}"


def _with(summary: str, name: str, *, alone: str) -> str:
    return summary % {"name": name} if name else alone


def _booking_entry(booking: GuidanceBooking, *, user) -> FeedEvent:
    slot = booking.slot
    is_counsellor = slot.counsellor_id == user.pk
    other = booking.person if is_counsellor else slot.counsellor
    if slot.mode == GuidanceMode.ONLINE:
        location = _("Online") + (f": {slot.place}" if slot.place else "")
        note = _("An online conversation: the counsellor sends you the link before it starts.")
        if is_counsellor:
            note = ""
    else:
        location, note = slot.place, ""
    return FeedEvent(
        uid=guidance_calendar_uid(booking),
        summary=_with(
            _("Study guidance with %(name)s"),
            name_without_address(other),
            alone=_("Study guidance conversation"),
        ),
        stamp=booking.booked_at,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        location=location,
        description=note,
        url=absolute_url("mentoring:counsellor_home" if is_counsellor else "mentoring:guidance"),
        # As the booking's invitation: 0 while it stands (a cancellation leaves the feed).
        sequence=0,
    )


def _course_entries(enrolment: Enrolment, *, titles: dict, since: dt.date, url: str) -> list[FeedEvent]:
    occasion = enrolment.occasion
    offer = occasion.page
    title = titles.get(offer.translation_key, offer.title)
    days = course_days(occasion.starts_on, occasion.ends_on)
    location = occasion.place or _("Online")
    if occasion.online and occasion.place:
        location = f"{_('Online')}: {occasion.place}"
    changed = max(
        moment
        for moment in (enrolment.created_at, enrolment.promoted_at, offer.last_published_at)
        if moment is not None
    )
    return [
        FeedEvent(
            uid=course_day_calendar_uid(occasion_id=occasion.pk, day=day),
            summary=title,
            stamp=changed,
            day=day,
            location=location,
            description=_("Course day %(number)s of %(count)s.") % {"number": number, "count": len(days)},
            url=url,
        )
        for number, day in enumerate(days, start=1)
        if day >= since
    ]


def _meeting_entry(meeting: PlannedMeeting, *, user) -> FeedEvent:
    mentorship = meeting.mentorship
    is_mentor = mentorship.mentor.user_id == user.pk
    other = mentorship.participant.applicant if is_mentor else mentorship.mentor.user
    # Where, as the invitation says it: the place, the link to the online meeting, or "Phone".
    if meeting.format == MeetingFormat.ONLINE:
        location = meeting.link
    elif meeting.format == MeetingFormat.IN_PERSON:
        location = meeting.place
    else:
        location = label_of(MeetingFormat, meeting.format)
    return FeedEvent(
        uid=planned_meeting_calendar_uid(meeting),
        summary=_with(
            _("Mentor meeting with %(name)s"), name_without_address(other), alone=_("Mentor meeting")
        ),
        stamp=meeting.updated_at,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=location,
        url=absolute_url("mentoring:mentorship_detail", pk=mentorship.pk),
        sequence=meeting.sequence,
    )


def calendar_entries_of(user, *, now: dt.datetime) -> list[FeedEvent]:
    """The person's own dates as feed entries, in the active language, soonest first.

    Four queries however many dates (meetings, bookings, places, the courses' titles).
    """
    since = selectors.recent_past_start(now)
    entries = [
        _meeting_entry(meeting, user=user)
        for meeting in selectors.planned_meetings_in_calendar_of(user, since=since)
    ]
    entries += [
        _booking_entry(booking, user=user)
        for booking in selectors.guidance_bookings_in_calendar_of(user, since=since)
    ]
    since_day = timezone.localdate(since)
    enrolments = list(selectors.enrolments_in_calendar_of(user, since=since_day))
    titles = selectors.offer_titles_in(
        offers=[e.occasion.page for e in enrolments], language=translation.get_language()
    )
    courses_url = absolute_url("mentoring:dashboard")
    for enrolment in enrolments:
        entries += _course_entries(enrolment, titles=titles, since=since_day, url=courses_url)
    return sorted(entries, key=_when)


def _when(entry: FeedEvent) -> tuple:
    if entry.day is not None:
        return (timezone.make_aware(dt.datetime.combine(entry.day, dt.time.min)), entry.uid)
    return (entry.starts_at, entry.uid)


def calendar_feed_text(user, *, language: str, now: dt.datetime) -> str:
    """The person's whole feed (.ics text) in `language`."""
    with translation.override(language):
        return subscription(
            name=_("%(site)s: my dates") % {"site": settings.WAGTAIL_SITE_NAME},
            events=calendar_entries_of(user, now=now),
            refresh=REFRESH,
        )
