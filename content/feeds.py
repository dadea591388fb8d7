"""RSS 2.0 and Atom feeds of one news index (one per language)."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_LENGTH = 20


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index_page.title} – VästKraft"

    def _absolute(self, page) -> str:
        # From the request, so the links carry the host and port the reader used, whatever the Site says.
        return self.request.build_absolute_uri(page.get_url(self.request))

    def link(self):
        return self._absolute(self.index_page)

    def description(self):
        return self.index_page.title

    subtitle = description

    def feed_url(self):
        return self.request.build_absolute_uri()

    def items(self):
        from content.models import news_in

        return news_in(index_page=self.index_page)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return self._absolute(item)

    def item_guid(self, item):
        return self._absolute(item)

    def item_pubdate(self, item):
        return timezone.make_aware(dt.datetime.combine(item.date, dt.time(8, 0)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
