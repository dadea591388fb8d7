"""Every field of every model is either in the personal data export or left out with a reason.

A new model, or a new field on a model, fails here until someone decides where it goes:
exported (EXPORTED), deliberately left out (LEFT_OUT), not personal (NOT_PERSONAL), or
personal but not covered yet (NOT_EXPORTED_YET).
"""

import pytest
from django.apps import apps

from mentoring.privacy.services import export

MODELS = {model.__name__: model for model in apps.get_app_config("mentoring").get_models()}
MODELS["User"] = apps.get_model("portal", "User")


def unaccounted(*, model, exported, left_out) -> set[str]:
    return {field.name for field in model._meta.concrete_fields} - set(exported) - set(left_out)


def test_every_model_is_exported_or_declared_outside_the_export():
    declared = [*export.EXPORTED, *export.NOT_EXPORTED_YET, *export.NOT_PERSONAL]

    assert sorted(set(MODELS) - set(declared)) == []
    assert len(declared) == len(set(declared)), "a model is declared in two places"


def test_declarations_name_only_models_that_exist():
    declared = {*export.EXPORTED, *export.LEFT_OUT, *export.NOT_EXPORTED_YET, *export.NOT_PERSONAL}

    assert declared - set(MODELS) == set()


@pytest.mark.parametrize("name", sorted(export.EXPORTED))
def test_every_field_of_an_exported_model_is_exported_or_left_out_with_a_reason(name):
    model = MODELS[name]
    left_out = export.LEFT_OUT.get(name, {})

    assert unaccounted(model=model, exported=export.EXPORTED[name], left_out=left_out) == set()
    assert all(reason.strip() for reason in left_out.values())


@pytest.mark.parametrize("name", sorted(export.EXPORTED))
def test_exported_and_left_out_fields_exist_and_do_not_overlap(name):
    fields = {field.name for field in MODELS[name]._meta.concrete_fields}
    exported, left_out = set(export.EXPORTED[name]), set(export.LEFT_OUT.get(name, {}))

    assert exported | left_out <= fields
    assert exported & left_out == set()


def test_a_new_personal_field_would_fail_the_check():
    # As if ApplicantProfile gained a field and nobody declared it.
    model = MODELS["ApplicantProfile"]
    exported = [name for name in export.EXPORTED["ApplicantProfile"] if name != "phone"]

    assert unaccounted(model=model, exported=exported, left_out=export.LEFT_OUT["ApplicantProfile"]) == {
        "phone"
    }


def test_profile_fields_are_declared_once_for_form_service_and_export():
    from mentoring.mentors.forms import MentorProfileForm
    from mentoring.models import ApplicantProfile, MentorProfile
    from mentoring.people.forms import ProfileForm

    assert list(ProfileForm._meta.fields) == list(ApplicantProfile.PERSONAL_FIELDS)
    assert list(MentorProfileForm._meta.fields) == list(MentorProfile.PERSONAL_FIELDS)
    assert set(ApplicantProfile.PERSONAL_FIELDS) <= set(export.EXPORTED["ApplicantProfile"])
    assert set(MentorProfile.PERSONAL_FIELDS) <= set(export.EXPORTED["MentorProfile"])
