"""The applicant's pages: eligibility check, profile, the application in steps, the dashboard.

Every application is fetched through `applications_of_applicant(request.user)`:
the person's own, whatever their role, so a guessed number is a 404 and a
coordinator cannot edit someone else's draft from here.
"""

from dataclasses import dataclass, replace
from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from mentoring.applications import selectors, uploads
from mentoring.applications import services as application_services
from mentoring.applications.eligibility import eligibility_reasons, who_may_apply
from mentoring.applications.forms.applicant import (
    STEP_FORMS,
    EligibilityForm,
    WithdrawForm,
    application_answers,
    known_to_profile,
    profile_summary,
)
from mentoring.applications.selectors import applicant as own_applications
from mentoring.applications.services import eligibility_refusal_count
from mentoring.applications.workflow import Role, Status, may_move
from mentoring.core.display import person_name
from mentoring.followup.services import survey_closes_at, survey_path
from mentoring.guidance.selectors import guidance_booking_time_of
from mentoring.mentorships.selectors import planned as planned_selectors
from mentoring.models import AccessLog, Application, ApplicationStatus, Intake
from mentoring.models.application import Step
from mentoring.people import selectors as people_selectors
from mentoring.people.forms import profile_form_for
from mentoring.people.services import applicant_profile_create
from mentoring.privacy.services.access_log import access_log_record
from mentoring.training.selectors import course_entries_of

# The eligibility checks this session passed: intake id → the answers, which fill in the profile.
# Kept in the session only, so nothing is stored about someone who stops before the profile;
# dropped once the application is started.
ELIGIBLE_SESSION_KEY = "mentoring_eligible_intakes"
STEPS = list(Step)


def _own_application(request, pk: int) -> Application:
    return get_object_or_404(own_applications.applications_of_applicant(request.user), pk=pk)


def _step_url(application: Application, step: str) -> str:
    return reverse("mentoring:application_step", args=[application.pk, step])


def _resume_url(application: Application) -> str:
    """Where the person picks the application up: the saved step of a draft, else the dashboard."""
    if application.status == Status.DRAFT:
        return _step_url(application, application.step)
    return reverse("mentoring:dashboard")


def _no_longer_a_draft(request, application: Application):
    """To the dashboard, saying why the application cannot be changed any more."""
    if application.status == Status.WITHDRAWN:
        messages.info(request, _("This application has been withdrawn and can no longer be changed."))
    else:
        messages.info(request, _("This application has been submitted and can no longer be changed."))
    return redirect("mentoring:dashboard")


def _eligible_answers(request) -> dict[str, dict]:
    stored = request.session.get(ELIGIBLE_SESSION_KEY, {})
    # A session from before the answers were kept holds a list of ids: the check is simply taken again.
    return dict(stored) if isinstance(stored, dict) else {}


def _eligible_intakes(request) -> list[int]:
    return [int(intake_id) for intake_id in _eligible_answers(request)]


def _set_eligible(request, intake_id: int, known: dict | None) -> None:
    """Remember that the check for `intake_id` passed, with its answers; None forgets it."""
    stored = _eligible_answers(request)
    stored.pop(str(intake_id), None)
    if known is not None:
        stored[str(intake_id)] = known
    request.session[ELIGIBLE_SESSION_KEY] = stored


# --- Eligibility and profile ------------------------------------------------------------------


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


@require_http_methods(["GET", "HEAD", "POST"])
def eligibility(request, intake_id: int):
    intake = get_object_or_404(Intake.objects.select_related("programme"), pk=intake_id)
    existing = own_applications.applications_of_applicant(request.user).filter(intake=intake).first()
    if existing is not None:
        return redirect(_resume_url(existing))
    now = timezone.now()
    if not intake.is_open(now=now):
        return render(request, "mentoring/applicant/intake_closed.html", {"intake": intake, "now": now})
    today = timezone.localdate(now)
    form = EligibilityForm(request.POST or None, today=today)
    who = who_may_apply(intake)
    if request.method == "POST" and form.is_valid():
        answers = form.answers()
        reasons = eligibility_reasons(intake=intake, answers=answers, today=today)
        if reasons:
            eligibility_refusal_count(intake=intake, reasons=reasons, today=today)
            _set_eligible(request, intake.pk, None)
            return render(
                request,
                "mentoring/applicant/not_eligible.html",
                {"intake": intake, "reasons": reasons, "who": who},
            )
        _set_eligible(request, intake.pk, known_to_profile(answers))
        profile_url = reverse("mentoring:profile", args=[intake.pk])
        if request.user.is_authenticated:
            return redirect(profile_url)
        return render(
            request,
            "mentoring/applicant/eligible.html",
            {
                "intake": intake,
                "signup_url": _with_next("account_signup", profile_url),
                "login_url": _with_next("account_login", profile_url),
            },
        )
    return render(
        request, "mentoring/applicant/eligibility.html", {"intake": intake, "form": form, "who": who}
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request, intake_id: int):
    intake = get_object_or_404(Intake.objects.select_related("programme"), pk=intake_id)
    existing = own_applications.applications_of_applicant(request.user).filter(intake=intake).first()
    if existing is not None:
        return redirect(_resume_url(existing))
    known = _eligible_answers(request).get(str(intake.pk))
    if known is None:
        return redirect("mentoring:eligibility", intake_id=intake.pk)
    now = timezone.now()
    if not intake.is_open(now=now):
        return render(request, "mentoring/applicant/intake_closed.html", {"intake": intake, "now": now})

    applicant_profile = people_selectors.applicant_profile_of(request.user)
    if applicant_profile is None:
        form = profile_form_for(request, today=timezone.localdate(now), known=known)
        if request.method != "POST" or not form.is_valid():
            return render(
                request,
                "mentoring/applicant/profile.html",
                {"intake": intake, "form": form, "from_check": bool(known)},
            )
        applicant_profile_create(user=request.user, data=form.cleaned_data, now=now)

    try:
        application = application_services.application_start(intake=intake, applicant=request.user, now=now)
    except application_services.IntakeClosed:
        return render(request, "mentoring/applicant/intake_closed.html", {"intake": intake, "now": now})
    _set_eligible(request, intake.pk, None)
    return redirect(_resume_url(application))


# --- The application --------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressStep:
    value: str
    label: str
    url: str
    number: int
    is_current: bool
    is_done: bool


def _progress(application: Application, current: str) -> list[ProgressStep]:
    index = STEPS.index(current)
    return [
        ProgressStep(
            value=step.value,
            label=str(step.label),
            url=_step_url(application, step),
            number=i + 1,
            is_current=step == current,
            is_done=i < index,
        )
        for i, step in enumerate(STEPS)
    ]


def _neighbour(step: str, offset: int) -> str | None:
    index = STEPS.index(step) + offset
    return STEPS[index].value if 0 <= index < len(STEPS) else None


@login_required
def application_resume(request, pk: int):
    return redirect(_resume_url(_own_application(request, pk)))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_step(request, pk: int, step: str):
    if step not in Step.values:
        raise Http404
    application = _own_application(request, pk)
    if application.status != Status.DRAFT:
        return _no_longer_a_draft(request, application)
    if step == Step.REVIEW:
        return _review_step(request, application)

    action = request.POST.get("action", "continue")
    form_class = STEP_FORMS[step]
    form = form_class(
        request.POST or None,
        request.FILES or None,
        instance=application,
        complete=action == "continue",
        oversized=uploads.oversized_fields(request),
    )
    if request.method == "POST" and form.is_valid():
        target = {"continue": _neighbour(step, 1), "back": _neighbour(step, -1)}.get(action) or step
        try:
            application_services.application_save_draft(
                application=application, fields=form.changes(), step=target
            )
        except application_services.TransitionNotAllowed as error:
            # Submitted or withdrawn in another tab meanwhile: say which.
            application = _own_application(request, application.pk)
            if application.status != Status.DRAFT:
                return _no_longer_a_draft(request, application)
            messages.error(request, error.message)
            return redirect("mentoring:dashboard")
        if action == "leave":
            messages.success(request, _("Your answers are saved. Continue whenever you like from this page."))
            return redirect("mentoring:dashboard")
        return redirect(_step_url(application, target))
    return render(
        request,
        f"mentoring/applicant/step_{step}.html",
        {
            "application": application,
            "form": form,
            "step": Step(step),
            "progress": _progress(application, step),
            "previous_step": _neighbour(step, -1),
        },
    )


def _review_step(request, application: Application):
    now = timezone.now()
    missing = {}
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "back":
            return redirect(_step_url(application, _neighbour(Step.REVIEW, -1)))
        if action == "leave":
            return redirect("mentoring:dashboard")
        try:
            application_services.application_submit(application=application, actor=request.user, now=now)
        except application_services.ApplicationIncomplete as error:
            missing = error.missing
        except application_services.ApplicationError as error:
            # A second submit, or a withdrawal in another tab: the stored status explains it better.
            current = _own_application(request, application.pk)
            if current.status != Status.DRAFT:
                return _no_longer_a_draft(request, current)
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Thank you! Your application is submitted. We have sent you a receipt by e-mail.")
            )
            return redirect("mentoring:dashboard")

    sections = application_answers(application, missing=missing)
    missing_answers = [
        {"label": answer.label, "url": _step_url(application, section.step)}
        for section in sections
        for answer in section.answers
        if answer.missing
    ]
    return render(
        request,
        "mentoring/applicant/step_review.html",
        {
            "application": application,
            "step": Step.REVIEW,
            "progress": _progress(application, Step.REVIEW),
            "previous_step": _neighbour(Step.REVIEW, -1),
            "sections": [(section, _step_url(application, section.step)) for section in sections],
            "missing_answers": missing_answers,
            "intake_open": application.intake.is_open(now=now),
        },
    )


@login_required
@require_safe
def application_read(request, pk: int):
    """Everything the person wrote in the application, at any status, to read again or print.

    Only the applicant's own: coordinators read applications on their own page, under its rules.
    """
    application = _own_application(request, pk)
    return render(
        request,
        "mentoring/applicant/application.html",
        {
            "application": application,
            "status_label": ApplicationStatus(application.status).label,
            "badge_class": own_applications.status_badge(application.status),
            "sections": application_answers(application),
            "business_plan_url": reverse("mentoring:business_plan", args=[application.pk])
            if application.business_plan
            else "",
        },
    )


@login_required
@require_safe
def business_plan(request, pk: int):
    """The uploaded business plan, as a download, to the applicant and to coordinators only.

    Coordinators get it only once the application was submitted (a draft, or one
    withdrawn before submitting, is the applicant's alone), and in a blind review
    under a neutral name, since the file's own name often carries the applicant's.
    """
    application = get_object_or_404(
        selectors.applications_visible_to(request.user).filter(
            Q(applicant=request.user) | Q(submitted_at__isnull=False)
        ),
        pk=pk,
    )
    if not application.business_plan:
        raise Http404
    if application.applicant_id == request.user.pk or selectors.identity_visible(
        application=application, viewer=request.user
    ):
        filename = application.business_plan_name or application.business_plan.name.rsplit("/", 1)[-1]
    else:
        filename = application.business_plan_neutral_name
    try:
        file = application.business_plan.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    # A coordinator's download is logged for the applicant (their own is not).
    access_log_record(
        viewer=request.user,
        subject=application.applicant,
        what=AccessLog.What.BUSINESS_PLAN,
        object_id=application.pk,
        now=timezone.now(),
    )
    response = FileResponse(
        file,
        as_attachment=True,
        filename=filename,
        content_type=uploads.content_type_for(application.business_plan.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def application_withdraw(request, pk: int):
    application = _own_application(request, pk)
    can_withdraw = may_move(Status(application.status), Status.WITHDRAWN, Role.APPLICANT)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and can_withdraw and form.is_valid():
        try:
            application_services.application_withdraw(
                application=application,
                actor=request.user,
                role=Role.APPLICANT,
                now=timezone.now(),
                reason=form.cleaned_data["reason"],
            )
        except application_services.TransitionNotAllowed:
            messages.error(
                request, _("This application can no longer be withdrawn: a decision has been made.")
            )
        else:
            messages.success(request, _("Your application is withdrawn."))
        return redirect("mentoring:dashboard")
    return render(
        request,
        "mentoring/applicant/withdraw.html",
        {"application": application, "form": form, "can_withdraw": can_withdraw},
    )


# --- Dashboard --------------------------------------------------------------------------------


def _with_survey_link(entry: own_applications.DashboardEntry, *, now) -> own_applications.DashboardEntry:
    """`entry` with the link to its exit survey while that is open to an answer."""
    survey = entry.exit_survey
    if survey is None or survey.sent_at is None or survey.is_closed or now >= survey_closes_at(survey):
        return entry
    return replace(
        entry,
        survey_url=survey_path(survey=survey),
        survey_closes_on=survey_closes_at(survey) - timedelta(days=1),
    )


@login_required
@require_safe
def dashboard(request):
    now = timezone.now()
    own = own_applications.dashboard_entries(request.user)
    entries = [_with_survey_link(entry, now=now) for entry in own]
    applied = {entry.application.intake_id for entry in entries}
    not_applied = [i for i in _eligible_intakes(request) if i not in applied]
    started = Intake.objects.filter(pk__in=not_applied) if not_applied else []
    applicant_profile = people_selectors.applicant_profile_of(request.user)
    # The entries' mentorships that have not ended are the running ones, mentor loaded with them.
    running = [entry.mentorship for entry in entries if entry.mentorship and not entry.mentorship_ended]
    return render(
        request,
        "mentoring/applicant/dashboard.html",
        {
            "entries": entries,
            "started": [
                {"intake": intake, "url": reverse("mentoring:profile", args=[intake.pk])}
                for intake in started
            ],
            "profile": profile_summary(applicant_profile) if applicant_profile else None,
            "guidance_booking": guidance_booking_time_of(request.user, now=now),
            "courses": course_entries_of(request.user, now=now),
            "planned_meetings": [
                {
                    "next": planned_selectors.planned_view(planned, now=now),
                    "with_name": person_name(planned.mentorship.mentor.user),
                    "url": reverse("mentoring:mentorship_detail", args=[planned.mentorship_id]),
                }
                for planned in planned_selectors.planned_meetings_of_mentorships(running)
            ],
        },
    )


urlpatterns = [
    path("apply/<int:intake_id>/", eligibility, name="eligibility"),
    path("apply/<int:intake_id>/profile/", profile, name="profile"),
    path("my/", dashboard, name="dashboard"),
    path("application/<int:pk>/", application_resume, name="application"),
    path("application/<int:pk>/read/", application_read, name="application_read"),
    path("application/<int:pk>/business-plan/", business_plan, name="business_plan"),
    path("application/<int:pk>/withdraw/", application_withdraw, name="application_withdraw"),
    path("application/<int:pk>/<slug:step>/", application_step, name="application_step"),
]
