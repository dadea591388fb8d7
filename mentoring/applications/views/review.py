"""The coordinators' pages: the review queue, an application, reviews and decisions.

Every view needs the Coordinators role: an anonymous visitor is sent to sign in,
anyone else signed in gets 403. Objects come through selectors that filter by
the user, so a guessed ID of something not visible is a 404.
"""

import functools
from datetime import date
from typing import NamedTuple

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.urls import path, reverse
from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mentoring.applications import selectors
from mentoring.applications import selectors as review_selectors
from mentoring.applications.filters import QueueFilter
from mentoring.applications.forms.review import BulkDecisionForm, DecisionForm, ReviewForm
from mentoring.applications.services import (
    AcceptanceNeedsReason,
    IdentityRevealNotAllowed,
    ReviewNotAllowed,
    StaleDecision,
    TransitionNotAllowed,
    application_decide,
    application_identity_reveal,
    applications_decide,
    review_declare_conflict,
    review_record,
)
from mentoring.applications.views.review_forms import UnsentDecision, decision_parts, review_fields
from mentoring.applications.workflow import Status
from mentoring.core.choices import (
    Municipality,
)
from mentoring.core.display import label_of
from mentoring.core.fragments import fragment_render, row_render
from mentoring.core.links import address_of
from mentoring.core.querysets import instance_or_404
from mentoring.core.roles import role_required
from mentoring.models import AccessLog, Application, ApplicationStatus, Intake
from mentoring.privacy.services.access_log import access_logs_record
from portal import roles

QUEUE_PAGE_SIZE = 25
STATUS_BADGES = {
    Status.ACCEPTED: "badge--success",
    Status.WAITLISTED: "badge--warning",
    Status.REJECTED: "badge--warning",
}


# --- The review queue --------------------------------------------------------


class QueueRow(NamedTuple):
    """One application as its queue row shows it: every text worked out once, here, rather than
    by a template tag per row (the queue's rendering was most of its time). Everything the row's
    HTML depends on but the language, so equal rows are drawn once (`row_render`)."""

    pk: int
    # The row's checkbox: its value (the application's ID) and its id, which its label points to.
    value: str
    checkbox_id: str
    select_label: str
    title: str
    url: str
    status: str
    badge: str
    submitted_on: str
    municipality: str
    average_score: str | None
    review_count: str
    selected: bool
    outside_target_groups: tuple[str, ...]


# reverse() once a page rather than once a row: the rows' addresses differ only in the ID.
ID_SLOT = 999999999


# A queue shows few distinct days and scores: each is written once per process and language (as the
# template's date and floatformat filters write them), not once a row. Only a day and a number are
# kept, nothing of whose they are.
@functools.lru_cache(maxsize=4096)
def _day_written(day: date, date_format: str, language: str) -> str:
    # SHORT_DATE_FORMAT names only the day's parts: a day writes as any time of it would.
    return dateformat.format(day, date_format)


@functools.lru_cache(maxsize=4096, typed=True)
def _score_written(score, language: str) -> str:
    return floatformat(score, 2)


def _queue_rows(applications, *, intake: Intake, selected: set[int]) -> list[QueueRow]:
    """The rows of `applications`, read as `selectors.QUEUE_ROW_VALUES`."""
    before_id, after_id = reverse("mentoring:application_detail", args=[ID_SLOT]).split(str(ID_SLOT))
    select_label = _("Select “%(title)s”")
    status_labels = {status: str(label) for status, label in ApplicationStatus.choices}
    short_date = get_format("SHORT_DATE_FORMAT")
    zone = timezone.get_current_timezone()
    language = get_language()
    rows = []
    for application in applications:
        pk = application["pk"]
        title = Application.title_of(application["idea_title"], pk)
        status = application["status"]
        # As the template's date filter writes it: the day where the coordinator is.
        submitted_at = application["submitted_at"] and application["submitted_at"].astimezone(zone)
        municipality = application[f"{selectors.PROFILE}municipality"]
        average_score = application["average_score"]
        rows.append(
            QueueRow(
                pk=pk,
                value=str(pk),
                checkbox_id=f"select-{pk}",
                select_label=select_label % {"title": title},
                title=title,
                url=f"{before_id}{pk}{after_id}",
                status=status_labels.get(status, status),
                badge=STATUS_BADGES.get(status, ""),
                submitted_on=_day_written(submitted_at.date(), short_date, language) if submitted_at else "",
                municipality=label_of(Municipality, municipality) if municipality else "",
                average_score=None if average_score is None else _score_written(average_score, language),
                review_count=str(application["review_count"]),
                selected=pk in selected,
                outside_target_groups=selectors.queue_outside_target_groups(
                    application, intake=intake, submitted_on=submitted_at.date() if submitted_at else None
                ),
            )
        )
    return rows


# The queue's filter fields and its unsent decision fields are the same for every coordinator
# who chose the same filters (fragment_render): a search text, a value that is not valid (its
# error repeats it) and a form sent with errors are rendered each time.
def _filter_fields(queue_filter: QueueFilter) -> str:
    form = queue_filter.form
    chosen = tuple(form.data.get(name, "") for name in form.fields)
    keep = not form.errors and not form.data.get("q")
    return fragment_render(
        "mentoring/coordinator/queue_filter_fields.html",
        {"filter_form": form},
        key=(queue_filter.blind, form.is_bound, chosen) if keep else None,
    )


def _bulk_fields(bulk_form: BulkDecisionForm) -> str:
    return fragment_render(
        "mentoring/coordinator/queue_bulk_fields.html",
        {"bulk_form": bulk_form},
        key=None if bulk_form.is_bound else (),
    )


def _render_queue(request, intake: Intake, bulk_form: BulkDecisionForm, status: int = 200):
    queue_filter = QueueFilter(request.GET or None, blind=intake.blind_review)
    queue = review_selectors.queue_listed(intake=intake, reviewer=request.user, filters=queue_filter)
    page = Paginator(queue, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    # Values for the page's rows only: counted, the queue needs none of the profile's columns (nor its join).
    rows = _queue_rows(page.object_list, intake=intake, selected=bulk_form.selected_ids())
    query = request.GET.urlencode()
    return render(
        request,
        "mentoring/coordinator/review_queue.html",
        {
            "intake": intake,
            "filter_form": queue_filter.form,
            "filter_fields": _filter_fields(queue_filter),
            "bulk_form": bulk_form,
            "bulk_fields": _bulk_fields(bulk_form),
            "page_obj": page,
            "rows": rows,
            "rows_html": [row_render("mentoring/coordinator/queue_row.html", row) for row in rows],
            "is_filtered": queue_filter.is_filtered(),
            "bulk_action": reverse("mentoring:bulk_decide", args=[intake.pk])
            + (f"?{query}" if query else ""),
        },
        # A filter value that is not valid is a 400 whatever the bulk form says: the page tells which.
        status=max(status, queue_filter.response_status),
    )


def _queue_applications(request, intake: Intake):
    return selectors.applications_visible_to(request.user).filter(intake=intake).exclude(status=Status.DRAFT)


@role_required(roles.COORDINATORS)
@require_GET
def review_queue(request, intake_id: int):
    intake = instance_or_404(Intake, intake_id)
    bulk_form = BulkDecisionForm(applications=_queue_applications(request, intake))
    return _render_queue(request, intake, bulk_form)


@role_required(roles.COORDINATORS)
@require_POST
def bulk_decide(request, intake_id: int):
    intake = get_object_or_404(Intake, pk=intake_id)
    form = BulkDecisionForm(request.POST, applications=_queue_applications(request, intake))
    if not form.is_valid():
        return _render_queue(request, intake, form)
    result = applications_decide(
        applications=list(form.cleaned_data["applications"]),
        decision=Status(form.cleaned_data["decision"]),
        actor=request.user,
        now=timezone.now(),
        reason=form.cleaned_data["reason"].strip(),
    )
    decision = ApplicationStatus(form.cleaned_data["decision"]).label
    if result.decided:
        messages.success(
            request,
            ngettext(
                "%(count)d application decided: %(decision)s.",
                "%(count)d applications decided: %(decision)s.",
                len(result.decided),
            )
            % {"count": len(result.decided), "decision": decision},
        )
    if result.need_reason:
        messages.warning(
            request,
            ngettext(
                "%(count)d application not accepted: it falls outside the intake's target groups. "
                "Accept it from its own page, with a reason.",
                "%(count)d applications not accepted: they fall outside the intake's target groups. "
                "Accept each from its own page, with a reason.",
                len(result.need_reason),
            )
            % {"count": len(result.need_reason)},
        )
    if result.skipped:
        messages.warning(
            request,
            ngettext(
                "%(count)d application skipped: its status does not allow this decision, "
                "or you have declared a conflict of interest for it.",
                "%(count)d applications skipped: their status does not allow this decision, "
                "or you have declared a conflict of interest for them.",
                len(result.skipped),
            )
            % {"count": len(result.skipped)},
        )
    query = request.GET.urlencode()
    target = reverse("mentoring:review_queue", args=[intake.pk])
    return HttpResponseRedirect(f"{target}?{query}" if query else target)


# --- One application ---------------------------------------------------------


# An empty rubric form depends only on the intake's weights, an unsent decision form only on the
# decisions it offers, the status they were offered from and whether the application falls outside
# the target groups: their HTML is kept (mentoring.core.fragments), and such a form is built only
# to draw it. A coordinator's own review, and a form sent with errors, are drawn each time.
# The pages an application's page links to, by the name its template gives each.
_DETAIL_LINKS = {
    "conflict": "mentoring:application_conflict",
    "business_plan": "mentoring:business_plan",
    "identity_reveal": "mentoring:application_identity_reveal",
    "review": "mentoring:application_review",
    "decide": "mentoring:application_decide",
}


def _detail_links(application: Application) -> dict[str, str]:
    return {
        "review_queue": address_of("mentoring:review_queue")(application.intake_id),
        "person_record": address_of("mentoring:person_record")(application.applicant_id),
        **{name: address_of(viewname)(application.pk) for name, viewname in _DETAIL_LINKS.items()},
    }


def _render_detail(request, application: Application, *, review_form=None, decision_form=None):
    """The application's page, with the rubric and decision forms sent (with their errors) if any."""
    detail = review_selectors.application_detail(application=application, viewer=request.user)
    weights = application.intake.rubric_weights
    if review_form is None and detail.scoring_open:
        initial = ReviewForm.initial_from(detail.own_review)
        if initial:
            review_form = ReviewForm(initial=initial, weights=weights)
    unsent = None
    if decision_form is None and detail.decisions:
        unsent = UnsentDecision(
            moves=tuple(detail.decisions),
            outside_target_groups=bool(detail.outside_target_groups),
            status=application.status,
        )
    decision_offered = decision_form is not None or unsent is not None
    return render(
        request,
        "mentoring/coordinator/application_detail.html",
        vars(detail)
        | {
            "badge": STATUS_BADGES.get(application.status, ""),
            "links": _detail_links(application),
            # The forms themselves only where they were sent or hold a review: the template reads
            # their errors, which an unsent form has none of.
            "review_offered": review_form is not None or detail.scoring_open,
            "review_form": review_form,
            "review_fields": review_fields(review_form, offered=detail.scoring_open, weights=weights),
            "decision_offered": decision_offered,
            "decision_form": decision_form,
            **decision_parts(decision_form, unsent),
            "places": review_selectors.intake_places(application=application) if decision_offered else None,
        },
    )


def _refuse_if_conflicted(request, application: Application):
    """A coordinator who stepped aside neither scores nor decides this application."""
    review = review_selectors.review_by(application=application, reviewer=request.user)
    if review is not None and review.conflict_of_interest:
        messages.error(request, _("You have declared a conflict of interest for this application."))
        return redirect("mentoring:application_detail", pk=application.pk)
    return None


@role_required(roles.COORDINATORS)
@require_GET
def application_detail(request, pk: int):
    application = review_selectors.application_for_coordinator(user=request.user, pk=pk)
    # The page shows the application and the applicant's profile: both views are logged for the person.
    profile = getattr(application.applicant, "applicant_profile", None)
    access_logs_record(
        viewer=request.user,
        subject=application.applicant,
        views=[
            (AccessLog.What.APPLICATION, pk),
            *([(AccessLog.What.PROFILE, profile.pk)] if profile is not None else []),
        ],
        now=timezone.now(),
    )
    return _render_detail(request, application)


@role_required(roles.COORDINATORS)
@require_POST
def application_review(request, pk: int):
    application = review_selectors.application_for_coordinator(user=request.user, pk=pk)
    if refused := _refuse_if_conflicted(request, application):
        return refused
    form = ReviewForm(request.POST, weights=application.intake.rubric_weights)
    if form.is_valid():
        try:
            review_record(
                application=application,
                reviewer=request.user,
                scores=form.scores(),
                comment=form.cleaned_data["comment"].strip(),
                now=timezone.now(),
            )
        except TransitionNotAllowed as error:
            form.add_error(None, error.message)
        except ReviewNotAllowed as error:
            # The detail page no longer offers this coordinator a review form and says why.
            messages.error(request, error.message)
            return redirect("mentoring:application_detail", pk=application.pk)
        else:
            messages.success(request, _("Your review is saved."))
            return redirect("mentoring:application_detail", pk=application.pk)
    return _render_detail(request, application, review_form=form)


@role_required(roles.COORDINATORS)
@require_POST
def application_conflict(request, pk: int):
    application = review_selectors.application_for_coordinator(user=request.user, pk=pk)
    try:
        review_declare_conflict(application=application, reviewer=request.user)
    except ReviewNotAllowed as error:
        messages.error(request, error.message)
        return redirect("mentoring:application_detail", pk=application.pk)
    messages.success(
        request,
        _("You have stepped aside from “%(title)s”. It no longer appears in your review queue.")
        % {"title": application},
    )
    return redirect("mentoring:review_queue", intake_id=application.intake_id)


@role_required(roles.COORDINATORS)
@require_POST
def application_identity_reveal_view(request, pk: int):
    application = review_selectors.application_for_coordinator(user=request.user, pk=pk)
    try:
        application_identity_reveal(application=application, coordinator=request.user, now=timezone.now())
    except IdentityRevealNotAllowed as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("You now see who applied. You can decide this application, but no longer score it.")
        )
    return redirect("mentoring:application_detail", pk=application.pk)


@role_required(roles.COORDINATORS)
@require_POST
def application_decide_view(request, pk: int):
    application = review_selectors.application_for_coordinator(user=request.user, pk=pk)
    if refused := _refuse_if_conflicted(request, application):
        return refused
    form = DecisionForm(
        request.POST,
        moves=review_selectors.decisions_open(application=application),
        outside_target_groups=bool(review_selectors.outside_target_groups(application)),
    )
    if form.is_valid():
        expected = form.cleaned_data["expected_status"]
        try:
            application = application_decide(
                application=application,
                decision=Status(form.cleaned_data["decision"]),
                actor=request.user,
                now=timezone.now(),
                reason=form.cleaned_data["reason"].strip(),
                internal_note=form.cleaned_data["internal_note"].strip(),
                expected_status=Status(expected) if expected else None,
            )
        except StaleDecision as error:
            form.add_error(None, error.message)
            application = review_selectors.application_for_coordinator(user=request.user, pk=pk)
        except AcceptanceNeedsReason as error:
            form.add_error("internal_note", error.message)
        except TransitionNotAllowed as error:
            form.add_error("decision", error.message)
        else:
            messages.success(
                request,
                _("Decision recorded: %(status)s. The applicant is told by e-mail.")
                % {"status": application.get_status_display()},
            )
            return redirect("mentoring:application_detail", pk=application.pk)
    # The page is shown again as it is now (what was typed kept); deciding from it again is a
    # decision on what was seen. A status the page could not have sent would otherwise stay in it.
    form.data = form.data.copy()
    form.data[form.add_prefix("expected_status")] = application.status
    return _render_detail(request, application, decision_form=form)


urlpatterns = [
    path("coordinator/intakes/<int:intake_id>/", review_queue, name="review_queue"),
    path("coordinator/intakes/<int:intake_id>/decide/", bulk_decide, name="bulk_decide"),
    path("coordinator/applications/<int:pk>/", application_detail, name="application_detail"),
    path("coordinator/applications/<int:pk>/review/", application_review, name="application_review"),
    path("coordinator/applications/<int:pk>/conflict/", application_conflict, name="application_conflict"),
    path("coordinator/applications/<int:pk>/decide/", application_decide_view, name="application_decide"),
    path(
        "coordinator/applications/<int:pk>/reveal/",
        application_identity_reveal_view,
        name="application_identity_reveal",
    ),
]
