"""Reads for company requests: the coordinators' list and a request's page."""

from allauth.account.models import EmailAddress
from django.db.models import Count, Q, QuerySet

from mentoring.companies.filters import CompanyRequestFilter
from mentoring.models import Application, CompanyRequest, CompanyRequestChange, Enrolment
from mentoring.models.training import OPEN_ENROLMENT


def company_requests_listed(*, filters: CompanyRequestFilter | None = None) -> QuerySet[CompanyRequest]:
    """Requests, newest first, each with its reserved occasion and how many people are linked to it,
    narrowed by the coordinator's valid `filters` (a value that is not valid is an error on
    `filters.form` and is left out)."""
    requests = CompanyRequest.objects.select_related("reserved_occasion__page").annotate(
        linked_enrolments=Count("enrolments", filter=Q(enrolments__status__in=OPEN_ENROLMENT), distinct=True),
        linked_applications=Count("applications", distinct=True),
    )
    if filters is not None:
        requests = filters.narrow(requests)
    return requests.order_by("-created_at", "-pk")


def company_requests_sent_by(user) -> QuerySet[CompanyRequest]:
    """The requests whose contact e-mail is one of `user`'s verified addresses: the ones they sent.

    Only verified addresses: adding someone else's address to one's account must not
    open their requests.
    """
    addresses = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    match = Q()
    for address in addresses:
        match |= Q(contact_email__iexact=address)
    return CompanyRequest.objects.filter(match) if match else CompanyRequest.objects.none()


def company_request_changes(request: CompanyRequest) -> QuerySet[CompanyRequestChange]:
    return request.changes.select_related("actor")


def company_enrolments_linked(request: CompanyRequest) -> QuerySet[Enrolment]:
    return request.enrolments.select_related("person", "occasion__page").order_by("created_at", "pk")


def company_applications_linked(request: CompanyRequest) -> QuerySet[Application]:
    return request.applications.select_related("applicant", "intake").order_by("submitted_at", "pk")


def enrolment_to_link(*, request: CompanyRequest, email: str) -> Enrolment | None:
    """The open enrolment on `request`'s reserved occasion of the person signed in as `email`."""
    return (
        Enrolment.objects.filter(
            occasion_id=request.reserved_occasion_id,
            person__email__iexact=email.strip(),
            status__in=OPEN_ENROLMENT,
        )
        .order_by("-created_at")
        .first()
    )


def application_to_link(*, email: str) -> Application | None:
    """The latest submitted application of the person signed in as `email`."""
    return (
        Application.objects.filter(applicant__email__iexact=email.strip(), submitted_at__isnull=False)
        .order_by("-submitted_at", "-pk")
        .first()
    )
