"""The certificate pages: My courses' offer, the download, the public verification, and staff's views."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from mentoring.certificates import codes, services
from mentoring.models import Certificate
from mentoring.privacy.services.erasure import erasure_perform, erasure_request
from mentoring.training import services as training_services
from portal import roles
from tests import factories
from tests.mentoring.certificates.conftest import AFTER, MONDAY

pytestmark = pytest.mark.django_db


def issue(course, language="sv"):
    return services.certificate_issue(
        enrolment=course.enrolment, language=language, actor=course.person, now=AFTER
    )


def verify_url(certificate) -> str:
    return reverse("mentoring:certificate_verify_code", args=[codes.code_grouped(certificate.code)])


def change_hours(course):
    training_services.attendance_mark(
        occasion=course.occasion,
        day=MONDAY,
        hours_by_enrolment={course.enrolment.pk: Decimal("4")},
        actor=course.leader,
        now=AFTER + dt.timedelta(days=1),
    )


# --- My courses and the download ------------------------------------------------------------------


def test_my_courses_offers_the_certificate_once_the_hours_are_confirmed(client, course):
    client.force_login(course.person)

    page = client.get(reverse("mentoring:dashboard")).content.decode()

    assert reverse("mentoring:certificate_issue", args=[course.enrolment.pk]) in page
    assert 'name="language"' in page


def test_my_courses_offers_no_certificate_while_the_hours_wait_for_confirmation(client, course):
    change_hours(course)
    client.force_login(course.person)

    page = client.get(reverse("mentoring:dashboard")).content.decode()

    assert reverse("mentoring:certificate_issue", args=[course.enrolment.pk]) not in page


def test_certificate_issue_sends_her_to_the_pdf_in_the_language_she_chose(client, course):
    client.force_login(course.person)

    response = client.post(
        reverse("mentoring:certificate_issue", args=[course.enrolment.pk]), {"language": "en"}
    )
    certificate = Certificate.objects.get()
    download = client.get(response.url)

    assert response.url == reverse("mentoring:certificate_download", args=[certificate.pk])
    assert certificate.language == "en"
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    text = PdfReader(io.BytesIO(download.content)).pages[0].extract_text()
    assert "Course certificate" in text and "Åsa Öberg" in text


def test_certificate_issue_with_a_language_not_offered_says_so(client, course):
    client.force_login(course.person)

    response = client.post(
        reverse("mentoring:certificate_issue", args=[course.enrolment.pk]), {"language": "ar"}, follow=True
    )

    assert Certificate.objects.count() == 0
    with translation.override("sv"):
        assert translation.gettext("Choose Swedish or English.") in response.content.decode()


def test_certificate_issue_of_someone_elses_enrolment_is_404(client, course):
    client.force_login(factories.ApplicantFactory())

    response = client.post(
        reverse("mentoring:certificate_issue", args=[course.enrolment.pk]), {"language": "sv"}
    )

    assert response.status_code == 404 and Certificate.objects.count() == 0


def test_certificate_download_of_someone_elses_certificate_is_404(client, course):
    certificate = issue(course)
    client.force_login(factories.ApplicantFactory())

    assert client.get(reverse("mentoring:certificate_download", args=[certificate.pk])).status_code == 404


def test_certificate_download_of_a_withdrawn_certificate_is_404(client, course):
    certificate = issue(course)
    change_hours(course)
    client.force_login(course.person)

    assert client.get(reverse("mentoring:certificate_download", args=[certificate.pk])).status_code == 404


# --- Verification ---------------------------------------------------------------------------------


def test_verification_shows_a_valid_certificate_to_a_visitor(client, course, django_assert_max_num_queries):
    certificate = issue(course)
    client.get(reverse("mentoring:certificate_verify"))  # the site's frame, cached from then on

    # The certificate with what it names, and the request's site.
    with django_assert_max_num_queries(3):
        response = client.get(verify_url(certificate))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Intyget är giltigt." in page
    assert "Åsa Öberg" in page and "Robotprogrammering" in page and "12,5" in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in page


def test_verification_takes_the_code_as_typed_in_the_form(client, course):
    certificate = issue(course)
    typed = " " + codes.code_grouped(certificate.code).lower().replace("-", " ") + " "

    response = client.get(reverse("mentoring:certificate_verify"), {"code": typed})

    assert response.status_code == 200 and "Åsa Öberg" in response.content.decode()


def test_verification_says_withdrawn_after_the_hours_changed(client, course):
    certificate = issue(course)
    change_hours(course)

    page = client.get(verify_url(certificate)).content.decode()

    assert "Intyget har återkallats." in page
    assert "Närvarotimmarna ändrades" in page
    assert "Åsa Öberg" in page


def test_verification_says_withdrawn_without_the_name_after_erasure(client, course):
    certificate = issue(course)
    erasure_perform(request_id=erasure_request(user=course.person, now=AFTER).pk, now=AFTER)

    page = client.get(verify_url(certificate)).content.decode()

    assert "Intyget har återkallats." in page
    assert "Åsa" not in page and "Öberg" not in page
    assert "Robotprogrammering" in page


def test_verification_in_english_names_the_course_in_english(client, course):
    certificate = issue(course, "sv")

    with translation.override("en"):
        url = verify_url(certificate)
    page = client.get(url).content.decode()

    assert url.startswith("/en/")
    assert "This certificate is valid." in page


@pytest.mark.parametrize("code", ["ABCD-EFGH-JKMN-PQRS-TVWX", "not a code at all", "%00", "x" * 300])
def test_verification_answers_unknown_and_malformed_codes_alike(client, course, code):
    issue(course)

    response = client.get(reverse("mentoring:certificate_verify_code", args=[code]))

    assert response.status_code == 404
    assert "Inget intyg har den här koden." in response.content.decode()
    assert "Innehavare" not in response.content.decode()


def test_verification_form_ties_an_unknown_code_to_its_field_and_keeps_it(client, course):
    response = client.get(reverse("mentoring:certificate_verify"), {"code": "abcd-efgh"})
    page = response.content.decode()

    assert response.status_code == 404
    assert 'id="id_code_error"' in page and "Inget intyg har den här koden." in page
    assert 'value="abcd-efgh"' in page


def test_verification_form_asks_for_a_code_when_none_is_typed(client, site_tree):
    response = client.get(reverse("mentoring:certificate_verify"), {"code": "   "})

    assert response.status_code == 400
    assert 'id="id_code_error"' in response.content.decode()


def test_verification_is_limited_per_client(client, course, settings):
    settings.CERTIFICATE_VERIFY_RATE_PER_CLIENT = "3/h"
    certificate = issue(course)

    answers = [client.get(verify_url(certificate)).status_code for _ in range(4)]
    limited = client.get(reverse("mentoring:certificate_verify"), {"code": certificate.code})

    assert answers == [200, 200, 200, 429]
    assert limited.status_code == 429
    assert "Åsa Öberg" not in limited.content.decode()
    assert "Försök igen om en timme." in limited.content.decode()


# --- Staff --------------------------------------------------------------------------------------


def test_course_staff_see_who_holds_a_certificate(client, course):
    issue(course)
    other = factories.ApplicantFactory()
    client.force_login(course.leader)

    page = client.get(reverse("mentoring:staff_occasion", args=[course.occasion.pk])).content.decode()

    assert 'data-certificate="yes"' in page
    assert other.email not in page


def test_course_staff_see_no_certificate_once_it_is_withdrawn(client, course):
    issue(course)
    change_hours(course)
    client.force_login(course.leader)

    page = client.get(reverse("mentoring:staff_occasion", args=[course.occasion.pk])).content.decode()

    assert 'data-certificate="yes"' not in page and 'data-certificate="no"' in page


def test_person_record_lists_the_certificates_issued(client, course):
    certificate = issue(course, "en")
    change_hours(course)
    client.force_login(factories.user_with_role(roles.COORDINATORS))

    page = client.get(reverse("mentoring:person_record", args=[course.person.pk])).content.decode()

    assert 'id="person-certificates"' in page
    assert certificate.code in page
    assert "Återkallat" in page and "Timmarna ändrades" in page
