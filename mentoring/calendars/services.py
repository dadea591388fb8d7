"""The calendar feed: turning it on, replacing its address, turning it off, and noting each reading.

Every service is keyword-only, takes `now`, locks the person's row so that two clicks do
one thing, and raises CalendarFeedError when a rule says no. The address's secret leaves
a service once, as its return value, and is stored only as its hash.
"""

import datetime as dt
import logging
import secrets

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from mentoring.calendars.selectors import feed_token_hash
from mentoring.core.errors import PortalError
from mentoring.models import CalendarFeed, FeedLanguage
from portal.models import User

logger = logging.getLogger(__name__)

TOKEN_BYTES = 32
# A reading is noted at most this often: a calendar program polling every few minutes
# should not write a row each time.
FETCH_NOTED_EVERY = dt.timedelta(hours=1)


class CalendarFeedError(PortalError):
    """A rule about the calendar feed said no."""


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, feed_token_hash(token)


def _check_language(language: str) -> None:
    if language not in FeedLanguage.values:
        raise CalendarFeedError(_("Choose Swedish or English."), field="language")


@transaction.atomic
def calendar_feed_turn_on(*, user: User, language: str, now: dt.datetime) -> tuple[CalendarFeed, str]:
    """Give `user` a feed; returns it and the secret of its address, which is not kept anywhere.

    Raises CalendarFeedError for a language the feed is not written in, or when the feed is on already.
    """
    _check_language(language)
    User.objects.select_for_update().get(pk=user.pk)
    if CalendarFeed.objects.filter(user=user).exists():
        raise CalendarFeedError(
            _("Your calendar address is already on. Replace it if you need to see an address again.")
        )
    token, token_hash = _new_token()
    feed = CalendarFeed.objects.create(user=user, token_hash=token_hash, language=language, created_at=now)
    logger.info("calendar feed %s turned on by %s", feed.pk, user.pk)
    return feed, token


@transaction.atomic
def calendar_feed_replace(*, user: User, language: str, now: dt.datetime) -> tuple[CalendarFeed, str]:
    """Give `user`'s feed a new address at once (the old one answers 404); returns it and the new secret.

    Raises CalendarFeedError for a language the feed is not written in, or when the feed is off.
    """
    _check_language(language)
    User.objects.select_for_update().get(pk=user.pk)
    feed = CalendarFeed.objects.filter(user=user).first()
    if feed is None:
        raise CalendarFeedError(_("Your calendar address is off. Turn it on to get an address."))
    token, feed.token_hash = _new_token()
    feed.language = language
    feed.created_at = now
    feed.last_fetched_at = feed.content_changed_at = None
    feed.content_hash = ""
    feed.save()
    logger.info("calendar feed %s replaced by %s", feed.pk, user.pk)
    return feed, token


@transaction.atomic
def calendar_feed_turn_off(*, user: User, now: dt.datetime) -> bool:
    """Delete `user`'s feed, so its address answers 404; False when it was off already."""
    User.objects.select_for_update().get(pk=user.pk)
    deleted, _kinds = CalendarFeed.objects.filter(user=user).delete()
    if deleted:
        logger.info("calendar feed of %s turned off at %s", user.pk, now.isoformat())
    return bool(deleted)


def calendar_feed_read(*, feed: CalendarFeed, content_hash: str, now: dt.datetime) -> dt.datetime:
    """Note that `feed` was read and answered `content_hash`; returns since when that answer stands.

    The answer's date moves only when what it says changes, so it serves as an honest
    Last-Modified. Conditional updates, without a lock: of two readings at once, either
    one's note is right. At most one write per reading, none for most.
    """
    fields: dict = {}
    if feed.content_hash != content_hash or feed.content_changed_at is None:
        changed_at = now
        if feed.content_changed_at is not None:
            # Last-Modified counts whole seconds: a change within the second of the previous
            # answer must still read as newer, or If-Modified-Since would hide it.
            changed_at = max(now, feed.content_changed_at + dt.timedelta(seconds=1))
        fields |= {"content_hash": content_hash, "content_changed_at": changed_at}
    if feed.last_fetched_at is None or now - feed.last_fetched_at >= FETCH_NOTED_EVERY:
        fields["last_fetched_at"] = now
    if fields:
        # Only the row still holding this secret: a replacement meanwhile must not get the old answer's date.
        CalendarFeed.objects.filter(pk=feed.pk, token_hash=feed.token_hash).update(**fields)
        for name, value in fields.items():
            setattr(feed, name, value)
    return feed.content_changed_at
