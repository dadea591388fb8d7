"""An applicant's profile facts, as the application page and the person's record show them."""

import datetime as dt

from django.utils import translation

from mentoring.core.choices import EmploymentStatus, Gender, Municipality
from mentoring.models import ApplicantProfile
from mentoring.people.selectors import applicant_profile_facts
from portal.models import User

CONTACT = {"Name", "E-mail", "Phone"}
AGE_AND_GENDER = {"Year of birth", "Gender"}
ENTRY = {
    "Municipality",
    "Employment status at entry",
    "Sector of former employment",
    "Education",
    "Languages spoken",
    "Preferred language of contact",
}


def profile(**fields) -> ApplicantProfile:
    fields = {
        "user": User(email="alva@example.org"),
        "first_name": "Alva",
        "last_name": "Andersson",
        "phone": "070-123 45 67",
        "birth_year": 1985,
        "gender": Gender.WOMAN,
        "municipality": Municipality.MOLNDAL,
        "employment_status": EmploymentStatus.UNDER_NOTICE,
        "languages": ["sv"],
        "former_employer": "Volvo Cars",
    } | fields
    return ApplicantProfile(**fields)


def labels(facts) -> list[str]:
    return [label for label, _value in facts]


def facts_of(person: ApplicantProfile | None, **shown) -> list[tuple[str, str]]:
    with translation.override("en"):
        return applicant_profile_facts(person, **shown)


def test_profile_facts_with_everything_shown_come_in_the_pages_order():
    facts = facts_of(profile(), contact=True, age_and_gender=True, employer=True)

    assert labels(facts)[:5] == ["Name", "E-mail", "Phone", "Year of birth", "Gender"]
    assert set(labels(facts)[5:-1]) == ENTRY
    assert facts[-1] == ("Former or current employer", "Volvo Cars")
    assert facts[0] == ("Name", "Alva Andersson")


def test_profile_facts_in_a_blind_review_name_nobody_and_give_no_age_gender_or_employer():
    facts = facts_of(profile(), contact=False, age_and_gender=False, employer=False)

    assert set(labels(facts)) == ENTRY
    assert not {"Alva Andersson", "alva@example.org", "070-123 45 67", "1985", "Volvo Cars"} & {
        value for _label, value in facts
    }


def test_profile_facts_of_an_erased_person_keep_age_gender_and_entry_only():
    facts = facts_of(profile(), contact=False, age_and_gender=True, employer=False)

    assert set(labels(facts)) == AGE_AND_GENDER | ENTRY


def test_profile_facts_say_a_dash_for_what_is_blank_and_leave_out_an_employer_not_given():
    facts = dict(
        facts_of(
            profile(first_name="", last_name="", phone="", languages=[], former_employer=""),
            contact=True,
            age_and_gender=True,
            employer=True,
        )
    )

    assert facts["Name"] == facts["Phone"] == facts["Languages spoken"] == "—"
    assert "Former or current employer" not in facts


def test_profile_facts_give_months_without_work_with_the_employment_status():
    facts = dict(facts_of(profile(months_unemployed=7), contact=False, age_and_gender=False, employer=False))

    assert facts["Employment status at entry"].endswith(", 7 months")


def test_no_profile_has_no_facts():
    assert facts_of(None, contact=True, age_and_gender=True, employer=True) == []


def test_applicant_profile_facts_show_the_business_registration_date_only_with_the_contact_details():
    founder = profile(
        employment_status=EmploymentStatus.SELF_EMPLOYED, business_registered_on=dt.date(2025, 11, 2)
    )
    with translation.override("en"):
        named = dict(applicant_profile_facts(founder, contact=True, age_and_gender=True, employer=True))
        blind = dict(applicant_profile_facts(founder, contact=False, age_and_gender=False, employer=False))
    assert named["Business registered"] == "2 November 2025"
    assert "Business registered" not in blind
