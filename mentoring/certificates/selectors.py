"""Reads for course certificates: who may have one, the issued ones, and a code's certificate."""

import datetime as dt
from decimal import Decimal

from content.models import TrainingOfferPage
from mentoring.certificates.codes import code_normalised
from mentoring.core.querysets import made_once
from mentoring.models import Certificate, Enrolment, EnrolmentStatus


def certificate_available(enrolment: Enrolment, *, hours: Decimal | None, today: dt.date) -> bool:
    """Whether `enrolment` earns a certificate: a place held, the occasion over, hours attended
    and confirmed by the person as they stand now (`hours` is their total, None without any)."""
    return (
        enrolment.status == EnrolmentStatus.ENROLLED
        and enrolment.occasion.ends_on < today
        and enrolment.hours_confirmed_at is not None
        and bool(hours)
    )


def certificates_valid_of(enrolment_ids) -> dict[int, list[Certificate]]:
    """The valid certificates of the given enrolments, by enrolment id (one query)."""
    found: dict[int, list[Certificate]] = {}
    for certificate in Certificate.objects.filter(enrolment_id__in=list(enrolment_ids), withdrawn_at=None):
        found.setdefault(certificate.enrolment_id, []).append(certificate)
    return found


@made_once
def _certificates_listed():
    return (
        Certificate.objects.select_related("occasion__page")
        .only(
            "language",
            "hours",
            "issued_at",
            "code",
            "withdrawn_at",
            "withdrawn_reason",
            "occasion__starts_on",
            "occasion__page__title",
        )
        .order_by("-issued_at", "-pk")
    )


def certificates_of_person(person) -> list[Certificate]:
    """Every certificate issued to `person`, valid or withdrawn, the newest first (one query), with the
    occasion's first day and its page's title (not the page's whole row)."""
    return list(_certificates_listed().filter(enrolment__person=person))


def certificate_own(*, pk: int, person) -> Certificate | None:
    """Certificate `pk` if it is `person`'s own and still valid; None for anyone else's or a withdrawn one."""
    return (
        Certificate.objects.filter(pk=pk, enrolment__person=person, withdrawn_at=None)
        .select_related("occasion__page__locale")
        .first()
    )


def certificate_by_code(typed: str) -> Certificate | None:
    """The certificate with the code `typed` (as a person may type it); None when there is none.

    A text that cannot be a code is looked up all the same, so the answer takes as long
    and says as much as for a well-formed code nobody holds.
    """
    return (
        Certificate.objects.filter(code=code_normalised(typed))
        .select_related("occasion__page__locale")
        .first()
    )


def offer_in_language(offer: TrainingOfferPage, language: str) -> TrainingOfferPage:
    """The offer page in `language` when a translation into it is published, else the page as it is."""
    if offer.locale.language_code == language:
        return offer
    return offer.get_translations().live().filter(locale__language_code=language).specific().first() or offer
