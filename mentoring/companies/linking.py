"""A planned company effort's employees: enrolments on its reserved occasion, applications in its places.

Only coordinators link and unlink; each change is logged on the enrolment or on the request.
"""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from mentoring.applications.workflow import Status as ApplicationStatus
from mentoring.companies.services import (
    CompanyRequestError,
    NotAllowed,
    TransitionNotAllowed,
    lock_request,
    record_change,
)
from mentoring.companies.workflow import RequestStatus
from mentoring.models import Application, CompanyRequest, EffortKind, Enrolment, EnrolmentEvent
from mentoring.training.services import enrolment_change_record
from portal import roles
from portal.roles import user_has_role

# An application may fill a company's mentoring place while it is still alive.
LINKABLE_APPLICATIONS = frozenset(
    {
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.IN_REVIEW,
        ApplicationStatus.WAITLISTED,
        ApplicationStatus.ACCEPTED,
    }
)


def _check_linking(*, request: CompanyRequest, actor, kind: EffortKind) -> CompanyRequest:
    if not user_has_role(actor, roles.COORDINATORS):
        raise NotAllowed
    request = lock_request(request)
    if request.status != RequestStatus.PLANNED or request.effort_kind != kind:
        raise TransitionNotAllowed
    return request


@transaction.atomic
def company_enrolment_link(
    *, request: CompanyRequest, enrolment: Enrolment, actor, now: dt.datetime
) -> Enrolment:
    """Count `enrolment` (open, on the request's reserved occasion) as one of the company's.

    Raises NotAllowed, TransitionNotAllowed (the request is not a planned occasion
    effort), or CompanyRequestError when the enrolment does not fit.
    """
    request = _check_linking(request=request, actor=actor, kind=EffortKind.OCCASION)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.occasion_id != request.reserved_occasion_id or not enrolment.is_open:
        raise CompanyRequestError(
            _("This person has no open enrolment on the reserved occasion."), field="email"
        )
    if enrolment.company_request_id == request.pk:
        return enrolment
    if enrolment.company_request_id is not None:
        raise CompanyRequestError(_("This enrolment belongs to another company's effort."), field="email")
    enrolment.company_request = request
    enrolment.save(update_fields=["company_request"])
    enrolment_change_record(
        enrolment=enrolment, actor=actor, now=now, event=EnrolmentEvent.LINKED, note=str(request)
    )
    return enrolment


@transaction.atomic
def company_enrolment_unlink(
    *, request: CompanyRequest, enrolment: Enrolment, actor, now: dt.datetime
) -> Enrolment:
    """Take `enrolment` out of the company's effort (the person keeps the enrolment). Raises NotAllowed,
    or CompanyRequestError when it is not linked to `request`."""
    if not user_has_role(actor, roles.COORDINATORS):
        raise NotAllowed
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.company_request_id != request.pk:
        raise CompanyRequestError(_("This enrolment is not linked to this company's effort."))
    enrolment.company_request = None
    enrolment.save(update_fields=["company_request"])
    enrolment_change_record(
        enrolment=enrolment, actor=actor, now=now, event=EnrolmentEvent.UNLINKED, note=str(request)
    )
    return enrolment


@transaction.atomic
def company_application_link(
    *, request: CompanyRequest, application: Application, actor, now: dt.datetime
) -> Application:
    """Let `application` fill one of the request's mentoring places; never more than the places.

    Raises NotAllowed, TransitionNotAllowed (not a planned mentoring effort), or
    CompanyRequestError when the places are taken or the application does not fit.
    """
    request = _check_linking(request=request, actor=actor, kind=EffortKind.MENTORING)
    application = Application.objects.select_for_update().select_related("applicant").get(pk=application.pk)
    if application.company_request_id == request.pk:
        return application
    if application.status not in LINKABLE_APPLICATIONS:
        raise CompanyRequestError(_("This person has no application that can be linked."), field="email")
    if application.company_request_id is not None:
        raise CompanyRequestError(_("This application belongs to another company's effort."), field="email")
    # The request row is locked above, so two coordinators linking at once count one after the other.
    if request.applications.count() >= request.mentoring_places:
        raise CompanyRequestError(_("All the company's mentoring places are taken."), field="email")
    application.company_request = request
    application.save(update_fields=["company_request"])
    record_change(
        request=request,
        actor=actor,
        now=now,
        source=request.status,
        # By the application, not the person: a blind review may still hide who applied.
        note=_("Application linked: %(application)s") % {"application": application},
    )
    return application


@transaction.atomic
def company_application_unlink(
    *, request: CompanyRequest, application: Application, actor, now: dt.datetime
) -> Application:
    """Free the mentoring place `application` held. Raises NotAllowed, or CompanyRequestError when
    it is not linked to `request`."""
    if not user_has_role(actor, roles.COORDINATORS):
        raise NotAllowed
    request = lock_request(request)
    application = Application.objects.select_for_update().select_related("applicant").get(pk=application.pk)
    if application.company_request_id != request.pk:
        raise CompanyRequestError(_("This application is not linked to this company's effort."))
    application.company_request = None
    application.save(update_fields=["company_request"])
    record_change(
        request=request,
        actor=actor,
        now=now,
        source=request.status,
        note=_("Application unlinked: %(application)s") % {"application": application},
    )
    return application
