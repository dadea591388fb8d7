"""Company requests for tailored efforts: submit, plan, decline and close (`linking` links employees).

A company asks; a coordinator plans one of two efforts: a course occasion reserved
for the company (its employees join through a signed link the contact shares), or
a number of mentoring places (employees apply as everyone does, and coordinators
link their applications). Every change of status writes a `CompanyRequestChange`;
e-mail goes to the outbox in the same transaction (`mentoring.core.mail`).
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from content.models import TrainingOccasion
from mentoring.companies import workflow as company_workflow
from mentoring.companies.workflow import RequestStatus, Role
from mentoring.core import mail
from mentoring.core.errors import PortalError
from mentoring.core.tokens import TokenInvalid, TokenKind
from mentoring.models import (
    CompanyRequest,
    CompanyRequestChange,
    EffortKind,
    Enrolment,
)
from mentoring.models.training import OPEN_ENROLMENT
from mentoring.training.selectors import occasion_canonical
from portal import roles
from portal.roles import user_has_role

logger = logging.getLogger(__name__)

# Valid while the effort is planned and its occasion has not started: no age limit of its own.
JOIN_LINK = TokenKind(salt="mentoring.company-join", max_age=None)


class CompanyRequestError(PortalError):
    """A rule said no; `message` says why in words a coordinator understands; `field` names the input."""


class NotAllowed(CompanyRequestError):
    def __init__(self):
        super().__init__(_("Only a coordinator can do this."))


class TransitionNotAllowed(CompanyRequestError):
    def __init__(self):
        super().__init__(_("This request is no longer in a state where that can be done."))


class JoinLinkInvalid(CompanyRequestError):
    """Altered, unknown, or not an occasion effort: nothing about any company may be told."""

    def __init__(self):
        super().__init__(_("This link is not valid."))


class JoinLinkExpired(CompanyRequestError):
    def __init__(self):
        super().__init__(_("This link is no longer valid: the course has started or the effort has ended."))


# --- Selectors -------------------------------------------------------------------


def occasions_free_to_reserve(*, now: dt.datetime):
    """Coming canonical occasions that `company_request_plan` would accept, the soonest first."""
    today = timezone.localdate(now)
    occasions = (
        TrainingOccasion.objects.filter(starts_on__gt=today, company_reservation__isnull=True)
        .select_related("page")
        .order_by("starts_on", "pk")
    )
    # The first row of a translation key holds the places (`occasion_canonical`).
    first_of_key = set(
        TrainingOccasion.objects.filter(translation_key__in=[o.translation_key for o in occasions])
        .order_by()
        .values("translation_key")
        .annotate(first=Min("pk"))
        .values_list("first", flat=True)
    )
    canonical = [occasion for occasion in occasions if occasion.pk in first_of_key]
    taken = set(
        Enrolment.objects.filter(occasion__in=canonical, status__in=OPEN_ENROLMENT).values_list(
            "occasion_id", flat=True
        )
    )
    return [occasion for occasion in canonical if occasion.pk not in taken]


def company_join_token(*, request: CompanyRequest) -> str:
    """The signed token of the join link of `request`'s reserved occasion."""
    return JOIN_LINK.sign(request.pk)


def company_join_url(*, request: CompanyRequest) -> str:
    """The join link of `request`'s reserved occasion, absolute, in the contact's language (as mailed)."""
    with translation.override(request.contact_language):
        return mail.absolute_url("mentoring:company_join", token=company_join_token(request=request))


def company_join_link_works(*, request: CompanyRequest, now: dt.datetime) -> bool:
    """Whether `request`'s join link lets employees enrol: a planned occasion effort whose
    occasion has not started."""
    return (
        request.effort_kind == EffortKind.OCCASION
        and request.status == RequestStatus.PLANNED
        and request.reserved_occasion.starts_on > timezone.localdate(now)
    )


def company_request_from_token(*, token: str, now: dt.datetime) -> CompanyRequest:
    """The planned occasion effort that `token` was issued for, while its occasion has not started.

    Raises JoinLinkInvalid for an altered or unknown token (or one of a mentoring
    effort), JoinLinkExpired once the occasion has started or the effort is no longer planned.
    """
    try:
        pk = JOIN_LINK.read(token, now=now).pk
    except TokenInvalid:
        raise JoinLinkInvalid from None
    request = (
        CompanyRequest.objects.select_related("reserved_occasion__page")
        .filter(pk=pk, effort_kind=EffortKind.OCCASION)
        .first()
    )
    if request is None:
        raise JoinLinkInvalid
    if not company_join_link_works(request=request, now=now):
        raise JoinLinkExpired
    return request


# --- Helpers ---------------------------------------------------------------------


def _check(*, request: CompanyRequest, target: RequestStatus, actor) -> None:
    if not user_has_role(actor, roles.COORDINATORS):
        raise NotAllowed
    if not company_workflow.may_move(request.status, target, Role.COORDINATOR):
        raise TransitionNotAllowed


def lock_request(request: CompanyRequest) -> CompanyRequest:
    return CompanyRequest.objects.select_for_update().get(pk=request.pk)


def record_change(*, request: CompanyRequest, actor, now, source: str, note: str = "") -> None:
    """The request's audit row: from `source` to its status now (the same status for a link)."""
    CompanyRequestChange.objects.create(
        request=request, at=now, actor=actor, from_status=source, to_status=request.status, note=note
    )


def _mail_contact(*, request: CompanyRequest, template: str, event: str, **extra) -> None:
    mail.send_from_templates(
        template=template,
        context={"request": request, "name": request.contact_name, **extra},
        to=request.contact_email,
        language=request.contact_language,
        headers={"X-Portal-Company-Request": str(request.pk), "X-Portal-Event": event},
    )


def _mail_join_link(*, request: CompanyRequest, event: str) -> None:
    occasion = request.reserved_occasion
    _mail_contact(
        request=request,
        template="company_planned_occasion",
        event=event,
        occasion=occasion,
        offer=occasion.page,
        join_url=company_join_url(request=request),
    )


def _coordinator_addresses() -> list[str]:
    # Django's own MANAGERS: the people told of new things on the site. The portal has no
    # programme mailbox setting of its own; when MANAGERS is empty nobody is told by e-mail
    # and the request waits in the coordinators' list.
    return [address for _name, address in getattr(settings, "MANAGERS", [])]


# --- Services --------------------------------------------------------------------


@transaction.atomic
def company_request_submit(*, data: dict, now: dt.datetime, language: str) -> CompanyRequest:
    """Record a company's request (cleaned form data), confirm it to the contact in `contact_language`,
    and tell the programme's coordinators (Django's MANAGERS) if any are configured.

    `language` is the language the form was filled in, the default for the contact's language.
    """
    request = CompanyRequest.objects.create(
        company_name=data["company_name"].strip(),
        org_number=data["org_number"],
        contact_name=data["contact_name"].strip(),
        contact_email=data["contact_email"].strip(),
        contact_phone=data.get("contact_phone", "").strip(),
        contact_language=data.get("contact_language") or language,
        employees_concerned=data["employees_concerned"],
        needs=list(data.get("needs") or []),
        needs_text=data["needs_text"].strip(),
        status=RequestStatus.NEW,
        created_at=now,
    )
    record_change(request=request, actor=None, now=now, source="")
    _mail_contact(request=request, template="company_received", event="received")
    coordinators = _coordinator_addresses()
    if coordinators:
        with translation.override(settings.LANGUAGE_CODE):
            detail_url = mail.absolute_url("mentoring:company_request_detail", pk=request.pk)
        for address in coordinators:
            mail.send_from_templates(
                template="company_notice",
                context={"request": request, "detail_url": detail_url},
                to=address,
                language=settings.LANGUAGE_CODE,
                headers={"X-Portal-Company-Request": str(request.pk), "X-Portal-Event": "notice"},
            )
    logger.info("company request %s received", request.pk)
    return request


@transaction.atomic
def company_request_plan(
    *,
    request: CompanyRequest,
    actor,
    now: dt.datetime,
    occasion: TrainingOccasion | None = None,
    mentoring_places: int | None = None,
) -> CompanyRequest:
    """Plan the effort of a new request: a reserved `occasion`, or a number of `mentoring_places`.

    Exactly one of the two. A reserved occasion is closed to everyone outside the
    company, so only an occasion that nobody else has joined may be reserved: it
    must be the canonical occasion (the one that holds the places), start after
    today, not be reserved already, and have no open enrolment (place or waiting
    list) by anyone. Taking it from people who already joined would break a promise
    made to them; the coordinators choose another occasion or add one instead.

    E-mails the contact: for an occasion, the join link to share with the
    employees (valid until the occasion starts) and its dates and place; for
    mentoring places, how the employees apply. Raises NotAllowed for anyone but a
    coordinator, TransitionNotAllowed unless the request is new, and
    CompanyRequestError (with `field`) when a rule above says no.
    """
    _check(request=request, target=RequestStatus.PLANNED, actor=actor)
    if (occasion is None) == (mentoring_places is None):
        raise CompanyRequestError(_("Choose either an occasion or a number of mentoring places."))
    request = lock_request(request)
    if request.status != RequestStatus.NEW:
        raise TransitionNotAllowed
    source = request.status
    if occasion is not None:
        occasion = TrainingOccasion.objects.select_for_update().select_related("page").get(pk=occasion.pk)
        if occasion_canonical(occasion).pk != occasion.pk:
            raise CompanyRequestError(
                _("Choose the occasion in the offer's original language."), field="occasion"
            )
        if occasion.starts_on <= timezone.localdate(now):
            raise CompanyRequestError(_("This occasion has already started."), field="occasion")
        if CompanyRequest.objects.filter(reserved_occasion=occasion).exists():
            raise CompanyRequestError(
                _("This occasion is already reserved for another company."), field="occasion"
            )
        if Enrolment.objects.filter(occasion=occasion, status__in=OPEN_ENROLMENT).exists():
            raise CompanyRequestError(
                _(
                    "People outside the company have already signed up for this occasion. "
                    "Choose an occasion nobody has joined yet."
                ),
                field="occasion",
            )
        request.effort_kind = EffortKind.OCCASION
        request.reserved_occasion = occasion
    else:
        if mentoring_places < 1 or mentoring_places > request.employees_concerned:
            raise CompanyRequestError(
                _("Give between 1 and %(most)s mentoring places (the employees concerned).")
                % {"most": request.employees_concerned},
                field="mentoring_places",
            )
        request.effort_kind = EffortKind.MENTORING
        request.mentoring_places = mentoring_places
    request.status = RequestStatus.PLANNED
    request.planned_at = now
    request.planned_by = actor
    request.save()
    record_change(request=request, actor=actor, now=now, source=source)
    if occasion is not None:
        _mail_join_link(request=request, event="planned")
    else:
        with translation.override(request.contact_language):
            apply_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"
        _mail_contact(
            request=request, template="company_planned_mentoring", event="planned", apply_url=apply_url
        )
    logger.info("company request %s planned by user %s", request.pk, actor.pk)
    return request


@transaction.atomic
def company_join_link_resend(*, request: CompanyRequest, actor, now: dt.datetime) -> CompanyRequest:
    """Mail the join link of a planned occasion effort to the contact again (the same message as
    when it was planned), and note it in the request's history.

    Raises NotAllowed for anyone but a coordinator, TransitionNotAllowed unless the request is a
    planned occasion effort, JoinLinkExpired once its occasion has started, and
    CompanyRequestError when the contact's address is gone.
    """
    if not user_has_role(actor, roles.COORDINATORS):
        raise NotAllowed
    # Only the request's own row is locked: PostgreSQL cannot lock the nullable side of the join.
    request = (
        CompanyRequest.objects.select_for_update(of=("self",))
        .select_related("reserved_occasion__page")
        .get(pk=request.pk)
    )
    if request.status != RequestStatus.PLANNED or request.effort_kind != EffortKind.OCCASION:
        raise TransitionNotAllowed
    if not company_join_link_works(request=request, now=now):
        raise JoinLinkExpired
    if not request.contact_email:
        raise CompanyRequestError(_("The request has no contact address to send the link to."))
    _mail_join_link(request=request, event="join-link-resent")
    record_change(
        request=request,
        actor=actor,
        now=now,
        source=request.status,
        # Not the address itself: the history outlives the contact details (see the retention purge).
        note=str(_("Join link sent again to the contact person")),
    )
    logger.info("company request %s: join link sent again by user %s", request.pk, actor.pk)
    return request


@transaction.atomic
def company_request_decline(
    *, request: CompanyRequest, actor, reason: str, now: dt.datetime
) -> CompanyRequest:
    """Decline a new request with `reason` (sent to the contact, politely). Raises NotAllowed,
    TransitionNotAllowed, or CompanyRequestError without a reason."""
    _check(request=request, target=RequestStatus.DECLINED, actor=actor)
    if not reason.strip():
        raise CompanyRequestError(_("Tell the company why."), field="reason")
    request = lock_request(request)
    if request.status != RequestStatus.NEW:
        raise TransitionNotAllowed
    source = request.status
    request.status = RequestStatus.DECLINED
    request.save(update_fields=["status"])
    record_change(request=request, actor=actor, now=now, source=source, note=reason.strip())
    _mail_contact(request=request, template="company_declined", event="declined", reason=reason.strip())
    return request


@transaction.atomic
def company_request_close(
    *, request: CompanyRequest, actor, now: dt.datetime, note: str = ""
) -> CompanyRequest:
    """Close a planned effort: its join link stops working and a reserved occasion opens to everyone.

    Linked enrolments and applications stay linked (they are the effort's history).
    Raises NotAllowed or TransitionNotAllowed.
    """
    _check(request=request, target=RequestStatus.CLOSED, actor=actor)
    request = lock_request(request)
    if request.status != RequestStatus.PLANNED:
        raise TransitionNotAllowed
    source = request.status
    request.status = RequestStatus.CLOSED
    request.save(update_fields=["status"])
    record_change(request=request, actor=actor, now=now, source=source, note=note.strip())
    return request
