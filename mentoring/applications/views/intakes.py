"""The coordinators' start page: every intake with its applications by status, and the parts of
their work (the review queue of an intake is in `review`).

Coordinators only: an anonymous visitor is sent to sign in, anyone else signed in gets 403.
"""

from dataclasses import dataclass

from django.shortcuts import render
from django.urls import get_script_prefix, path
from django.utils import timezone
from django.views.decorators.http import require_GET

from mentoring.applications import selectors as review_selectors
from mentoring.core.fragments import fragment_render
from mentoring.core.links import address_of
from mentoring.core.roles import role_required
from mentoring.models import ApplicationStatus, Intake
from portal import roles


@dataclass(frozen=True)
class IntakeRow:
    intake: Intake
    counts: list[int]
    is_open: bool
    review_url: str
    board_url: str


@role_required(roles.COORDINATORS)
@require_GET
def intake_list(request):
    now = timezone.now()
    statuses = list(ApplicationStatus)
    # Each row links to two pages: reversed once for all rows (the template's url tag per row cost
    # more than the rest of its row).
    review_url, board_url = address_of("mentoring:review_queue"), address_of("mentoring:matching_board")
    rows = [
        IntakeRow(
            intake=intake,
            counts=[getattr(intake, f"count_{status}") for status in statuses],
            is_open=intake.is_open(now=now),
            review_url=review_url(intake.pk),
            board_url=board_url(intake.pk),
        )
        for intake in review_selectors.intakes_with_status_counts()
    ]
    return render(
        request,
        "mentoring/coordinator/intake_list.html",
        {
            "rows": rows,
            "statuses": [status.label for status in statuses],
            # The same links for every coordinator in a language (fragment_render).
            "sections": fragment_render(
                "mentoring/coordinator/_sections.html", {}, key=(get_script_prefix(),)
            ),
        },
    )


urlpatterns = [
    path("coordinator/", intake_list, name="intake_list"),
]
