"""The programme's public pages: home, programmes, news and standard pages.

Parent/child rules keep the tree the shape the templates expect:

    Root ── HomePage ─┬─ ProgrammeIndexPage ── ProgrammePage
                      ├─ NewsIndexPage ── NewsPage
                      └─ StandardPage ── StandardPage
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from content.blocks import BodyBlock, FactBlock

NEWS_PER_PAGE = 10


class HomePage(Page):
    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button leads to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_text = models.CharField(_("hero button text"), max_length=40, blank=True)
    apply_title = models.CharField(_("call to apply: title"), max_length=120, blank=True)
    apply_text = models.TextField(_("call to apply: text"), blank=True)
    apply_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("call to apply leads to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_link"),
                FieldPanel("hero_link_text"),
            ],
            heading=_("Hero"),
        ),
        InlinePanel("featured_programmes", heading=_("Featured programmes"), max_num=6),
        MultiFieldPanel(
            [FieldPanel("apply_title"), FieldPanel("apply_text"), FieldPanel("apply_link")],
            heading=_("Call to apply"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_text")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content.ProgrammeIndexPage", "content.NewsIndexPage", "content.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured"] = [
            f.programme
            for f in self.featured_programmes.filter(
                programme__in=ProgrammePage.objects.live().public()
            ).select_related("programme")
        ]
        context["latest_news"] = news_latest(home=self, limit=3)
        return context


class HomePageFeaturedProgramme(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_programmes")
    programme = models.ForeignKey(
        "content.ProgrammePage", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("programme")]


class ProgrammeIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.ProgrammePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("programme index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = (
            ProgrammePage.objects.child_of(self).live().public().specific().select_related("image")
        )
        return context


class ProgrammePage(Page):
    intro = models.TextField(_("introduction"), help_text=_("One or two sentences shown in listings."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audience = RichTextField(
        _("who it is for"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
    )
    facts = StreamField([("fact", FactBlock())], verbose_name=_("facts"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("audience"),
        FieldPanel("facts"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("audience"),
        index.SearchField("body"),
    ]
    parent_page_types = ["content.ProgrammeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("programme")


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


class StandardPage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["content.HomePage", "content.StandardPage"]
    subpage_types = ["content.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


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


def news_latest(*, home: HomePage, limit: int) -> list[NewsPage]:
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
