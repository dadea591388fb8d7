import pytest
from django.core.exceptions import ValidationError

from portal.fields import IdChoiceField, IdMultipleChoiceField
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
