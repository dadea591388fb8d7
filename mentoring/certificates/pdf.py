"""The certificate as a PDF, made with WeasyPrint from an HTML template in the site's colours.

The PDF is tagged (PDF/UA-1: a structure tree, the language, the title shown as the
window's title), so a screen reader reads it and its text can be copied and read back.
It is made again on each download from the certificate's stored facts: nothing is
filed. The only resource it loads is the logo, inlined; every other address is refused,
so no text typed into an offer page can make the renderer fetch anything.
"""

import base64
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation

from content.models import TrainingTopic
from mentoring.certificates.codes import code_grouped
from mentoring.certificates.selectors import offer_in_language
from mentoring.core.display import label_of
from mentoring.core.mail import absolute_url
from mentoring.models import Certificate

LOGO = "img/logo-mark.svg"


def _logo_data_uri() -> str:
    path = finders.find(LOGO)
    return "data:image/svg+xml;base64," + base64.b64encode(Path(path).read_bytes()).decode("ascii")


@dataclass(frozen=True)
class CertificateFacts:
    """What a certificate says, in its language: the PDF and the verification page show the same."""

    holder_name: str
    course: str
    topic: str
    summary: str
    starts_on: object
    ends_on: object
    hours: object
    issued_on: object
    code: str
    verify_url: str
    programme: str


def certificate_facts(certificate: Certificate, *, language: str | None = None) -> CertificateFacts:
    """The facts of `certificate`, the course's texts from its offer page in `language`
    (the certificate's own by default; the verification page asks for the one it is read in)."""
    language = language or certificate.language
    with translation.override(language):
        offer = offer_in_language(certificate.occasion.page, language)
        return CertificateFacts(
            holder_name=certificate.holder_name,
            course=offer.title,
            topic=label_of(TrainingTopic, offer.topic),
            summary=offer.summary,
            starts_on=certificate.occasion.starts_on,
            ends_on=certificate.occasion.ends_on,
            hours=certificate.hours,
            issued_on=timezone.localdate(certificate.issued_at),
            code=code_grouped(certificate.code),
            verify_url=absolute_url("mentoring:certificate_verify_code", code=code_grouped(certificate.code)),
            programme=settings.WAGTAIL_SITE_NAME,
        )


def certificate_pdf(certificate: Certificate) -> bytes:
    """The PDF of `certificate`, in its language."""
    # Imported here: WeasyPrint loads Pango and its stylesheets on import, which only a download needs.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    facts = certificate_facts(certificate)
    with translation.override(certificate.language):
        html = render_to_string(
            "mentoring/certificates/pdf.html",
            {"facts": facts, "language": certificate.language, "logo": _logo_data_uri()},
        )
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=("data",)))
    return document.write_pdf(pdf_variant="pdf/ua-1")


def certificate_file_name(certificate: Certificate) -> str:
    with translation.override(certificate.language):
        return f"{translation.gettext('certificate')}-{code_grouped(certificate.code)}.pdf"
