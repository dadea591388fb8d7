"""Who may apply: one rule for the check, the programme page and the review queue."""

import datetime as dt

import pytest
from django.utils import translation

from mentoring.applications.eligibility import (
    EligibilityAnswers,
    application_outside_target_groups,
    eligibility_reasons,
    months_after,
    profile_eligibility_reasons,
    who_may_apply,
)
from mentoring.core.choices import EmploymentStatus, IneligibilityReason, Municipality
from mentoring.models import ApplicantProfile, Intake
from tests import factories

TODAY = dt.date(2026, 3, 2)


def women_founders(**fields) -> Intake:
    """The women's programme as its page describes it: employed, under notice, unemployed, or a
    business younger than two years."""
    return Intake(
        **{
            "municipalities": [Municipality.MOLNDAL, Municipality.GOTEBORG],
            "target_groups": ["employed", "under_notice", "unemployed", "self_employed"],
            "business_max_age_months": 24,
            "for_women": True,
            **fields,
        }
    )


def answers(**fields) -> EligibilityAnswers:
    return EligibilityAnswers(
        **{
            "municipality": Municipality.MOLNDAL,
            "employment_status": "under_notice",
            "birth_year": 1985,
            **fields,
        }
    )


def test_eligibility_reasons_none_for_an_eligible_person():
    assert eligibility_reasons(intake=women_founders(), answers=answers(), today=TODAY) == []


def test_eligibility_reasons_municipality_outside_the_intakes_list():
    found = eligibility_reasons(
        intake=women_founders(), answers=answers(municipality=Municipality.ALE), today=TODAY
    )
    assert found == [IneligibilityReason.MUNICIPALITY]


def test_eligibility_reasons_situation_not_among_the_target_groups():
    found = eligibility_reasons(
        intake=women_founders(), answers=answers(employment_status="in_education"), today=TODAY
    )
    assert found == [IneligibilityReason.TARGET_GROUP]


@pytest.mark.parametrize(
    ("registered_on", "expected"),
    [
        (dt.date(2024, 3, 3), []),
        (dt.date(2024, 3, 2), [IneligibilityReason.BUSINESS_AGE]),
        (dt.date(2019, 5, 1), [IneligibilityReason.BUSINESS_AGE]),
        (None, [IneligibilityReason.BUSINESS_AGE]),
    ],
    ids=["one-day-short-of-two-years", "two-years-today", "seven-years", "no-date"],
)
def test_eligibility_reasons_lets_in_a_business_younger_than_the_intakes_limit(registered_on, expected):
    found = eligibility_reasons(
        intake=women_founders(),
        answers=answers(employment_status="self_employed", business_registered_on=registered_on),
        today=TODAY,
    )
    assert found == expected


def test_eligibility_reasons_self_employed_without_an_age_limit_may_apply_with_any_business():
    found = eligibility_reasons(
        intake=women_founders(business_max_age_months=None),
        answers=answers(employment_status="self_employed", business_registered_on=dt.date(2001, 1, 1)),
        today=TODAY,
    )
    assert found == []


def test_eligibility_reasons_self_employed_not_in_the_target_groups():
    found = eligibility_reasons(
        intake=women_founders(target_groups=["employed"], business_max_age_months=None),
        answers=answers(employment_status="self_employed", business_registered_on=dt.date(2026, 1, 1)),
        today=TODAY,
    )
    assert found == [IneligibilityReason.TARGET_GROUP]


@pytest.mark.parametrize(
    ("birth_year", "expected"),
    [(2008, []), (2009, [IneligibilityReason.AGE]), (1950, [])],
    ids=["turns-18-this-year", "turns-17-this-year", "retired"],
)
def test_eligibility_reasons_age_counts_by_birth_year(birth_year, expected):
    found = eligibility_reasons(intake=women_founders(), answers=answers(birth_year=birth_year), today=TODAY)
    assert found == expected


@pytest.mark.parametrize(
    ("gender", "expected"),
    [
        (None, []),
        ("woman", []),
        ("man", [IneligibilityReason.GENDER]),
        ("undisclosed", [IneligibilityReason.GENDER]),
    ],
)
def test_eligibility_reasons_gender_counts_only_where_it_is_known(gender, expected):
    assert (
        eligibility_reasons(intake=women_founders(), answers=answers(gender=gender), today=TODAY) == expected
    )


def test_eligibility_reasons_gender_is_no_rule_of_an_intake_for_everyone():
    intake = women_founders(for_women=False)
    assert eligibility_reasons(intake=intake, answers=answers(gender="man"), today=TODAY) == []


def test_eligibility_reasons_names_every_reason_that_applies():
    found = eligibility_reasons(
        intake=women_founders(),
        answers=answers(
            municipality=Municipality.OTHER,
            employment_status="self_employed",
            business_registered_on=dt.date(2010, 1, 1),
            birth_year=2012,
            gender="man",
        ),
        today=TODAY,
    )
    assert set(found) == set(IneligibilityReason) - {IneligibilityReason.TARGET_GROUP}


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2024, 3, 2), 24, dt.date(2026, 3, 2)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2024, 11, 15), 3, dt.date(2025, 2, 15)),
    ],
)
def test_months_after_keeps_the_day_or_the_months_last(day, months, expected):
    assert months_after(day, months) == expected


def test_profile_eligibility_reasons_reads_the_profile_gender_included():
    profile = ApplicantProfile(
        municipality=Municipality.MOLNDAL, employment_status="employed", birth_year=1980, gender="man"
    )
    found = profile_eligibility_reasons(intake=women_founders(), profile=profile, today=TODAY)
    assert found == [IneligibilityReason.GENDER]


def test_who_may_apply_is_generated_from_the_rules_fields():
    with translation.override("en"):
        who = who_may_apply(women_founders())
    assert who.for_women
    assert who.municipalities == "Göteborg or Mölndal"
    assert who.situations == [
        "Employed",
        "Employed, under notice of redundancy",
        "Unemployed",
        "Self-employed, with a business registered less than 2 years ago",
    ]


def test_who_may_apply_in_swedish_uses_the_profiles_words():
    with translation.override("sv"):
        who = who_may_apply(women_founders(target_groups=["under_notice", "unemployed"]))
        expected = [str(EmploymentStatus.UNDER_NOTICE.label), str(EmploymentStatus.UNEMPLOYED.label)]
    assert who.situations == expected


@pytest.mark.django_db
def test_application_outside_target_groups_judges_on_the_day_it_was_submitted():
    intake = factories.IntakeFactory(
        target_groups=["self_employed"], business_max_age_months=24, municipalities=["molndal"]
    )
    applicant = factories.ApplicantFactory(
        profile__employment_status="self_employed", profile__business_registered_on=dt.date(2024, 3, 10)
    )
    application = factories.ApplicationFactory(intake=intake, applicant=applicant)
    application.submitted_at = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    assert application_outside_target_groups(application) == []

    application.submitted_at = dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC)
    assert application_outside_target_groups(application) == [IneligibilityReason.BUSINESS_AGE]
