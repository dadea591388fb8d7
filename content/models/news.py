"""News: the index (list by tag, paged, with RSS and Atom feeds), the items, and their reads."""

from typing import TYPE_CHECKING

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from content.blocks import BodyBlock

if TYPE_CHECKING:
    from content.models.home import HomePage

NEWS_PER_PAGE = 10


class NewsIndexPage(RoutablePageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    def news(self):
        return news_in(index_page=self)

    @path("")
    def news_list(self, request):
        items = self.news()
        tag = None
        if slug := request.GET.get("tag"):
            tag = Tag.objects.filter(slug=slug).first()
            if tag is None:
                raise Http404
            items = items.filter(tags=tag)
        paginator = Paginator(items, NEWS_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            raise Http404 from None
        return self.render(
            request,
            context_overrides={
                "page_obj": page_obj,
                "news_items": page_obj.object_list,
                "active_tag": tag,
                "tags": news_tags(index_page=self),
            },
        )

    @path("rss/", name="rss")
    def rss(self, request):
        from content.feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom(self, request):
        from content.feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("content.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class NewsPage(Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("introduction"), max_length=400)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(verbose_name=_("tags"), through=NewsPageTag, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["content.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_index"] = self.get_parent().specific
        context["item_tags"] = list(self.tags.all())
        return context


# --- Selectors ---------------------------------------------------------------


def news_in(*, index_page: NewsIndexPage):
    """Live, public news items under `index_page`, newest first, with what listings show.

    Items behind a view restriction (password, sign-in, groups) are left out: a listing or
    feed would show their title and introduction to anyone.
    """
    return (
        NewsPage.objects.live()
        .public()
        .child_of(index_page)
        .select_related("image")
        .prefetch_related("tags")
        .order_by("-date", "-pk")
    )


def news_latest(*, home: "HomePage", limit: int) -> list[NewsPage]:
    """The `limit` newest live, public news items of the site (and language) `home` is the root of.

    Only items below `home` count, so another site's news, or another language's, never
    shows; items behind a view restriction are left out as in `news_in`.
    """
    return list(
        NewsPage.objects.live()
        .public()
        .descendant_of(home)
        .select_related("image")
        .order_by("-date", "-pk")[:limit]
    )


def news_tags(*, index_page: NewsIndexPage):
    """Tags used by live, public news items under `index_page`, alphabetically."""
    return (
        Tag.objects.filter(
            content_newspagetag_items__content_object__in=NewsPage.objects.live()
            .public()
            .child_of(index_page)
        )
        .distinct()
        .order_by("name")
    )
