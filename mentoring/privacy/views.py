"""A person's own data: download all of it, or ask for it to be erased.

Both are for whoever is signed in, about themselves only: there is no id in the
address to guess. Both also ask her to prove it is her, through allauth's
reauthentication (the password, or the second factor where she has one; counted
against its rate limit), unless she did so in the last few minutes: a session left
open on a shared computer must not hand over everything, or delete it.
"""

import io

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from mentoring.models import Application, ApplicationStatus
from mentoring.privacy.services.erasure import erasure_perform, erasure_request, years_after
from mentoring.privacy.services.export import personal_data_export
from mentoring.training.selectors import has_course_hours


@login_required
@reauthentication_required
@require_safe
def personal_data_download(request):
    now = timezone.now()
    content = personal_data_export(user=request.user, now=now)
    response = FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=f"my-data-{now:%Y-%m-%d}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@reauthentication_required
@require_http_methods(["GET", "HEAD", "POST"])
def personal_data_erase(request):
    """The confirmation, and the erasure when it is sent.

    The page itself asks for reauthentication, so she reads what will happen only after
    proving it is her, and comes back here from it. Should the confirmation be sent after
    that has lapsed, allauth keeps the POST while she proves it again, then sends it on.
    """
    now = timezone.now()
    if request.method == "POST":
        erasure = erasure_request(user=request.user, now=now)
        erasure_perform(request_id=erasure.pk, now=now)
        logout(request)
        return render(request, "mentoring/privacy/erased.html", {"reference": erasure.reference})
    keeps_figures = Application.objects.filter(
        applicant=request.user, status=ApplicationStatus.ACCEPTED
    ).exists()
    return render(
        request,
        "mentoring/privacy/erase.html",
        {
            "keeps_figures": keeps_figures,
            "keeps_hours": has_course_hours(request.user),
            "retain_years": settings.ANONYMISED_RETENTION_YEARS,
            "retain_until": years_after(timezone.localdate(now), settings.ANONYMISED_RETENTION_YEARS),
        },
    )


urlpatterns = [
    path("account/data/", personal_data_download, name="personal_data_download"),
    path("account/erase/", personal_data_erase, name="personal_data_erase"),
]
