"""The recurring jobs as django-q2 calls them: declared, importable, and runnable with nothing to do."""

from importlib import import_module

import pytest

from mentoring.followup import jobs as followup_jobs
from mentoring.mentorships import jobs
from portal.schedules import declared_jobs

pytestmark = pytest.mark.django_db


def resolve(dotted: str):
    module, name = dotted.rsplit(".", 1)
    return getattr(import_module(module), name)


@pytest.mark.parametrize("job", declared_jobs(), ids=lambda job: job.name)
def test_declared_job_resolves_to_a_function(job):
    assert callable(resolve(job.func))


def test_mentoring_jobs_run_with_nothing_due():
    assert jobs.chase_unanswered_proposals() == {"reminded": 0, "returned": 0}
    assert jobs.remind_mentors_to_meet() == 0
    assert followup_jobs.send_due_surveys() == 0
    assert set(followup_jobs.chase_surveys().values()) == {0}


def test_migration_points_stored_schedules_at_the_jobs_new_homes():
    from django.apps import apps
    from django_q.models import Schedule

    migration = import_module("mentoring.migrations.0012_task_paths_by_domain")
    for old in migration.MOVED:
        Schedule.objects.create(name=f"old:{old}", func=old, schedule_type=Schedule.DAILY)
    Schedule.objects.create(name="by hand", func="portal.tasks.purge_old_email", schedule_type=Schedule.DAILY)

    migration.rewrite(apps, None)

    stored = dict(Schedule.objects.values_list("name", "func"))
    assert stored["by hand"] == "portal.tasks.purge_old_email"
    for old, new in migration.MOVED.items():
        assert stored[f"old:{old}"] == new
        assert callable(resolve(new))
