"""Company requests: the public request form, the coordinators' pages, and the employees' join link.

The form needs no account. The coordinators' pages need the Coordinators role:
an anonymous visitor is sent to sign in, anyone else signed in gets 403, and a
guessed number is a 404. The join link is a signed token; a bad one says nothing
about any company (404), an old one says the link has ended (410).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mentoring.applications.selectors import identity_visible
from mentoring.companies import linking, services
from mentoring.companies import selectors as company_selectors
from mentoring.companies import workflow as company_workflow
from mentoring.companies.filters import CompanyRequestFilter
from mentoring.companies.forms import (
    CompanyRequestForm,
    DeclineForm,
    LinkPersonForm,
    PlanMentoringForm,
    PlanOccasionForm,
)
from mentoring.companies.workflow import RequestStatus, Role
from mentoring.core.forms import add_error
from mentoring.core.ratelimit import client_address, counted_over
from mentoring.core.roles import role_required
from mentoring.models import (
    Application,
    CompanyNeed,
    CompanyRequest,
    CompanyRequestStatus,
    EffortKind,
    Enrolment,
)
from mentoring.people import selectors as people_selectors
from mentoring.training import selectors as training_selectors
from mentoring.training import services as training_services
from mentoring.training.views.enrolment import say_enrolled
from portal import roles

LIST_PAGE_SIZE = 25
STATUS_BADGES = {
    RequestStatus.NEW: "badge badge--warning",
    RequestStatus.PLANNED: "badge badge--success",
    RequestStatus.DECLINED: "badge",
    RequestStatus.CLOSED: "badge",
}


# --- The public form ------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def company_request(request):
    language = (translation.get_language() or "sv")[:2]
    form = CompanyRequestForm(request.POST or None, initial={"contact_language": language})
    if request.method == "POST" and form.is_valid():
        # A robot that filled the hidden field is thanked like a person, and nothing is stored.
        if form.is_from_robot:
            return redirect("mentoring:company_request_thanks")
        if not _over_the_limits(request, form):
            services.company_request_submit(data=form.cleaned_data, now=timezone.now(), language=language)
            return redirect("mentoring:company_request_thanks")
        return render(request, "mentoring/company/request_form.html", {"form": form}, status=429)
    return render(request, "mentoring/company/request_form.html", {"form": form})


def _over_the_limits(request, form: CompanyRequestForm) -> bool:
    """Count the request per client and per contact address; past either limit, say so on the form.

    Each request mails its contact, so the limits keep the form from mailing strangers.
    """
    if counted_over(
        request,
        group="company-request-client",
        key=client_address(request),
        rate=settings.COMPANY_REQUEST_RATE_PER_CLIENT,
    ):
        form.add_error(
            None, _("Many requests have come from your connection in a short time. Try again in an hour.")
        )
        return True
    if counted_over(
        request,
        group="company-request-address",
        key=form.cleaned_data["contact_email"].strip().lower(),
        rate=settings.COMPANY_REQUEST_RATE_PER_ADDRESS,
    ):
        form.add_error(
            "contact_email",
            _(
                "We have already received requests with this address today. A coordinator will be in "
                "touch; to send another, try again tomorrow."
            ),
        )
        return True
    return False


@require_safe
def company_request_thanks(request):
    return render(request, "mentoring/company/thanks.html")


# --- Coordinators ---------------------------------------------------------------------------------


@role_required(roles.COORDINATORS)
@require_safe
def company_requests(request):
    filters = CompanyRequestFilter(request.GET or None)
    page = Paginator(company_selectors.company_requests_listed(filters=filters), LIST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        {
            "request": item,
            "badge": STATUS_BADGES.get(item.status, "badge"),
            "status_label": item.get_status_display(),
            "linked": item.linked_enrolments + item.linked_applications,
        }
        for item in page.object_list
    ]
    return render(
        request,
        "mentoring/coordinator/company_requests.html",
        {"form": filters.form, "is_filtered": filters.is_filtered(), "page": page, "rows": rows},
        status=filters.response_status,
    )


def _detail(request, item: CompanyRequest, *, status: int = 200, **forms):
    now = timezone.now()
    moves = {t.action for t in company_workflow.moves_from(item.status, Role.COORDINATOR)}
    may_plan = "plan" in moves
    context = {
        "item": item,
        "badge": STATUS_BADGES.get(item.status, "badge"),
        "changes": [
            {
                "change": change,
                "from_label": _status_label(change.from_status),
                "to_label": _status_label(change.to_status),
            }
            for change in company_selectors.company_request_changes(item)
        ],
        "enrolments": company_selectors.company_enrolments_linked(item),
        "application_rows": [
            # The application page's rule: a blind review hides who applied until the decision.
            {
                "application": application,
                "identity_visible": identity_visible(application=application, viewer=request.user),
            }
            for application in company_selectors.company_applications_linked(item)
        ],
        "may_plan": may_plan,
        "may_decline": "decline" in moves,
        "may_close": "close" in moves,
        "may_link": item.status == RequestStatus.PLANNED,
        # The link the contact shares with the employees, while it works, to read out or send again.
        "join_url": services.company_join_url(request=item)
        if services.company_join_link_works(request=item, now=now)
        else "",
        "is_occasion": item.effort_kind == EffortKind.OCCASION,
        "is_mentoring": item.effort_kind == EffortKind.MENTORING,
        "plan_occasion_form": forms.get("plan_occasion_form")
        or (
            PlanOccasionForm(occasions=services.occasions_free_to_reserve(now=now), prefix="occasion")
            if may_plan
            else None
        ),
        "plan_mentoring_form": forms.get("plan_mentoring_form") or PlanMentoringForm(prefix="mentoring"),
        "decline_form": forms.get("decline_form") or DeclineForm(prefix="decline"),
        "link_form": forms.get("link_form") or LinkPersonForm(prefix="link"),
        "needs": [label for value, label in CompanyNeed.choices if value in (item.needs or [])],
    }
    if item.effort_kind == EffortKind.MENTORING and item.mentoring_places:
        context["free_places"] = max(item.mentoring_places - len(context["application_rows"]), 0)
    return render(request, "mentoring/coordinator/company_request_detail.html", context, status=status)


def _status_label(value: str) -> str:
    return str(CompanyRequestStatus(value).label) if value in CompanyRequestStatus.values else value


def _request_or_404(pk: int) -> CompanyRequest:
    return get_object_or_404(CompanyRequest.objects.select_related("reserved_occasion__page"), pk=pk)


@role_required(roles.COORDINATORS)
@require_safe
def company_request_detail(request, pk: int):
    return _detail(request, _request_or_404(pk))


def _back(item: CompanyRequest):
    return redirect("mentoring:company_request_detail", pk=item.pk)


@role_required(roles.COORDINATORS)
@require_POST
def company_request_plan_occasion(request, pk: int):
    item = _request_or_404(pk)
    now = timezone.now()
    form = PlanOccasionForm(
        request.POST, occasions=services.occasions_free_to_reserve(now=now), prefix="occasion"
    )
    if form.is_valid():
        try:
            services.company_request_plan(
                request=item, actor=request.user, now=now, occasion=form.cleaned_data["occasion"]
            )
        except services.CompanyRequestError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The occasion is reserved and the contact person has the join link."))
            return _back(item)
    return _detail(request, item, status=400, plan_occasion_form=form)


@role_required(roles.COORDINATORS)
@require_POST
def company_request_plan_mentoring(request, pk: int):
    item = _request_or_404(pk)
    form = PlanMentoringForm(request.POST, prefix="mentoring")
    if form.is_valid():
        try:
            services.company_request_plan(
                request=item,
                actor=request.user,
                now=timezone.now(),
                mentoring_places=form.cleaned_data["mentoring_places"],
            )
        except services.CompanyRequestError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The mentoring places are set aside and the contact person is told."))
            return _back(item)
    return _detail(request, item, status=400, plan_mentoring_form=form)


@role_required(roles.COORDINATORS)
@require_POST
def company_request_decline(request, pk: int):
    item = _request_or_404(pk)
    form = DeclineForm(request.POST, prefix="decline")
    if form.is_valid():
        try:
            services.company_request_decline(
                request=item, actor=request.user, reason=form.cleaned_data["reason"], now=timezone.now()
            )
        except services.CompanyRequestError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The request is declined and the contact person is told."))
            return _back(item)
    return _detail(request, item, status=400, decline_form=form)


def _act(request, pk: int, service, done: str):
    """Call `service` on the request `pk` for a button without a form: `done` or the refusal
    becomes a message on the request's page."""
    item = _request_or_404(pk)
    try:
        service(request=item, actor=request.user, now=timezone.now())
    except services.CompanyRequestError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, done)
    return _back(item)


@role_required(roles.COORDINATORS)
@require_POST
def company_request_close(request, pk: int):
    return _act(request, pk, services.company_request_close, _("The effort is closed."))


@role_required(roles.COORDINATORS)
@require_POST
def company_request_resend_link(request, pk: int):
    return _act(
        request,
        pk,
        services.company_join_link_resend,
        _("The join link is e-mailed to the contact person again."),
    )


@role_required(roles.COORDINATORS)
@require_POST
def company_request_link(request, pk: int):
    item = _request_or_404(pk)
    form = LinkPersonForm(request.POST, prefix="link")
    if form.is_valid():
        email = form.cleaned_data["email"]
        now = timezone.now()
        try:
            if item.effort_kind == EffortKind.OCCASION:
                enrolment = company_selectors.enrolment_to_link(request=item, email=email)
                if enrolment is None:
                    raise services.CompanyRequestError(
                        _("This person has no open enrolment on the reserved occasion."), field="email"
                    )
                linking.company_enrolment_link(request=item, enrolment=enrolment, actor=request.user, now=now)
            else:
                application = company_selectors.application_to_link(email=email)
                if application is None:
                    raise services.CompanyRequestError(
                        _("This person has no application that can be linked."), field="email"
                    )
                linking.company_application_link(
                    request=item, application=application, actor=request.user, now=now
                )
        except services.CompanyRequestError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The person is linked to the company's effort."))
            return _back(item)
    return _detail(request, item, status=400, link_form=form)


@role_required(roles.COORDINATORS)
@require_POST
def company_request_unlink_enrolment(request, pk: int, enrolment_pk: int):
    item = _request_or_404(pk)
    enrolment = get_object_or_404(Enrolment, pk=enrolment_pk, company_request=item)
    linking.company_enrolment_unlink(
        request=item, enrolment=enrolment, actor=request.user, now=timezone.now()
    )
    messages.success(request, _("The enrolment is no longer linked to the company's effort."))
    return _back(item)


@role_required(roles.COORDINATORS)
@require_POST
def company_request_unlink_application(request, pk: int, application_pk: int):
    item = _request_or_404(pk)
    application = get_object_or_404(Application, pk=application_pk, company_request=item)
    linking.company_application_unlink(
        request=item, application=application, actor=request.user, now=timezone.now()
    )
    messages.success(request, _("The application is no longer linked to the company's effort."))
    return _back(item)


# --- Employees ------------------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def company_join(request, token: str):
    now = timezone.now()
    try:
        item = services.company_request_from_token(token=token, now=now)
    except services.JoinLinkInvalid as error:
        return render(request, "mentoring/company/join_invalid.html", {"message": error.message}, status=404)
    except services.JoinLinkExpired as error:
        return render(request, "mentoring/company/join_invalid.html", {"message": error.message}, status=410)
    occasion = item.reserved_occasion
    if people_selectors.applicant_profile_of(request.user) is None:
        profile_url = reverse("mentoring:training_enrol_profile", args=[occasion.pk])
        return redirect(f"{profile_url}?{urlencode({'next': request.path})}")
    existing = training_selectors.enrolment_open_of(occasion=occasion, person=request.user)
    if request.method == "POST" and existing is None:
        try:
            result = training_services.enrolment_create(
                occasion=occasion, person=request.user, now=now, company_request=item
            )
        except training_services.EnrolmentError as error:
            messages.error(request, error.message)
            return redirect("mentoring:company_join", token=token)
        say_enrolled(request, result)
        return redirect("mentoring:dashboard")
    # The offer in the language being read, when it has a live translation.
    offer = occasion.page.localized
    return render(
        request,
        "mentoring/company/join.html",
        {
            "item": item,
            "occasion": occasion,
            "offer": offer,
            "free_places": training_selectors.occasion_free_places(occasion),
            "existing": existing,
            "cancel_deadline": timezone.localtime(training_selectors.cancel_deadline(occasion)),
        },
    )


urlpatterns = [
    path("company/", company_request, name="company_request"),
    path("company/thanks/", company_request_thanks, name="company_request_thanks"),
    path("company/join/<str:token>/", company_join, name="company_join"),
    path("coordinator/companies/", company_requests, name="company_requests"),
    path("coordinator/companies/<int:pk>/", company_request_detail, name="company_request_detail"),
    path(
        "coordinator/companies/<int:pk>/plan-occasion/",
        company_request_plan_occasion,
        name="company_request_plan_occasion",
    ),
    path(
        "coordinator/companies/<int:pk>/plan-mentoring/",
        company_request_plan_mentoring,
        name="company_request_plan_mentoring",
    ),
    path("coordinator/companies/<int:pk>/decline/", company_request_decline, name="company_request_decline"),
    path("coordinator/companies/<int:pk>/close/", company_request_close, name="company_request_close"),
    path("coordinator/companies/<int:pk>/link/", company_request_link, name="company_request_link"),
    path(
        "coordinator/companies/<int:pk>/resend-link/",
        company_request_resend_link,
        name="company_request_resend_link",
    ),
    path(
        "coordinator/companies/<int:pk>/enrolments/<int:enrolment_pk>/unlink/",
        company_request_unlink_enrolment,
        name="company_request_unlink_enrolment",
    ),
    path(
        "coordinator/companies/<int:pk>/applications/<int:application_pk>/unlink/",
        company_request_unlink_application,
        name="company_request_unlink_application",
    ),
]
