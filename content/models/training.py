"""Competence development: the offers' index (filtered, paged), the offers and their occasions."""

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from content.blocks import BodyBlock

OFFERS_PER_PAGE = 12


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
        from content.filters import TrainingOfferFilter

        context = super().get_context(request, *args, **kwargs)
        filters = TrainingOfferFilter(request.GET or None)
        offers = filters.narrow(training_offers_in(index_page=self))
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
            filters=filters,
            filter_form=filters.form,
            filtered=filters.is_filtered(),
            page_obj=page_obj,
            offers=page_obj.object_list,
            filter_query=query.urlencode(),
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # A filter value that is not valid is shown beside its field, and the answer says so.
        response.status_code = response.context_data["filters"].response_status
        return response


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


def training_offers_in(*, index_page: TrainingIndexPage):
    """Live, public offers under `index_page`, alphabetically, with their occasions
    (the course list's filters narrow it: `content.filters.TrainingOfferFilter`)."""
    return (
        TrainingOfferPage.objects.live()
        .public()
        .child_of(index_page)
        .prefetch_related("occasions")
        .order_by("title", "pk")
    )
