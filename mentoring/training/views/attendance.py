"""The course staff's pages: the occasions, and per occasion who is enrolled and their attendance.

Coordinators and course leaders only: anonymous visitors are sent to sign in,
anyone else gets 403. Occasions are addressed by their canonical row (the one
that holds places), so a translation's or a guessed number is a 404.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from mentoring.certificates.selectors import certificates_valid_of
from mentoring.core.display import person_name
from mentoring.core.forms import add_error
from mentoring.core.roles import role_required
from mentoring.training import selectors as training_selectors
from mentoring.training import services as training_services
from mentoring.training.forms import AttendanceForm
from portal import roles


def _parse_day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


# The second submit button's name: everyone whose field is left empty attended a full day.
EMPTY_PRESENT = "empty_present"


def _say_saved(request, *, day: dt.date, changed: list, rows: list) -> None:
    """Say whose hours were saved, by name, so the course leader sees nobody else was touched."""
    when = date_format(day)
    if not changed:
        messages.info(
            request, _("Nothing was saved for %(day)s: no hours were written or changed.") % {"day": when}
        )
        return
    changed_ids = {enrolment.pk for enrolment in changed}
    names = [person_name(row.enrolment.person) for row in rows if row.enrolment.pk in changed_ids]
    messages.success(
        request,
        ngettext(
            "Attendance for %(day)s is saved for %(count)d person: %(names)s.",
            "Attendance for %(day)s is saved for %(count)d people: %(names)s.",
            len(names),
        )
        % {"day": when, "count": len(names), "names": ", ".join(names)},
    )


def _default_day(days: list[dt.date], today: dt.date) -> dt.date:
    return today if today in days else days[0]


@role_required(roles.COORDINATORS, roles.COURSE_LEADERS)
@require_safe
def staff_occasions(request):
    today = timezone.localdate()
    occasions = list(training_selectors.occasions_for_staff(today=today))
    return render(
        request,
        "mentoring/attendance/occasions.html",
        {
            "current": [o for o in occasions if o.ends_on >= today],
            "ended": sorted(
                (o for o in occasions if o.ends_on < today), key=lambda o: (o.ends_on, o.pk), reverse=True
            ),
            "recent_days": training_selectors.STAFF_RECENT_DAYS,
            "today": today,
        },
    )


@role_required(roles.COORDINATORS, roles.COURSE_LEADERS)
@require_http_methods(["GET", "HEAD", "POST"])
def staff_occasion(request, pk: int):
    occasion = get_object_or_404(training_selectors.occasions_canonical().select_related("page"), pk=pk)
    now = timezone.now()
    today = timezone.localdate(now)
    grid = training_selectors.occasion_attendance_grid(occasion)
    asked = _parse_day(request.POST.get("day") if request.method == "POST" else request.GET.get("day"))
    day = asked if asked in grid.days else _default_day(grid.days, today)
    default_hours = Decimal(settings.TRAINING_DEFAULT_HOURS_PER_DAY)
    form = AttendanceForm(request.POST if request.method == "POST" else None, rows=grid.enrolled, day=day)
    if request.method == "POST":
        if asked not in grid.days:
            form.add_error(None, _("Choose one of the course's days."))
        elif form.is_valid():
            try:
                changed = training_services.attendance_mark(
                    occasion=occasion,
                    day=day,
                    # Only what the course leader wrote, or asked for with the second button.
                    hours_by_enrolment=form.hours_by_enrolment(
                        empty_as=default_hours if EMPTY_PRESENT in request.POST else None
                    ),
                    actor=request.user,
                    now=now,
                )
            except training_services.EnrolmentError as error:
                add_error(form, error)
            else:
                _say_saved(request, day=day, changed=changed, rows=grid.enrolled)
                url = reverse("mentoring:staff_occasion", args=[occasion.pk])
                return redirect(f"{url}?day={day:%Y-%m-%d}")
    return render(
        request,
        "mentoring/attendance/occasion.html",
        {
            "occasion": occasion,
            "offer": occasion.page,
            "grid": grid,
            "day": day,
            "days": grid.days,
            "day_has_come": day <= today,
            "form": form,
            "default_hours": default_hours,
            "empty_present": EMPTY_PRESENT,
            # The person record is the coordinators' (course leaders would get a 403 there).
            "links_to_records": roles.user_has_role(request.user, roles.COORDINATORS),
            # Who holds a valid certificate of this occasion, for the course leader to see.
            "certified": set(certificates_valid_of(row.enrolment.pk for row in grid.enrolled)),
        },
    )


urlpatterns = [
    path("staff/courses/", staff_occasions, name="staff_occasions"),
    path("staff/courses/<int:pk>/", staff_occasion, name="staff_occasion"),
]
