"""The board's translatable texts of the engine's reasons: one for every code, with the same parameters."""

import pytest
from django.utils import translation

from mentoring.matching import texts as matching_texts
from mentoring.matching.engine import results


def test_matching_texts_cover_every_reason_code_of_the_engine():
    assert set(matching_texts.TEXTS) == set(results.TEXTS)


@pytest.mark.parametrize("code", sorted(results.TEXTS))
def test_matching_texts_take_the_same_params_as_the_engine(code):
    assert matching_texts.placeholders(str(matching_texts.TEXTS[code])) == matching_texts.placeholders(
        results.TEXTS[code]
    )


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_matching_texts_show_vocabulary_codes_by_their_label():
    assert matching_texts.reasons_text(
        [["same_sector", {"sector": "C"}], ["shared_language", {"language": "ar"}], ["both_online", {}]]
    ) == ["same sector: Manufacturing", "both speak Arabic", "both willing to meet online"]
    assert matching_texts.reason_text(["same_municipality", {"municipality": "molndal"}]) == (
        "same municipality: Mölndal"
    )


def test_matching_texts_keep_numbers_and_companies_as_given():
    assert matching_texts.reason_text(["covers_needs", {"covered": 2, "of": 3}]) == "covers 2 of 3 needs"
    assert matching_texts.reason_text(["conflict_of_interest", {"company": "Volvo Cars"}]) == (
        "conflict of interest: the mentor has ties to Volvo Cars"
    )


def test_matching_texts_show_an_unknown_code_or_value_rather_than_fail():
    assert matching_texts.reason_text(["from_a_newer_engine", {}]) == "from_a_newer_engine"
    assert matching_texts.reason_text(["same_sector", {"sector": "ZZ"}]) == "same sector: ZZ"
    assert matching_texts.reason_text(["same_sector", {}]) == "same_sector"
    assert matching_texts.reason_text({"code": "same_sector", "sector": "S"}) == "same sector: Other services"


def test_matching_texts_translate_vocabulary_labels_into_the_active_language():
    with translation.override("sv"):
        assert matching_texts.reason_text(["same_sector", {"sector": "C"}]).endswith(": Tillverkning")
