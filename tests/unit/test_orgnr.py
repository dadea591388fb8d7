import pytest

from mentoring.core.orgnr import luhn_valid, normalise


@pytest.mark.parametrize("value", ["556036-0793", "5560360793", " 556036-0793 ", "202100-5489"])
def test_orgnr_accepts_valid_numbers(value):
    assert normalise(value) == f"{value.strip().replace('-', '')[:6]}-{value.strip().replace('-', '')[6:]}"


@pytest.mark.parametrize("value", ["556036-0794", "55603-60793", "abcdef-ghij", "", "556036-07933"])
def test_orgnr_rejects_wrong_check_digit_or_shape(value):
    assert normalise(value) is None


def test_orgnr_luhn_known_values():
    assert luhn_valid("5560360793")
    assert not luhn_valid("5560360790")
