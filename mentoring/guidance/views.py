"""Study guidance pages: the public list of free times, booking, the calendar file, cancelling,
and the counsellors' page (publishing times, their bookings, recording outcomes).

Bookings come through `guidance_bookings_visible_to(request.user)` (the person's
own or the counsellor's), so a guessed ID is a 404. Counsellor pages need the
Counsellors role: anonymous visitors are sent to sign in, anyone else gets 403.
"""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mentoring.core.forms import add_error
from mentoring.core.roles import role_required
from mentoring.guidance import selectors
from mentoring.guidance.forms import GuidanceBookingForm, GuidanceOutcomeForm, GuidanceSlotForm
from mentoring.guidance.notifications import booking_calendar
from mentoring.guidance.services import (
    GuidanceError,
    guidance_book,
    guidance_booking_cancel,
    guidance_outcome_record,
    guidance_slot_cancel,
    guidance_slot_publish,
)
from portal import roles

# --- Booking --------------------------------------------------------------------------------------


@require_safe
def guidance(request):
    now = timezone.now()
    slots = selectors.guidance_slots_free(now=now)
    days = [
        (day, list(day_slots))
        for day, day_slots in groupby(slots, key=lambda slot: timezone.localdate(slot.starts_at))
    ]
    return render(
        request,
        "mentoring/guidance/list.html",
        {"days": days, "booking": selectors.guidance_booking_upcoming_of(request.user, now=now)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def guidance_book_slot(request, pk: int):
    slot = get_object_or_404(selectors.guidance_slots_open(), pk=pk)
    form = GuidanceBookingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            guidance_book(
                slot=slot, person=request.user, topic=form.cleaned_data["topic"], now=timezone.now()
            )
        except GuidanceError as error:
            messages.error(request, str(error.message))
            return redirect("mentoring:guidance")
        messages.success(request, _("Your conversation is booked. We have e-mailed you a confirmation."))
        return redirect("mentoring:guidance")
    now = timezone.now()
    is_free = selectors.guidance_slots_free(now=now).filter(pk=slot.pk).exists()
    return render(request, "mentoring/guidance/book.html", {"slot": slot, "form": form, "is_free": is_free})


@login_required
@require_safe
def guidance_calendar(request, pk: int):
    booking = get_object_or_404(selectors.guidance_bookings_visible_to(request.user), pk=pk)
    response = HttpResponse(
        booking_calendar(booking=booking, now=timezone.now()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="guidance.ics"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def guidance_cancel(request, pk: int):
    booking = get_object_or_404(selectors.guidance_bookings_visible_to(request.user), pk=pk)
    is_counsellor = booking.slot.counsellor_id == request.user.pk
    back = "mentoring:counsellor_home" if is_counsellor else "mentoring:guidance"
    if request.method == "POST":
        try:
            guidance_booking_cancel(booking=booking, actor=request.user, now=timezone.now())
        except GuidanceError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The conversation is cancelled and the time is free again."))
        return redirect(back)
    return render(request, "mentoring/guidance/cancel.html", {"booking": booking, "back": back})


# --- Counsellors ----------------------------------------------------------------------------------


@role_required(roles.COUNSELLORS)
@require_http_methods(["GET", "HEAD", "POST"])
def counsellor_home(request):
    now = timezone.now()
    form = GuidanceSlotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            guidance_slot_publish(counsellor=request.user, now=now, **form.cleaned_data)
        except GuidanceError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The time is published."))
            return redirect("mentoring:counsellor_home")
    slots = selectors.guidance_slots_of_counsellor(request.user).filter(
        cancelled_at__isnull=True, starts_at__gt=now
    )
    bookings = selectors.guidance_bookings_of_counsellor(request.user).filter(cancelled_at__isnull=True)
    booked = {booking.slot_id: booking for booking in bookings}
    return render(
        request,
        "mentoring/guidance/counsellor.html",
        {
            "form": form,
            "upcoming": [(slot, booked.get(slot.pk)) for slot in slots],
            "held": [
                booking for booking in bookings.order_by("-slot__starts_at") if booking.slot.starts_at <= now
            ],
        },
    )


@role_required(roles.COUNSELLORS)
@require_POST
def counsellor_slot_cancel(request, pk: int):
    slot = get_object_or_404(selectors.guidance_slots_of_counsellor(request.user), pk=pk)
    try:
        guidance_slot_cancel(slot=slot, actor=request.user, now=timezone.now())
    except GuidanceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The time is withdrawn."))
    return redirect("mentoring:counsellor_home")


@role_required(roles.COUNSELLORS)
@require_http_methods(["GET", "HEAD", "POST"])
def counsellor_outcome(request, pk: int):
    booking = get_object_or_404(
        selectors.guidance_bookings_of_counsellor(request.user).filter(cancelled_at__isnull=True), pk=pk
    )
    initial = {"outcome": booking.outcome, "note": booking.outcome_note} if booking.outcome else None
    form = GuidanceOutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            guidance_outcome_record(
                booking=booking,
                actor=request.user,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                now=timezone.now(),
            )
        except GuidanceError as error:
            add_error(form, error)
        else:
            messages.success(request, _("The outcome is recorded."))
            return redirect("mentoring:counsellor_home")
    return render(request, "mentoring/guidance/outcome.html", {"booking": booking, "form": form})


urlpatterns = [
    path("guidance/", guidance, name="guidance"),
    path("guidance/slots/<int:pk>/book/", guidance_book_slot, name="guidance_book"),
    path("guidance/bookings/<int:pk>/calendar.ics", guidance_calendar, name="guidance_calendar"),
    path("guidance/bookings/<int:pk>/cancel/", guidance_cancel, name="guidance_cancel"),
    path("counsellor/", counsellor_home, name="counsellor_home"),
    path("counsellor/slots/<int:pk>/cancel/", counsellor_slot_cancel, name="counsellor_slot_cancel"),
    path("counsellor/bookings/<int:pk>/outcome/", counsellor_outcome, name="counsellor_outcome"),
]
