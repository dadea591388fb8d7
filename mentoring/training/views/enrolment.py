"""Enrolment in training offers: the profile (once), the confirmation, cancelling, confirming hours.

Occasions are found only on live, public offer pages; an enrolment only among
the signed-in person's own, so a guessed number is a 404.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from content.models import TrainingOccasion, TrainingOfferPage
from mentoring.models import Enrolment
from mentoring.people import selectors as people_selectors
from mentoring.people.forms import profile_form_for
from mentoring.people.services import applicant_profile_create
from mentoring.training import selectors as training_selectors
from mentoring.training import services as training_services


def _published_occasion(pk: int) -> TrainingOccasion:
    return get_object_or_404(
        TrainingOccasion.objects.filter(page__in=TrainingOfferPage.objects.live().public()).select_related(
            "page"
        ),
        pk=pk,
    )


def _own_enrolment(request, pk: int) -> Enrolment:
    return get_object_or_404(
        Enrolment.objects.filter(person=request.user).select_related("occasion__page"), pk=pk
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def enrol_profile(request, pk: int):
    """The applicant profile, recorded once, on the way to enrolling in occasion `pk`."""
    occasion = _published_occasion(pk)
    # A company's join link sends people here first and asks to come back (same site only).
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    enrol_url = next_url or reverse("mentoring:training_enrol", args=[occasion.pk])
    if people_selectors.applicant_profile_of(request.user) is not None:
        return redirect(enrol_url)
    now = timezone.now()
    form = profile_form_for(request, today=timezone.localdate(now))
    if request.method == "POST" and form.is_valid():
        applicant_profile_create(user=request.user, data=form.cleaned_data, now=now)
        return redirect(enrol_url)
    return render(
        request,
        "mentoring/training/profile.html",
        {"occasion": occasion, "offer": occasion.page, "form": form, "next_url": next_url},
    )


def say_enrolled(request, result: training_services.EnrolmentResult) -> None:
    """Tell the person what their enrolment gave: a place, or their number on the waiting list."""
    if result.position:
        messages.info(
            request,
            _(
                "The course is full. You are number %(position)s on the waiting list; "
                "we will e-mail you if a place opens."
            )
            % {"position": result.position},
        )
    else:
        messages.success(request, _("You have a place. We have sent you a confirmation by e-mail."))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def enrol(request, pk: int):
    published = _published_occasion(pk)
    # The page read may be a translation: its occasion holds no places of its own (the source
    # language's does), but the offer is shown in the language being read.
    occasion = training_selectors.occasion_canonical(published)
    offer = published.page
    if people_selectors.applicant_profile_of(request.user) is None:
        return redirect("mentoring:training_enrol_profile", pk=pk)
    now = timezone.now()
    existing = training_selectors.enrolment_open_of(occasion=occasion, person=request.user)
    if existing is not None:
        messages.info(request, _("You are already signed up for this occasion."))
        return redirect("mentoring:dashboard")
    if request.method == "POST":
        try:
            result = training_services.enrolment_create(occasion=occasion, person=request.user, now=now)
        except training_services.EnrolmentError as error:
            messages.error(request, error.message)
            return redirect(offer.url or "mentoring:dashboard")
        say_enrolled(request, result)
        return redirect("mentoring:dashboard")
    return render(
        request,
        "mentoring/training/enrol.html",
        {
            "occasion": occasion,
            "offer": offer,
            "free_places": training_selectors.occasion_free_places(occasion),
            "started": occasion.starts_on <= timezone.localdate(now),
            "cancel_deadline": timezone.localtime(training_selectors.cancel_deadline(occasion)),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def enrolment_cancel(request, pk: int):
    enrolment = _own_enrolment(request, pk)
    now = timezone.now()
    may_cancel = training_selectors.may_cancel(enrolment, now=now)
    if request.method == "POST" and may_cancel:
        try:
            training_services.enrolment_cancel(enrolment=enrolment, actor=request.user, now=now)
        except training_services.EnrolmentError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your enrolment is cancelled."))
        return redirect("mentoring:dashboard")
    return render(
        request,
        "mentoring/training/cancel.html",
        {
            "enrolment": enrolment,
            "may_cancel": may_cancel,
            "too_late": enrolment.is_open and not may_cancel,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def enrolment_hours_confirm(request, pk: int):
    """The days and hours marked for the person's own enrolment, and the button confirming them."""
    enrolment = _own_enrolment(request, pk)
    if request.method == "POST":
        try:
            training_services.enrolment_hours_confirm(
                enrolment=enrolment, actor=request.user, now=timezone.now()
            )
        except training_services.EnrolmentError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you. Your hours are confirmed."))
        return redirect("mentoring:training_hours_confirm", pk=enrolment.pk)
    attendance = training_selectors.enrolment_attendance(enrolment)
    return render(
        request,
        "mentoring/training/hours.html",
        {
            "enrolment": enrolment,
            "attendance": attendance,
            "total": sum((a.hours for a in attendance), Decimal(0)),
            "confirmed": enrolment.hours_confirmed_at is not None,
        },
    )


# --- For the dashboard --------------------------------------------------------------------------


urlpatterns = [
    path("training/occasions/<int:pk>/enrol/", enrol, name="training_enrol"),
    path("training/occasions/<int:pk>/profile/", enrol_profile, name="training_enrol_profile"),
    path("training/enrolments/<int:pk>/cancel/", enrolment_cancel, name="training_cancel"),
    path("training/enrolments/<int:pk>/hours/", enrolment_hours_confirm, name="training_hours_confirm"),
]
