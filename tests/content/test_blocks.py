"""The page body's outline never skips a heading level."""

import pytest
from wagtail.blocks.stream_block import StreamBlockValidationError

from content.blocks import BodyBlock
from portal.demo import texts


def heading(level):
    return {"type": "heading", "value": {"text": f"Rubrik {level}", "level": level}}


PARAGRAPH = {"type": "paragraph", "value": "<p>Text.</p>"}


def clean(*items):
    block = BodyBlock()
    return block.clean(block.to_python(list(items)))


def test_body_refuses_a_level_3_heading_straight_under_the_title():
    with pytest.raises(StreamBlockValidationError) as refused:
        clean(PARAGRAPH, heading("h3"), heading("h2"), heading("h3"))

    assert list(refused.value.block_errors) == [1]
    assert "level" in refused.value.block_errors[1].block_errors


def test_body_takes_level_3_headings_under_a_level_2():
    assert len(clean(heading("h2"), PARAGRAPH, heading("h3"), heading("h3"))) == 4


def _demo_bodies(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "body" and isinstance(item, list):
                yield item
            else:
                yield from _demo_bodies(item)
    elif isinstance(value, list):
        for item in value:
            yield from _demo_bodies(item)


@pytest.mark.parametrize("pages", ["PROGRAMMES", "STANDARD_PAGES", "NEWS"])
def test_demo_page_outlines_skip_no_level(pages):
    from content.blocks import skipped_heading_levels

    # The headings alone: the other blocks name pages that exist only once the demo is loaded.
    outlines = [
        [item for item in body if item["type"] == "heading"] for body in _demo_bodies(getattr(texts, pages))
    ]
    block = BodyBlock()

    assert outlines
    assert [skipped_heading_levels(block.to_python(outline)) for outline in outlines] == [[]] * len(outlines)
