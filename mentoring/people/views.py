"""One record per person, for coordinators: a participant's profile, applications, mentorships, courses with
hours, guidance and outcomes on one page.

Coordinators only: an anonymous visitor is sent to sign in, anyone else signed in gets 403. A number
that is nobody the programme holds a record on is a 404. Opening the record is logged for the person,
as opening an application is.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_safe

from mentoring.certificates.selectors import certificates_of_person
from mentoring.core.display import person_name
from mentoring.core.roles import is_coordinator, role_required
from mentoring.guidance.selectors import is_counsellor
from mentoring.models import AccessLog, MentorProfile
from mentoring.people import selectors as person_selectors
from mentoring.privacy.services.access_log import access_log_record
from mentoring.training.selectors import is_course_staff
from portal import roles


def _name(record: person_selectors.PersonRecord) -> str:
    if record.erased:
        return _("Erased person")
    name = record.profile.full_name if record.profile else ""
    return name or person_name(record.person)


@role_required(roles.COORDINATORS)
@require_GET
def person_record(request, pk: int):
    record = person_selectors.person_record(pk=pk, viewer=request.user)
    # The record shows the applicant profile and what hangs on it: logged as a view of the profile.
    access_log_record(
        viewer=request.user,
        subject=record.person,
        what=AccessLog.What.PROFILE,
        object_id=record.profile.pk if record.profile else None,
        now=timezone.now(),
    )
    context = {
        "record": record,
        "name": _name(record),
        # An erasure blanked the contact details and the employer; the rest stays for the figures.
        "profile_facts": person_selectors.applicant_profile_facts(
            record.profile, contact=not record.erased, age_and_gender=True, employer=not record.erased
        ),
        # (object, the name of the person who acted on it), for the tables.
        "mentorships": [(m, person_name(m.mentor.user)) for m in record.mentorships],
        "bookings": [(b, person_name(b.slot.counsellor)) for b in record.bookings],
        # Read only where the record found one: most people have none.
        "certificates": certificates_of_person(record.person) if record.has_certificates else [],
        "history": [
            (c, person_name(c.actor) if c.actor_id else _("(deleted account)")) for c in record.history
        ],
    }
    return render(request, "mentoring/coordinator/person.html", context)


@login_required
@require_safe
def account_home(request):
    return render(
        request,
        "account/home.html",
        {
            "is_coordinator": is_coordinator(request.user),
            "is_mentor": MentorProfile.objects.filter(user=request.user).exists(),
            "is_counsellor": is_counsellor(request.user),
            "is_course_staff": is_course_staff(request.user),
        },
    )


urlpatterns = [
    path("coordinator/people/<int:pk>/", person_record, name="person_record"),
]
