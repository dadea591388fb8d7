"""The follow-up survey: the participant's page behind the e-mailed link, and the coordinators' call list.

The survey page needs no sign-in: the signed link is the key, and the page shows
nothing about the participant, so a forwarded link reveals nobody. It is
answered once; a closed survey's link shows why, never the form.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, translate_url
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from mentoring.core.display import participant_name
from mentoring.core.roles import role_required
from mentoring.followup import selectors as followup_selectors
from mentoring.followup import services as followup_services
from mentoring.followup.forms import SurveyForm
from mentoring.models import AccessLog, FollowUpSurvey, SurveyKind
from mentoring.privacy.services.access_log import access_log_record
from portal import roles


@dataclass(frozen=True)
class LanguageChoice:
    code: str
    name: str
    url: str
    is_current: bool


def _language_choices(request) -> list[LanguageChoice]:
    """The same page in each of the site's languages, for answering in Swedish or English."""
    current = translation.get_language()
    return [
        LanguageChoice(
            code=code,
            name=translation.get_language_info(code)["name_local"],
            url=translate_url(request.get_full_path(), code),
            is_current=code == current,
        )
        for code, _name in settings.LANGUAGES
    ]


def _closed(request, error: followup_services.FollowUpError, *, status: int):
    return render(
        request,
        "mentoring/followup/closed.html",
        {
            "message": error.message,
            "answered": isinstance(error, followup_services.SurveyAlreadyAnswered),
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def survey(request, token: str):
    """Answer a survey through its link: no account needed, once only."""
    now = timezone.now()
    try:
        survey = followup_services.survey_from_token(token=token, now=now)
    except followup_services.SurveyLinkInvalid as error:
        return _closed(request, error, status=404)
    except followup_services.SurveyExpired as error:
        return _closed(request, error, status=410)
    except followup_services.SurveyAlreadyAnswered as error:
        # A second answer sent from a page left open is refused; opening the link again is no error.
        return _closed(request, error, status=409 if request.method == "POST" else 200)
    form = SurveyForm(request.POST or None, today=timezone.localdate(now))
    if request.method == "POST" and form.is_valid():
        try:
            followup_services.survey_answer(
                survey=survey,
                answers=form.cleaned_data,
                language=(translation.get_language() or settings.LANGUAGE_CODE)[:2],
                now=now,
            )
        except (followup_services.SurveyAlreadyAnswered, followup_services.SurveyExpired) as error:
            return _closed(request, error, status=409)
        return render(request, "mentoring/followup/thanks.html", {"is_exit": survey.kind == SurveyKind.EXIT})
    return render(
        request,
        "mentoring/followup/survey.html",
        {
            "form": form,
            "is_exit": survey.kind == SurveyKind.EXIT,
            "languages": _language_choices(request),
        },
    )


# --- Coordinators ------------------------------------------------------------


@dataclass(frozen=True)
class SurveyRow:
    survey: FollowUpSurvey
    name: str
    email: str
    phone: str
    kind: str


def _row(survey: FollowUpSurvey) -> SurveyRow:
    applicant = survey.participant.applicant
    profile = getattr(applicant, "applicant_profile", None)
    return SurveyRow(
        survey=survey,
        name=participant_name(survey.participant),
        email=applicant.email,
        phone=profile.phone if profile else "",
        kind=survey.get_kind_display(),
    )


@role_required(roles.COORDINATORS)
@require_safe
def survey_list(request):
    """Surveys to call, surveys waiting for an answer, and how many of each kind were answered or expired."""
    return render(
        request,
        "mentoring/coordinator/surveys.html",
        {
            "to_call": [
                _row(s) for s in followup_selectors.surveys_to_call(request.user).order_by("sent_at")
            ],
            "waiting": [_row(s) for s in followup_selectors.surveys_open(request.user).order_by("sent_at")],
            "figures": followup_selectors.survey_figures(request.user),
        },
    )


@role_required(roles.COORDINATORS)
@require_http_methods(["GET", "HEAD", "POST"])
def survey_phone(request, pk: int):
    """Record the answer a participant gave by phone."""
    survey = get_object_or_404(followup_selectors.surveys_visible_to(request.user), pk=pk)
    now = timezone.now()
    if survey.is_closed:
        messages.info(request, _("This survey is already answered or closed."))
        return redirect("mentoring:survey_list")
    if request.method == "GET":
        # The page shows the participant's name and phone number.
        access_log_record(
            viewer=request.user,
            subject=survey.participant.applicant,
            what=AccessLog.What.SURVEY,
            object_id=survey.pk,
            now=now,
        )
    form = SurveyForm(request.POST or None, today=timezone.localdate(now))
    if request.method == "POST" and form.is_valid():
        try:
            followup_services.survey_record_phone(
                survey=survey, answers=form.cleaned_data, actor=request.user, now=now
            )
        except followup_services.FollowUpError as error:
            messages.error(request, error.message)
            return redirect("mentoring:survey_list")
        messages.success(
            request,
            _("The answer of %(name)s is recorded as given by phone.")
            % {"name": participant_name(survey.participant)},
        )
        return redirect("mentoring:survey_list")
    return render(request, "mentoring/coordinator/survey_phone.html", {"form": form, "row": _row(survey)})


urlpatterns = [
    path("survey/<str:token>/", survey, name="survey"),
    path("coordinator/surveys/", survey_list, name="survey_list"),
    path("coordinator/surveys/<int:pk>/phone/", survey_phone, name="survey_phone"),
]
