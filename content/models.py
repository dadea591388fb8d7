"""The programme's public pages: home, programmes, news and standard pages.

Parent/child rules keep the tree the shape the templates expect:

    Root ── HomePage ─┬─ ProgrammeIndexPage ── ProgrammePage
                      ├─ NewsIndexPage ── NewsPage
                      ├─ TrainingIndexPage ── TrainingOfferPage (occasions inline)
                      └─ StandardPage ── StandardPage
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
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
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from content.blocks import BodyBlock, FactBlock

NEWS_PER_PAGE = 10
OFFERS_PER_PAGE = 12


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
    subpage_types = [
        "content.ProgrammeIndexPage",
        "content.NewsIndexPage",
        "content.TrainingIndexPage",
        "content.StandardPage",
    ]
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


# --- Competence development ---------------------------------------------------


class TrainingTopic(models.TextChoices):
    TECHNOLOGY = "technology", _("Technology and production")
    LEADERSHIP = "leadership", _("Leadership and communication")
    BUSINESS = "business", _("Business and economics")
    DIGITAL = "digital", _("Digital tools")
    LANGUAGE = "language", _("Language")


class TrainingLanguage(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")


class TrainingIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.TrainingOfferPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("training index")

    def get_context(self, request, *args, **kwargs):
        from content.forms import TrainingFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = TrainingFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        offers = training_offers_in(
            index_page=self,
            topic=filters.get("topic") or None,
            starts_from=filters.get("starts_from"),
            length_days=filters.get("length_days"),
        )
        paginator = Paginator(offers, OFFERS_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            raise Http404 from None
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            filter_form=form,
            filtered=bool(filters and any(filters.values())),
            page_obj=page_obj,
            offers=page_obj.object_list,
            filter_query=query.urlencode(),
        )
        return context


class TrainingOfferPage(Page):
    summary = models.TextField(_("summary"), max_length=400, help_text=_("Shown in the listing."))
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    topic = models.CharField(_("topic"), max_length=20, choices=TrainingTopic)
    length_days = models.PositiveSmallIntegerField(
        _("length in days"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    audience = models.TextField(_("who it is for"), blank=True)
    language = models.CharField(
        _("language of teaching"), max_length=2, choices=TrainingLanguage, default=TrainingLanguage.SWEDISH
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("topic"), FieldPanel("length_days"), FieldPanel("language"), FieldPanel("audience")],
            heading=_("Facts"),
        ),
        FieldPanel("body"),
        InlinePanel("occasions", heading=_("Occasions"), label=_("Occasion"), min_num=1),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.SearchField("body"),
        index.FilterField("topic"),
        index.FilterField("length_days"),
    ]
    parent_page_types = ["content.TrainingIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("training offer")
        verbose_name_plural = _("training offers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(length_days__gte=1, length_days__lte=10),
                name="training_offer_length_1_to_10_days",
            )
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["occasions"] = list(self.occasions.all())
        context["index_page"] = self.get_parent().specific
        return context


class TrainingOccasion(TranslatableMixin, Orderable):
    """One run of an offer: when, where, and how many places.

    Translatable, so the English page's occasion is the Swedish one's translation
    (same translation key): enrolments and free places belong to the occasion,
    whichever language the page was read in.
    """

    page = ParentalKey(TrainingOfferPage, on_delete=models.CASCADE, related_name="occasions")
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    place = models.CharField(_("place"), max_length=200, blank=True, help_text=_("Address or venue."))
    online = models.BooleanField(_("online"), default=False)
    places = models.PositiveSmallIntegerField(_("places"), validators=[MinValueValidator(1)])

    panels = [
        FieldPanel("starts_on"),
        FieldPanel("ends_on"),
        FieldPanel("place"),
        FieldPanel("online"),
        FieldPanel("places"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("occasion")
        verbose_name_plural = _("occasions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="training_occasion_ends_after_start",
            ),
            models.CheckConstraint(condition=models.Q(places__gte=1), name="training_occasion_has_places"),
        ]

    def __str__(self) -> str:
        return f"{self.page.title}, {self.starts_on:%Y-%m-%d}"

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot be before the first day.")})
        if not self.online and not self.place.strip():
            raise ValidationError({"place": _("Give a place, or tick “online”.")})


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


def training_offers_in(
    *,
    index_page: TrainingIndexPage,
    topic: str | None = None,
    starts_from: datetime.date | None = None,
    length_days: int | None = None,
):
    """Live, public offers under `index_page`, alphabetically, narrowed by the filters given.

    `starts_from` keeps the offers with an occasion starting on or after that day.
    """
    offers = TrainingOfferPage.objects.live().public().child_of(index_page)
    if topic:
        offers = offers.filter(topic=topic)
    if length_days:
        offers = offers.filter(length_days=length_days)
    if starts_from:
        offers = offers.filter(occasions__starts_on__gte=starts_from).distinct()
    return offers.prefetch_related("occasions").order_by("title", "pk")
