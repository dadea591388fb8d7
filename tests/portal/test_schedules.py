"""Recurring jobs declared in code are mirrored into django-q2's schedules, and only those."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_q.models import Schedule

from portal.schedules import PREFIX, RecurringJob, declared_jobs, register, schedules_sync

pytestmark = pytest.mark.django_db

SWEEP = RecurringJob(name="deliver-due-email", func="portal.tasks.deliver_due_outbox", minutes=1)
HOURLY = RecurringJob(name="purge-expired", func="portal.tasks.deliver_due_outbox", minutes=60)


def ours() -> dict[str, Schedule]:
    return {s.name: s for s in Schedule.objects.filter(name__startswith=PREFIX)}


def test_schedules_sync_creates_declared_jobs():
    result = schedules_sync(jobs=[SWEEP, HOURLY])

    schedules = ours()
    assert result.created == ["deliver-due-email", "purge-expired"]
    assert sorted(schedules) == ["portal:deliver-due-email", "portal:purge-expired"]
    sweep, hourly = schedules["portal:deliver-due-email"], schedules["portal:purge-expired"]
    assert (sweep.func, sweep.schedule_type, sweep.minutes) == (SWEEP.func, Schedule.MINUTES, 1)
    assert (hourly.schedule_type, hourly.minutes) == (Schedule.MINUTES, 60)
    assert sweep.repeats == hourly.repeats == -1


def test_schedules_sync_creates_cron_job():
    # django-q2 computes the next run of a cron schedule with croniter, an optional extra of its own.
    schedules_sync(jobs=[RecurringJob(name="nightly", func=SWEEP.func, cron="0 3 * * *")])

    schedule = ours()["portal:nightly"]
    assert (schedule.schedule_type, schedule.cron, schedule.minutes) == (Schedule.CRON, "0 3 * * *", None)


def test_schedules_sync_second_run_changes_nothing():
    schedules_sync(jobs=[SWEEP, HOURLY])
    before = {name: (s.pk, s.func, s.minutes, s.cron) for name, s in ours().items()}

    result = schedules_sync(jobs=[SWEEP, HOURLY])

    assert (result.created, result.updated, result.removed) == ([], [], [])
    assert {name: (s.pk, s.func, s.minutes, s.cron) for name, s in ours().items()} == before


def test_schedules_sync_updates_changed_interval():
    schedules_sync(jobs=[SWEEP])
    pk = ours()["portal:deliver-due-email"].pk

    result = schedules_sync(jobs=[RecurringJob(name=SWEEP.name, func=SWEEP.func, minutes=5)])

    schedule = ours()["portal:deliver-due-email"]
    assert result.updated == ["deliver-due-email"]
    assert (schedule.pk, schedule.minutes) == (pk, 5)


def test_schedules_sync_removes_job_no_longer_declared():
    schedules_sync(jobs=[SWEEP, HOURLY])

    result = schedules_sync(jobs=[SWEEP])

    assert result.removed == ["purge-expired"]
    assert sorted(ours()) == ["portal:deliver-due-email"]


def test_schedules_sync_leaves_schedule_made_by_hand_alone():
    by_hand = Schedule.objects.create(
        name="nightly-backup", func="portal.tasks.deliver_due_outbox", schedule_type=Schedule.DAILY
    )

    schedules_sync(jobs=[SWEEP])

    by_hand.refresh_from_db()
    assert (by_hand.name, by_hand.schedule_type) == ("nightly-backup", Schedule.DAILY)


def test_declared_jobs_include_outbox_sweep():
    assert SWEEP in declared_jobs()


def test_declared_jobs_are_found_in_each_installed_apps_schedules_module():
    names = {job.name for job in declared_jobs()}

    assert {"deliver-due-email", "send-due-surveys", "remind-course-participants"} <= names


def test_register_refuses_a_second_job_under_a_name_already_taken():
    with pytest.raises(ValueError, match="deliver-due-email"):
        register(RecurringJob(name="deliver-due-email", func="portal.tasks.purge_old_email", minutes=5))


def test_sync_schedules_command_prints_counts():
    Schedule.objects.create(name=f"{PREFIX}job-gone-from-code", func="portal.tasks.deliver_due_outbox")
    out = StringIO()

    call_command("sync_schedules", stdout=out)

    assert out.getvalue().strip() == f"Schedules: {len(declared_jobs())} created, 0 updated, 1 removed."
