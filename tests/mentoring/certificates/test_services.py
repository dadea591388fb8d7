"""Issuing certificates, and their withdrawal when the hours change or the holder is erased."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader
from wagtail.models import Locale

from mentoring.certificates import codes, selectors, services
from mentoring.certificates.pdf import certificate_pdf
from mentoring.models import Certificate, EnrolmentEvent, WithdrawalReason
from mentoring.privacy.services.erasure import erasure_perform, erasure_request
from mentoring.privacy.services.export import personal_data_export
from mentoring.training import services as training_services
from tests import factories
from tests.mentoring.certificates.conftest import AFTER, MONDAY, at
from tests.mentoring.privacy.test_services import read_export

pytestmark = pytest.mark.django_db


def issue(course, language="sv", now=AFTER):
    return services.certificate_issue(
        enrolment=course.enrolment, language=language, actor=course.person, now=now
    )


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


# --- Codes (pure) ---------------------------------------------------------------------------------


def test_code_new_has_twenty_characters_of_the_alphabet():
    code = codes.code_new()

    assert codes.code_well_formed(code)
    assert codes.code_new() != code


def test_code_normalised_reads_a_code_as_people_type_it():
    assert codes.code_normalised(" abcd-efgh jkmn–pqrs-tvwx ") == "ABCDEFGHJKMNPQRSTVWX"
    assert codes.code_normalised("O0IL") == "0011"


def test_code_normalised_drops_what_cannot_be_in_a_code():
    assert codes.code_normalised("AB\x00'; DROP--<é>") == "ABDR0P"
    assert len(codes.code_normalised("A" * 10_000)) == codes.TYPED_MAX


def test_code_grouped_prints_groups_of_four():
    assert codes.code_grouped("ABCDEFGHJKMNPQRSTVWX") == "ABCD-EFGH-JKMN-PQRS-TVWX"


# --- Issuing ------------------------------------------------------------------------------------


def test_certificate_issue_states_name_hours_and_a_fresh_code(course):
    certificate = issue(course)

    assert certificate.holder_name == "Åsa Öberg"
    assert certificate.hours == Decimal("12.5")
    assert certificate.language == "sv"
    assert certificate.is_valid
    assert codes.code_well_formed(certificate.code)
    assert course.enrolment.changes.filter(event=EnrolmentEvent.CERTIFICATE_ISSUED).count() == 1


def test_certificate_issue_again_gives_the_same_certificate(course):
    first = issue(course)

    assert issue(course, now=AFTER + dt.timedelta(days=3)) == first
    assert Certificate.objects.count() == 1


def test_certificate_issue_in_each_language_gives_each_its_own_code(course):
    swedish, english = issue(course, "sv"), issue(course, "en")

    assert swedish.code != english.code


def test_certificate_issue_refuses_someone_else(course):
    with pytest.raises(services.NotYourCertificate):
        services.certificate_issue(
            enrolment=course.enrolment, language="sv", actor=factories.ApplicantFactory(), now=AFTER
        )


def test_certificate_issue_waits_for_the_course_to_end(course):
    with pytest.raises(services.CertificateNotYet):
        issue(course, now=at(MONDAY + dt.timedelta(days=1), 18))


def test_certificate_issue_counts_the_days_in_the_programmes_time_zone(course):
    # Half past midnight on the Wednesday in Sweden is still Tuesday in UTC, the time the view passes.
    just_after_midnight = at(MONDAY + dt.timedelta(days=2), 0) + dt.timedelta(minutes=30)

    certificate = issue(course, now=just_after_midnight.astimezone(dt.UTC))

    assert certificate.is_valid


def test_certificate_issue_waits_for_confirmed_hours(course):
    training_services.attendance_mark(
        occasion=course.occasion,
        day=MONDAY,
        hours_by_enrolment={course.enrolment.pk: Decimal("6")},
        actor=course.leader,
        now=AFTER,
    )

    with pytest.raises(services.CertificateNotYet):
        issue(course)


def test_certificate_issue_refuses_a_language_it_is_not_made_in(course):
    with pytest.raises(ValueError):
        issue(course, "ar")


# --- Withdrawal ---------------------------------------------------------------------------------


def test_changed_hours_withdraw_the_certificate_and_a_new_one_states_them(course):
    old = issue(course)
    training_services.attendance_mark(
        occasion=course.occasion,
        day=MONDAY,
        hours_by_enrolment={course.enrolment.pk: Decimal("6")},
        actor=course.leader,
        now=AFTER + dt.timedelta(days=1),
    )
    old.refresh_from_db()

    assert not old.is_valid and old.withdrawn_reason == WithdrawalReason.HOURS_CHANGED
    training_services.enrolment_hours_confirm(
        enrolment=course.enrolment, actor=course.person, now=AFTER + dt.timedelta(days=2)
    )
    new = issue(course, now=AFTER + dt.timedelta(days=2))
    assert new.code != old.code and new.hours == Decimal("11.5")


def test_marking_the_same_hours_again_withdraws_nothing(course):
    certificate = issue(course)
    training_services.attendance_mark(
        occasion=course.occasion,
        day=MONDAY,
        hours_by_enrolment={course.enrolment.pk: Decimal("7")},
        actor=course.leader,
        now=AFTER,
    )
    certificate.refresh_from_db()

    assert certificate.is_valid


def test_erasure_withdraws_the_certificate_and_removes_the_name(course):
    certificate = issue(course)
    erasure_perform(request_id=erasure_request(user=course.person, now=AFTER).pk, now=AFTER)
    certificate.refresh_from_db()

    assert certificate.withdrawn_reason == WithdrawalReason.ERASED
    assert certificate.holder_name == ""
    assert selectors.certificate_by_code(certificate.code) == certificate


# --- The PDF ------------------------------------------------------------------------------------


def test_certificate_pdf_in_swedish_reads_back_every_fact(course):
    certificate = issue(course, "sv")

    text = pdf_text(certificate_pdf(certificate))

    assert "Kursintyg" in text
    assert "Åsa Öberg" in text
    assert "Robotprogrammering" in text
    assert "Teknik och produktion" in text
    assert "2 mars 2026" in text and "3 mars 2026" in text
    assert "12,5" in text
    assert "koordinatsystem, banor och säkerhet" in text
    assert "Europeiska socialfonden" in text
    assert codes.code_grouped(certificate.code) in text
    assert f"/certificates/{codes.code_grouped(certificate.code)}/" in text


def test_certificate_pdf_in_english_reads_back_in_english(course):
    certificate = issue(course, "en")

    text = pdf_text(certificate_pdf(certificate))

    assert "Course certificate" in text
    assert "12.5 hours" in text
    assert "Technology and production" in text
    assert "2 March 2026" in text
    assert "European Social Fund" in text
    assert f"/en/certificates/{codes.code_grouped(certificate.code)}/" in text


def test_certificate_pdf_is_tagged_titled_and_in_its_language(course):
    reader = PdfReader(io.BytesIO(certificate_pdf(issue(course, "en"))))
    root = reader.trailer["/Root"]

    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == "Course certificate: Robotprogrammering"


# --- Her own data ---------------------------------------------------------------------------------


def test_personal_data_export_gives_her_certificates_with_their_codes(course):
    certificate = issue(course, "en")

    data, _files = read_export(personal_data_export(user=course.person, now=AFTER))

    (enrolment,) = data["course_enrolments"]
    (exported,) = enrolment["certificates"]
    assert exported["code"] == certificate.code and exported["language"] == "en"
    assert Decimal(exported["hours"]) == Decimal("12.5") and exported["withdrawn_at"] is None


def test_erasure_logs_the_certificates_it_withdrew(course):
    issue(course, "sv")
    issue(course, "en")

    request = erasure_perform(request_id=erasure_request(user=course.person, now=AFTER).pk, now=AFTER)

    steps = {step["step"]: step["count"] for step in request.steps}
    assert steps["certificates_withdrawn"] == 2


def test_certificate_pdf_in_english_takes_the_course_from_the_english_offer_page(course):
    english = course.offer.copy_for_translation(Locale.objects.create(language_code="en"), copy_parents=True)
    english.title = "Robot programming"
    english.summary = "The basics of programming industrial robots."
    english.save_revision().publish()

    text = pdf_text(certificate_pdf(issue(course, "en")))

    assert "Robot programming" in text and "The basics of programming industrial robots." in text
    assert "Robotprogrammering" not in text
