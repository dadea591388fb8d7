"""The coordinators' figures: progress against the programme's targets, breakdowns, outcomes, the
gender pipeline and the reviewers' score gap, each as a table and a chart; and the downloads.

Every view needs the Coordinators role. The counting is `mentoring.figures.arithmetic` (pure), the
page's figures `mentoring.figures.selectors.page.figures_page` (a fixed number of queries whatever the
number of participants; tables laid out by `mentoring.figures.display`, bars placed by
`mentoring.figures.charts`), the labels and files `mentoring.figures.export`. This module only
reads the filters and renders.
"""

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mentoring.core.roles import role_required
from mentoring.figures import export as figures_export
from mentoring.figures import forecast as figures_forecast
from mentoring.figures import forecast_display
from mentoring.figures import selectors as figures_selectors
from mentoring.figures.forms import FiguresFilterForm
from mentoring.figures.selectors.page import figures_page
from portal import roles

DOWNLOADS = {"figures", "participants"}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


# --- Views ---------------------------------------------------------------------------------------


@role_required(roles.COORDINATORS)
@require_GET
def figures_dashboard(request):
    form = FiguresFilterForm(request.GET or None)
    context = {"form": form, "is_filtered": False}
    if not form.is_bound or form.is_valid():
        filters = form.filters()
        context |= vars(figures_page(filters=filters))
        context["is_filtered"] = any(filters.values())
        # The programme and targets the page already found: the forecast needs no second look-up.
        programme, targets = context["programme"], context["targets"]
        forecast = None
        if programme is not None:
            forecast = figures_forecast.programme_forecast(
                targets=targets,
                today=timezone.localdate(),
                intake=filters["intake"],
                programme=filters["programme"],
                version=context["version"],
            )
        context["forecast"] = forecast_display.forecast_section(
            filters=filters, programme=programme, targets=targets, forecast=forecast
        )
        context["downloads"] = _download_links(request.GET.urlencode() if form.is_bound else "")
    return render(request, "mentoring/coordinator/figures.html", context)


def _download_links(query: str) -> list[dict]:
    def url(what: str, fmt: str) -> str:
        target = reverse("mentoring:figures_download", kwargs={"what": what, "fmt": fmt})
        return f"{target}?{query}" if query else target

    return [
        {"url": url("figures", "xlsx"), "label": _("Figures as XLSX")},
        {"url": url("figures", "csv"), "label": _("Figures as CSV")},
        {"url": url("participants", "xlsx"), "label": _("Participant list for audit as XLSX")},
        {"url": url("participants", "csv"), "label": _("Participant list for audit as CSV")},
    ]


@role_required(roles.COORDINATORS)
@require_GET
def figures_download(request, what: str, fmt: str):
    if what not in DOWNLOADS or fmt not in CONTENT_TYPES:
        raise Http404
    form = FiguresFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # The dashboard shows what is wrong with the filters; a file of other figures would mislead.
        return HttpResponseRedirect(f"{reverse('mentoring:figures_dashboard')}?{request.GET.urlencode()}")
    filters = form.filters()
    if what == "figures":
        tables = figures_selectors.figures_tables(filters=filters)
        _programme, _targets, forecast = figures_forecast.forecast_for_filters(
            filters=filters, today=timezone.localdate()
        )
        sheets = forecast_display.forecast_sheets(forecast) if forecast is not None else []
        if fmt == "xlsx":
            content = figures_export.figures_xlsx(tables, sheets=sheets)
        else:
            content = figures_export.figures_csv(tables, sheets=sheets)
        name = _("figures")
    else:
        rows = figures_selectors.participant_rows(**filters)
        content = (
            figures_export.participant_list_xlsx(rows)
            if fmt == "xlsx"
            else figures_export.participant_list_csv(rows)
        )
        name = _("participants")
    filename = f"{slugify(name)}-{timezone.localdate().isoformat()}.{fmt}"
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


urlpatterns = [
    path("coordinator/figures/", figures_dashboard, name="figures_dashboard"),
    path("coordinator/figures/download/<str:what>.<str:fmt>/", figures_download, name="figures_download"),
]
