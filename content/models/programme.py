"""The programmes: their index and one page per programme (which mentoring's intakes point at)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from content.blocks import BodyBlock, FactBlock


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
