"""The coordinators' list of all mentorships (filtered, paged, with the date that goes with each
status and the completions waiting for confirmation), and returning a participant to matching."""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, path, reverse
from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_http_methods, require_safe

from mentoring.core.display import participant_name, participant_name_from, person_name, person_name_from
from mentoring.core.fragments import fragment_render, row_kept
from mentoring.core.links import address_of
from mentoring.core.querysets import KeptStatement
from mentoring.core.roles import role_required
from mentoring.mentorships import selectors as mentorship_selectors
from mentoring.mentorships.filters import MentorshipFilter
from mentoring.mentorships.forms import ReturnToMatchingForm
from mentoring.mentorships.services.lifecycle import (
    MentorshipError,
    MentorshipTransitionNotAllowed,
    mentorship_return_to_matching,
)
from mentoring.mentorships.views.mentorship import ENDINGS
from mentoring.mentorships.workflow import ENDED, MentorshipStatus, Role, moves_from
from mentoring.models import MentorshipStatusChoices
from portal import roles

LIST_PAGE_SIZE = 25
SHORT_LIST = 25

# Which date a mentorship's row shows, by its status, and what to call it.
_WHEN = {
    MentorshipStatus.PROPOSED: ("proposed_at", gettext_lazy("Proposed on")),
    MentorshipStatus.ACTIVE: ("answered_at", gettext_lazy("Started")),
    MentorshipStatus.COMPLETING: ("completion_proposed_at", gettext_lazy("Completion proposed on")),
    MentorshipStatus.COMPLETED: ("ended_at", gettext_lazy("Ended")),
    MentorshipStatus.ENDED_EARLY: ("ended_at", gettext_lazy("Ended")),
    MentorshipStatus.DECLINED: ("answered_at", gettext_lazy("Declined on")),
    MentorshipStatus.RETURNED: ("status_since", gettext_lazy("Returned on")),
}
# The statuses from which a coordinator may end a mentorship (or confirm its completion).
_MAY_END = frozenset(
    status
    for status in MentorshipStatus
    if any(move.target in ENDINGS for move in moves_from(status, Role.COORDINATOR))
)


@dataclass(frozen=True)
class Shown:
    """A date or a time as a row shows it: for `<time datetime>`, and for people."""

    iso: str
    text: str


@dataclass(frozen=True)
class MentorshipRow:
    pk: int
    participant: str
    participant_url: str
    mentor: str
    mentor_url: str
    record_url: str
    status: str
    when_label: str
    when: date | datetime | None
    last_meeting: date | None
    meeting_count: int
    end_url: str
    # When the planned meeting starts (upcoming, or passed and not yet logged).
    next_meeting: datetime | None = None
    # On the list at risk: a planned meeting did not take place and none was logged since.
    missed_meeting: bool = False
    end_label: str = ""
    return_url: str = ""
    # The three above as the row shows them.
    when_shown: Shown | None = None
    last_meeting_shown: Shown | None = None
    next_meeting_shown: Shown | None = None


class _Rows:
    """Makes the rows of one request's lists from mentorships' values (`mentorship_lists`): what is
    the same on every row (the addresses, the date formats, each status's words) is worked out
    once, and each row's dates are formatted here as the template's `date` filter would."""

    def __init__(self):
        self.person_record = address_of("mentoring:person_record")
        self.end = address_of("mentoring:mentorship_end")
        self.return_to_matching = address_of("mentoring:mentorship_return_to_matching")
        self.mentor_list = reverse("mentoring:mentor_list")
        self.short_date = get_format("SHORT_DATE_FORMAT")
        self.short_datetime = get_format("SHORT_DATETIME_FORMAT")
        end, confirm = pgettext("a mentorship", "End"), _("Confirm or end")
        self.words = {
            status: (
                str(MentorshipStatusChoices(status).label),
                str(_WHEN[status][1]),
                confirm if status == MentorshipStatus.COMPLETING else end,
            )
            for status in MentorshipStatus
        }

    def day(self, value: date | datetime | None) -> Shown | None:
        if value is None:
            return None
        value = template_localtime(value)
        day = value.date() if isinstance(value, datetime) else value
        return Shown(iso=day.isoformat(), text=dateformat.format(value, self.short_date))

    def moment(self, value: datetime | None) -> Shown | None:
        if value is None:
            return None
        value = template_localtime(value)
        return Shown(iso=value.isoformat(), text=dateformat.format(value, self.short_datetime))

    def __call__(self, values: dict) -> MentorshipRow:
        pk, status = values["pk"], MentorshipStatus(values["status"])
        status_label, when_label, end_label = self.words[status]
        participant_url = self.person_record(values["participant__applicant_id"])
        may_return = status in ENDED and values["matching_return"] is None
        # Rows from before the audit trail may lack the field: the audit row is the fallback.
        when = values.get(_WHEN[status][0]) or values["status_since"]
        return MentorshipRow(
            pk=pk,
            participant=participant_name_from(values, prefix="participant__"),
            participant_url=participant_url,
            mentor=person_name_from(values, prefix="mentor__user__"),
            mentor_url=f"{self.mentor_list}#mentor-{values['mentor_id']}",
            # The mentorship's row in the participant's record (coordinators have no mentorship page).
            record_url=f"{participant_url}#mentorship-{pk}",
            status=status_label,
            when_label=when_label,
            when=when,
            last_meeting=values["last_meeting_on"],
            meeting_count=values["meeting_count"],
            next_meeting=values["next_planned_at"],
            missed_meeting=values.get("missed_meeting", False),
            end_url=self.end(pk) if status in _MAY_END else "",
            end_label=end_label,
            return_url=self.return_to_matching(pk) if may_return else "",
            when_shown=self.day(when),
            last_meeting_shown=self.day(values["last_meeting_on"]),
            next_meeting_shown=self.moment(values["next_planned_at"]),
        )


# The intakes the filter offers (its field's queryset, the same for everyone), read with a statement
# built once.
_INTAKES_OFFERED = KeptStatement(
    lambda: MentorshipFilter.base_filters["intake"].queryset.values("pk", "title", "title_en")
)


def _filter_form(filters: MentorshipFilter, *, is_filtered: bool) -> str:
    """The list's filter form, the same for everyone who chose the same valid filters while the
    intakes it offers are the same (fragment_render): one read of the intakes' titles instead of
    drawing a select of them. A value that is not valid (its error repeats it) is drawn each time."""
    form = filters.form
    context = {
        "form": form,
        "label": _("Filter mentorships"),
        "clear_url": reverse("mentoring:coordinator_mentorships"),
        "is_filtered": is_filtered,
    }
    if form.errors:
        return fragment_render("components/list_filters.html", context, key=None)
    intakes = tuple((row["pk"], row["title"], row["title_en"]) for row in _INTAKES_OFFERED.rows())
    chosen = tuple(form.data.get(name, "") for name in form.fields)
    return fragment_render(
        "components/list_filters.html",
        context,
        key=("mentorships", get_script_prefix(), form.is_bound, is_filtered, chosen, intakes),
    )


ROW_TEMPLATE = "mentoring/coordinator/_mentorship_row.html"


class _Drawn:
    """Each row's HTML from its mentorship's values, drawn once per process for the same values,
    time zone, addresses and language (row_kept): a row is the same for every coordinator until
    something it shows changes, and making and drawing the rows was most of the page's time. A
    row is made (`_Rows`) only to be drawn."""

    def __init__(self):
        self._context = (ROW_TEMPLATE, timezone.get_current_timezone_name(), get_script_prefix())
        self._rows: _Rows | None = None

    def __call__(self, values: dict) -> str:
        return row_kept((*self._context, *values.items()), lambda: self._draw(values))

    def _draw(self, values: dict) -> str:
        if self._rows is None:
            self._rows = _Rows()
        return render_to_string(ROW_TEMPLATE, {"row": self._rows(values)})


@role_required(roles.COORDINATORS)
@require_safe
def coordinator_mentorships(request):
    now = timezone.now()
    filters = MentorshipFilter(request.GET or None)
    lists = mentorship_selectors.mentorship_lists(filters=filters, now=now)
    is_filtered = filters.is_filtered()
    page = Paginator(lists.listed, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    # The two short lists above the table show at most SHORT_LIST rows each: with thousands of
    # mentorships the page would otherwise grow with the programme (one row too many is read,
    # to say that there are more).
    completions = list(lists.completing[: SHORT_LIST + 1])
    at_risk = list(lists.at_risk[: SHORT_LIST + 1])
    rows = list(page.object_list)
    drawn = _Drawn()
    return render(
        request,
        "mentoring/coordinator/mentorships.html",
        {
            # Each list as its mentorships' values (`mentorship_lists`), and as its rows' HTML.
            "rows": rows,
            "rows_drawn": [drawn(values) for values in rows],
            "page": page,
            "at_risk": at_risk[:SHORT_LIST],
            "at_risk_drawn": [drawn(values) for values in at_risk[:SHORT_LIST]],
            "at_risk_more": len(at_risk) > SHORT_LIST,
            "completions": completions[:SHORT_LIST],
            "completions_drawn": [drawn(values) for values in completions[:SHORT_LIST]],
            "completions_more": len(completions) > SHORT_LIST,
            "short_list": SHORT_LIST,
            "complete_after_days": settings.MENTORSHIP_COMPLETE_AFTER_DAYS,
            "form": filters.form,
            "filter_form": _filter_form(filters, is_filtered=is_filtered),
            "is_filtered": is_filtered,
            "has_errors": bool(filters.form.errors),
        },
        status=filters.response_status,
    )


@role_required(roles.COORDINATORS)
@require_http_methods(["GET", "HEAD", "POST"])
def mentorship_return_view(request, pk: int):
    """A coordinator returns the participant of an ended mentorship to matching, saying why."""
    mentorship = get_object_or_404(
        mentorship_selectors.mentorships_overview().filter(status__in=sorted(str(s) for s in ENDED)), pk=pk
    )
    done_url = reverse("mentoring:coordinator_mentorships")
    form = ReturnToMatchingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mentorship_return_to_matching(
                mentorship=mentorship,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                now=timezone.now(),
            )
        except MentorshipTransitionNotAllowed as error:
            messages.error(request, error.message)
            return redirect(done_url)
        except MentorshipError as error:
            form.add_error("reason", error.message)
        else:
            messages.success(
                request,
                _("%(name)s is back in matching: the next run of her intake can propose a mentor.")
                % {"name": participant_name(mentorship.participant)},
            )
            return redirect(done_url)
    return render(
        request,
        "mentoring/coordinator/mentorship_return.html",
        {
            "mentorship": mentorship,
            "form": form,
            "status_label": MentorshipStatusChoices(mentorship.status).label,
            "participant_name": participant_name(mentorship.participant),
            "mentor_name": person_name(mentorship.mentor.user),
            "back_url": done_url,
        },
    )


urlpatterns = [
    path("coordinator/mentorships/", coordinator_mentorships, name="coordinator_mentorships"),
    path(
        "coordinator/mentorships/<int:pk>/return/",
        mentorship_return_view,
        name="mentorship_return_to_matching",
    ),
]
