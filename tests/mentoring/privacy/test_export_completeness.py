"""Every field of every model is either in the personal data export or left out with a reason.

A new model, or a new field on a model, fails here until someone decides where it goes:
exported (EXPORTED), deliberately left out (LEFT_OUT), personal but not covered yet
(NOT_EXPORTED_YET), or not personal (NOT_PERSONAL, only for a model that refers to nobody).
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from mentoring.models import ApplicantProfile, Application, MentorProfile, Mentorship
from mentoring.privacy.services import export

MODELS = {model.__name__: model for model in apps.get_app_config("mentoring").get_models()}
MODELS["User"] = apps.get_model("portal", "User")

# A reference to one of these is a reference to a person.
PERSON_MODELS = {get_user_model(), ApplicantProfile, Application, MentorProfile, Mentorship}


def field_names(model) -> set[str]:
    return {field.name for field in [*model._meta.concrete_fields, *model._meta.many_to_many]}


def refers_to_person(model) -> bool:
    return any(
        field.related_model in PERSON_MODELS
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
    )


def undeclared_models(names) -> set[str]:
    return set(names) - {*export.EXPORTED, *export.NOT_EXPORTED_YET, *export.NOT_PERSONAL}


def unaccounted_fields(name: str, fields) -> set[str]:
    return set(fields) - set(export.EXPORTED[name]) - set(export.LEFT_OUT.get(name, {}))


def personal_models_declared_not_personal(models) -> set[str]:
    return {name for name, model in models.items() if name in export.NOT_PERSONAL and refers_to_person(model)}


# --- The declarations hold for the models as they are --------------------------------------------


def test_every_model_is_exported_or_declared_outside_the_export():
    declared = [*export.EXPORTED, *export.NOT_EXPORTED_YET, *export.NOT_PERSONAL]

    assert undeclared_models(MODELS) == set()
    assert len(declared) == len(set(declared)), "a model is declared in two places"


def test_declarations_name_only_models_that_exist():
    declared = {*export.EXPORTED, *export.LEFT_OUT, *export.NOT_EXPORTED_YET, *export.NOT_PERSONAL}

    assert declared - set(MODELS) == set()
    assert set(export.LEFT_OUT) <= set(export.EXPORTED)


def test_a_model_that_refers_to_a_person_is_never_declared_not_personal():
    assert personal_models_declared_not_personal(MODELS) == set()


def test_every_model_left_outside_the_export_says_why():
    reasons = {**export.NOT_EXPORTED_YET, **export.NOT_PERSONAL}

    assert [name for name, reason in reasons.items() if not reason.strip()] == []


@pytest.mark.parametrize("name", sorted(export.EXPORTED))
def test_every_field_of_an_exported_model_is_exported_or_left_out_with_a_reason(name):
    left_out = export.LEFT_OUT.get(name, {})

    assert unaccounted_fields(name, field_names(MODELS[name])) == set()
    assert all(reason.strip() for reason in left_out.values())


@pytest.mark.parametrize("name", sorted(export.EXPORTED))
def test_exported_and_left_out_fields_exist_and_do_not_overlap(name):
    exported, left_out = set(export.EXPORTED[name]), set(export.LEFT_OUT.get(name, {}))

    assert exported | left_out <= field_names(MODELS[name])
    assert exported & left_out == set()


# --- The checks fail when someone forgets --------------------------------------------------------


@pytest.mark.parametrize("name", sorted(export.EXPORTED))
def test_a_new_undeclared_field_on_an_exported_model_fails_the_check(name):
    fields = [*field_names(MODELS[name]), "shoe_size"]

    assert unaccounted_fields(name, fields) == {"shoe_size"}


def test_a_new_undeclared_model_fails_the_check():
    assert undeclared_models([*MODELS, "ShoeSize"]) == {"ShoeSize"}


def test_a_personal_model_dropped_from_the_declarations_fails_the_check(monkeypatch):
    monkeypatch.delitem(export.EXPORTED, "GuidanceBooking")

    assert undeclared_models(MODELS) == {"GuidanceBooking"}


def test_a_model_that_refers_to_a_person_declared_not_personal_fails_the_check(monkeypatch):
    monkeypatch.delitem(export.NOT_EXPORTED_YET, "MatchingChoice")
    monkeypatch.setitem(export.NOT_PERSONAL, "MatchingChoice", "only a lock or an exclusion")

    assert undeclared_models(MODELS) == set()
    assert personal_models_declared_not_personal(MODELS) == {"MatchingChoice"}


@pytest.mark.parametrize(
    "name",
    [
        "GuidanceBooking",
        "Enrolment",
        "Attendance",
        "EnrolmentChange",
        "CompanyRequest",
        "CompanyRequestChange",
    ],
)
def test_guidance_bookings_courses_and_company_requests_are_in_the_export(name):
    assert name in export.EXPORTED and name not in export.NOT_EXPORTED_YET


# --- The profiles' personal fields are written once ----------------------------------------------


def test_profile_fields_are_declared_once_for_form_service_and_export():
    from mentoring.mentors.forms import MentorProfileForm
    from mentoring.people.forms import ProfileForm

    assert list(ProfileForm._meta.fields) == list(ApplicantProfile.PERSONAL_FIELDS)
    assert list(MentorProfileForm._meta.fields) == list(MentorProfile.PERSONAL_FIELDS)
    assert set(ApplicantProfile.PERSONAL_FIELDS) <= set(export.EXPORTED["ApplicantProfile"])
    assert set(MentorProfile.PERSONAL_FIELDS) <= set(export.EXPORTED["MentorProfile"])
