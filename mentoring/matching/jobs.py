"""Work the task queue (django-q2) runs for matching. Jobs take IDs and are idempotent."""

from django.utils import timezone

from mentoring.matching.services import matching_run_execute


def run_matching(run_id: int) -> None:
    """Run the matching run `run_id` (queued by `matching_run_start`); a finished run is left alone."""
    matching_run_execute(run_id=run_id, clock=timezone.now)
