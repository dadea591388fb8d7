"""StreamField blocks shared by the programme, news and standard pages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "components/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "components/blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an address"), required=False)
    button = blocks.CharBlock(label=_("Button text"), max_length=40)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "components/blocks/call_to_action.html"


class FactBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=60)
    value = blocks.CharBlock(label=_("Value"), max_length=120)

    class Meta:
        icon = "list-ul"
        label = _("Fact")


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/blocks/figure.html"


SKIPPED_LEVEL = _(
    "A level 3 heading needs a level 2 heading above it: the page title is level 1, so the "
    "first heading of the text is level 2."
)


def skipped_heading_levels(stream) -> list[int]:
    """The indexes of the headings in `stream` that skip a level (an h3 with no h2 before it)."""
    seen_level_2 = False
    skipped = []
    for index, child in enumerate(stream):
        if child.block_type != "heading":
            continue
        if child.value["level"] == "h2":
            seen_level_2 = True
        elif not seen_level_2:
            skipped.append(index)
    return skipped


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        template="components/blocks/paragraph.html",
    )
    image = FigureBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()

    def clean(self, value):
        cleaned = super().clean(value)
        # The outline must never skip a level (WCAG 1.3.1): screen-reader users move by headings.
        if skipped := skipped_heading_levels(cleaned):
            raise StreamBlockValidationError(
                block_errors={
                    index: StructBlockValidationError(block_errors={"level": ValidationError(SKIPPED_LEVEL)})
                    for index in skipped
                }
            )
        return cleaned
