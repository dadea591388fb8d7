"""Reads for matching: the engine's plain data, the runs, locks and mentors with free places.

`matching_inputs` turns waiting participants and approved mentors into the engine's
plain data (three queries, whatever the cohort's size); the coordinators' board is
`selectors.board`. Nothing here writes.
"""

import logging
from datetime import datetime

from django.db.models import Count, Exists, F, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from mentoring.applications.workflow import Status
from mentoring.core.choices import MeetingMode, Municipality
from mentoring.matching.engine import COMMON_LANGUAGE, Mentor, Participant
from mentoring.mentorships.selectors import ended_without_return
from mentoring.mentorships.workflow import OPEN, MentorshipStatus
from mentoring.models import (
    ApplicantProfile,
    Application,
    Intake,
    MatchingChoice,
    MatchingRun,
    MentorProfile,
    Mentorship,
)

OPEN_STATUSES = sorted(str(status) for status in OPEN)
BOARD_PAGE_SIZE = 50


ONLINE_MODES = frozenset({MeetingMode.ONLINE, MeetingMode.EITHER})


def _required_language(mentor_languages: list[str]) -> str | None:
    """The language the participant asked the mentor to speak besides Swedish, if any.

    Swedish is the programme's language and every mentor speaks it, so asking for
    it alone constrains nothing (and earns no language points). The engine takes
    one required language; when several are listed, the first one counts.
    """
    return next((language for language in mentor_languages if language != COMMON_LANGUAGE), None)


def _participant(application: Application) -> Participant:
    profile: ApplicantProfile | None = getattr(application.applicant, "applicant_profile", None)
    municipality = profile.municipality if profile else None
    return Participant(
        id=application.pk,
        sector=application.business_sector,
        needs=frozenset(application.support_needs),
        languages=frozenset(profile.languages if profile else ()),
        required_language=_required_language(application.mentor_languages),
        # Outside the member municipalities is never "the same" as anyone's.
        municipality=None if municipality in (None, Municipality.OTHER) else municipality,
        online_ok=application.meeting_mode in ONLINE_MODES,
        woman_mentor=application.woman_mentor,
        former_employer=(profile.former_employer or None) if profile else None,
    )


def _mentor(profile: MentorProfile, *, now: datetime) -> Mentor:
    today = timezone.localdate(now)
    return Mentor(
        id=profile.pk,
        sectors=frozenset(profile.sectors),
        expertise=frozenset(profile.expertise),
        languages=frozenset(profile.languages),
        municipality=None if profile.municipality == Municipality.OTHER else profile.municipality,
        online_ok=profile.online_ok,
        capacity=max(profile.capacity - profile.places_taken_count, 0),
        is_woman=profile.is_woman,
        # A "back on" date still ahead pauses the mentor until then.
        paused=profile.paused or (profile.back_on is not None and profile.back_on > today),
        company_ties=frozenset(profile.company_ties),
    )


def matching_inputs(*, intake: Intake, now: datetime) -> tuple[list[Participant], list[Mentor]]:
    """The accepted participants of `intake` still without a mentor, and every approved mentor.

    A participant with a proposed or running mentorship is left out, and so is one whose
    mentorship has ended, unless a coordinator returned her to matching; a mentor's
    capacity is their free places now (capacity − proposed − active, never below
    zero), so full mentors are there with none, and paused ones are marked paused:
    the engine then says why nobody was matched with them.
    """
    applications = _waiting_participants(intake).select_related("applicant__applicant_profile").order_by("pk")
    mentors = (
        MentorProfile.objects.filter(approved_at__isnull=False)
        .annotate(places_taken_count=Count("mentorships", filter=Q(mentorships__status__in=OPEN_STATUSES)))
        .order_by("pk")
    )
    return [_participant(a) for a in applications], [_mentor(m, now=now) for m in mentors]


def declined_pairs(*, intake: Intake) -> set[tuple[int, int]]:
    """(participant id, mentor id) of every mentorship in `intake` that a mentor declined."""
    return set(
        Mentorship.objects.filter(participant__intake=intake, status=MentorshipStatus.DECLINED).values_list(
            "participant_id", "mentor_id"
        )
    )


logger = logging.getLogger(__name__)


Kind = MatchingChoice.Kind


# --- Runs --------------------------------------------------------------------


def _waiting_participants(intake: Intake):
    """The accepted participants of `intake` in the pool: no open mentorship, and none that ended
    without a coordinator returning her to matching (she has had her mentorship)."""
    has_open_mentorship = Mentorship.objects.filter(participant=OuterRef("pk"), status__in=OPEN_STATUSES)
    has_had_mentorship = ended_without_return(Mentorship.objects.filter(participant=OuterRef("pk")))
    return Application.objects.filter(intake=intake, status=Status.ACCEPTED).exclude(
        Exists(has_open_mentorship) | Exists(has_had_mentorship)
    )


def participants_mentorship_ended(*, intake: Intake) -> set[int]:
    """The participants of `intake` whose mentorship ended and who were not returned to matching."""
    return set(
        ended_without_return(Mentorship.objects.filter(participant__intake=intake)).values_list(
            "participant_id", flat=True
        )
    )


def _approved_mentors():
    return MentorProfile.objects.filter(approved_at__isnull=False)


def matching_run_latest(*, intake: Intake) -> MatchingRun | None:
    return MatchingRun.objects.filter(intake=intake).select_related("started_by").first()


# --- Locks and exclusions ----------------------------------------------------


def _choices(*, intake: Intake) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The intake's (participant, mentor) locks and exclusions."""
    locked, excluded = [], []
    for participant_id, mentor_id, kind in MatchingChoice.objects.filter(intake=intake).values_list(
        "participant_id", "mentor_id", "kind"
    ):
        (locked if kind == Kind.LOCK else excluded).append((participant_id, mentor_id))
    return locked, excluded


def mentors_with_free_places(*, now: datetime):
    """Approved mentors, not paused on `now`'s day, with a free place: those a participant can swap to."""
    today = timezone.localdate(now)
    return (
        _approved_mentors()
        .filter(Q(back_on__isnull=True) | Q(back_on__lte=today), paused=False)
        .annotate(places_taken_count=Count("mentorships", filter=Q(mentorships__status__in=OPEN_STATUSES)))
        .filter(capacity__gt=F("places_taken_count"))
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "pk")
    )


def mentors_to_swap_to(*, now: datetime, search: str = ""):
    """`mentors_with_free_places` on `now` whose name or e-mail address holds every word of `search`."""
    mentors = mentors_with_free_places(now=now)
    for word in search.split():
        mentors = mentors.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__email__icontains=word)
        )
    return mentors


def participant_to_match(*, intake: Intake, pk: int) -> Application:
    """The accepted participant `pk` of `intake`; Http404 for anyone else."""
    return get_object_or_404(
        Application.objects.filter(intake=intake, status=Status.ACCEPTED).select_related(
            "applicant__applicant_profile"
        ),
        pk=pk,
    )


def run_mentor_of(run: MatchingRun | None, *, participant_id: int) -> int | None:
    """The mentor `run` paired `participant_id` with, if it did."""
    pairs = run.pairs if run is not None else ()
    return next((pair["mentor"] for pair in pairs if pair["participant"] == participant_id), None)


# --- The coordinators' board ---------------------------------------------------------------------
