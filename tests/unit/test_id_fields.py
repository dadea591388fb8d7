import pytest
from django.core.exceptions import ValidationError

from portal.fields import IdChoiceField, IdMultipleChoiceField, id_number
from portal.models import User

BEYOND = "9223372036854775808"  # 2**63: no 64-bit id, and SQLite cannot even bind it


@pytest.mark.django_db
def test_id_choice_field_refuses_an_id_beyond_any_row_as_a_wrong_choice():
    field = IdChoiceField(queryset=User.objects.all())
    with pytest.raises(ValidationError) as refused:
        field.clean(BEYOND)
    assert refused.value.code == "invalid_choice"


@pytest.mark.django_db
def test_id_multiple_choice_field_refuses_an_id_beyond_any_row_as_a_wrong_choice():
    field = IdMultipleChoiceField(queryset=User.objects.all())
    with pytest.raises(ValidationError) as refused:
        field.clean(["1", BEYOND])
    assert refused.value.code == "invalid_pk_value"


@pytest.mark.django_db
def test_id_choice_field_still_finds_a_real_row():
    user = User.objects.create_user(email="alva@example.org", password="x")
    assert IdChoiceField(queryset=User.objects.all()).clean(str(user.pk)) == user


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["₀", "²", "-₅", "1²", "9" * 5000, "-" + "1" * 5000])
def test_id_fields_refuse_digits_that_are_no_number_as_a_wrong_choice(value):
    with pytest.raises(ValidationError) as refused:
        IdChoiceField(queryset=User.objects.all()).clean(value)
    assert refused.value.code == "invalid_choice"
    with pytest.raises(ValidationError) as refused:
        IdMultipleChoiceField(queryset=User.objects.all()).clean([value])
    assert refused.value.code == "invalid_pk_value"


@pytest.mark.django_db
def test_id_choice_field_reads_decimal_digits_of_any_script():
    user = User.objects.create_user(email="alva@example.org", password="x")
    arabic_indic = str(user.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert IdChoiceField(queryset=User.objects.all()).clean(arabic_indic) == user


@pytest.mark.parametrize(
    ("value", "number"),
    [("42", 42), (" -7 ", -7), ("٤٢", 42), ("₀", None), ("4.2", None), ("", None), ("9" * 5000, 2**63)],
)
def test_id_number_reads_what_int_reads_and_never_raises(value, number):
    assert id_number(value) == number
