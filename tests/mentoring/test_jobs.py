"""The recurring jobs as django-q2 calls them: declared, importable, and runnable with nothing to do."""

from importlib import import_module

import pytest

from mentoring import jobs
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
    assert jobs.send_due_surveys() == 0
    assert set(jobs.chase_surveys().values()) == {0}
