"""A person's private calendar subscription: an address with a secret in it, stored only as its hash."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedLanguage(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class CalendarFeed(models.Model):
    """On while the row exists: turning the feed off deletes it, replacing it changes `token_hash`.

    The secret of the address is shown once, when it is made, and kept only as its SHA-256:
    a copy of the database cannot be turned into anyone's calendar address.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token_hash = models.CharField(_("hash of the address's secret"), max_length=64, unique=True)
    language = models.CharField(_("language of the calendar"), max_length=2, choices=FeedLanguage)
    created_at = models.DateTimeField(_("address made"))
    last_fetched_at = models.DateTimeField(_("last read by a calendar program"), null=True, blank=True)
    # What the feed last answered, and since when: its ETag and an honest Last-Modified, which
    # no event's own date could give (a cancelled event leaves the feed without a newer date).
    content_hash = models.CharField(_("hash of the last answer"), max_length=64, blank=True)
    content_changed_at = models.DateTimeField(_("last answer changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(language__in=["sv", "en"]), name="calendarfeed_language_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ({self.language})"
