"""The calendar feed: its page under "My account" (turn on, replace, turn off) and the feed itself.

The page is for whoever is signed in, about themselves only: there is no id in the
address to guess. The new address is shown once, in the answer to the request that made
it, and never again: only its hash is kept.

The feed answers calendar programs, which sign in to nothing: the secret in its address
is the key. An unknown, replaced or turned-off address is the same 404, so nobody can
tell one from another. Its answers may be kept by the client for CACHE_SECONDS and
carry an ETag and a Last-Modified, so a program that asks again gets a bodiless 304
while nothing changed.
"""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from mentoring.calendars import selectors, services
from mentoring.calendars.feed import calendar_feed_text
from mentoring.calendars.forms import CalendarFeedForm
from mentoring.core.forms import add_error
from mentoring.core.ratelimit import counted_over

CACHE_SECONDS = 15 * 60


def _language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE)[:2]


def _addresses(request, token: str) -> dict:
    """The feed's https address, and the same as webcal:// (which calendar programs open directly)."""
    https = request.build_absolute_uri(reverse("calendar_feed", args=[token]))
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


def _settings_page(request, *, form, feed, token: str = ""):
    return render(
        request,
        "mentoring/calendar/settings.html",
        {"feed": feed, "form": form, "addresses": _addresses(request, token) if token else None},
    )


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def calendar_feed_settings(request):
    """The calendar's section of "My account"; a POST turns the feed on.

    The new address is shown in the answer to that POST, and nowhere else: it is kept
    neither in the database nor in the session. Sent again (a reload), the POST is
    refused as the feed is on already, and the page says to replace it.
    """
    form = CalendarFeedForm(request.POST or None, initial={"language": _language()})
    if request.method == "POST" and form.is_valid():
        try:
            feed, token = services.calendar_feed_turn_on(
                user=request.user, language=form.cleaned_data["language"], now=timezone.now()
            )
        except services.CalendarFeedError as error:
            add_error(form, error)
        else:
            return _settings_page(request, form=form, feed=feed, token=token)
    return _settings_page(request, form=form, feed=selectors.calendar_feed_of(request.user))


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def calendar_feed_replace(request):
    """The confirmation, and the new address when it is sent (shown as on turning the feed on);
    the old address stops working at once."""
    feed = selectors.calendar_feed_of(request.user)
    if feed is None:
        return redirect("mentoring:calendar_feed_settings")
    form = CalendarFeedForm(request.POST or None, initial={"language": feed.language})
    if request.method == "POST" and form.is_valid():
        try:
            feed, token = services.calendar_feed_replace(
                user=request.user, language=form.cleaned_data["language"], now=timezone.now()
            )
        except services.CalendarFeedError as error:
            add_error(form, error)
        else:
            return _settings_page(request, form=form, feed=feed, token=token)
    return render(request, "mentoring/calendar/replace.html", {"feed": feed, "form": form})


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def calendar_feed_off(request):
    """The confirmation, and turning the feed off when it is sent."""
    feed = selectors.calendar_feed_of(request.user)
    if request.method == "POST":
        if services.calendar_feed_turn_off(user=request.user, now=timezone.now()):
            messages.success(
                request,
                _("Your calendar address is turned off. Calendars subscribed to it get nothing more."),
            )
        return redirect("mentoring:calendar_feed_settings")
    if feed is None:
        return redirect("mentoring:calendar_feed_settings")
    return render(request, "mentoring/calendar/off.html", {"feed": feed})


# --- The feed ---------------------------------------------------------------------------------------


def _plain(text: str, *, status: int) -> HttpResponse:
    response = HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    return response


@require_safe
def calendar_feed(request, token: str):
    """The person's dates as an .ics file; 404 for any address that is not a feed that is on.

    Never reads the session or the signed-in user: the answer depends on the address alone.
    The limit counts readings per feed, not per client: the large calendar services read
    every subscriber's feed from a few shared addresses. Misses are not limited: a 256-bit
    secret cannot be guessed, and a miss costs one indexed query and a few bytes.
    """
    feed = selectors.calendar_feed_by_token(token)
    if feed is None:
        # Programs go on asking at an address long after it is turned off: let them keep the answer.
        response = _plain(_("There is no calendar at this address."), status=404)
        response["Cache-Control"] = "private, max-age=86400"
        return response
    if counted_over(request, group="calendar-feed", key=str(feed.pk), rate=settings.CALENDAR_FEED_RATE):
        response = _plain(_("This calendar has been read very often. Try again in an hour."), status=429)
        response["Retry-After"] = "3600"
        return response
    now = timezone.now()
    body = calendar_feed_text(feed.user, language=feed.language, now=now).encode()
    digest = hashlib.sha256(body).hexdigest()
    changed_at = services.calendar_feed_read(feed=feed, content_hash=digest, now=now)
    etag = quote_etag(digest)
    last_modified = int(changed_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = f"private, max-age={CACHE_SECONDS}"
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    # The address is the key: a link followed from an entry must not pass it on.
    response["Referrer-Policy"] = "no-referrer"
    return response


urlpatterns = [
    path("account/calendar/", calendar_feed_settings, name="calendar_feed_settings"),
    path("account/calendar/replace/", calendar_feed_replace, name="calendar_feed_replace"),
    path("account/calendar/off/", calendar_feed_off, name="calendar_feed_off"),
]
