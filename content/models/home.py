"""The site's root page: hero, featured programmes, latest news and a call to apply."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from content.models.news import news_latest
from content.models.programme import ProgrammePage


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
