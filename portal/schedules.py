"""Recurring jobs, declared in code and written to django-q2 by `manage.py sync_schedules`.

Each app declares its jobs in a `schedules` module by calling `register(...)`;
`declared_jobs` finds those modules with Django's `autodiscover_modules`, the way
the admin finds `admin` modules. Schedules are matched by name, so running the
sync again changes nothing, and a job removed from the code is removed from the
database too (only schedules whose name carries our prefix are touched: anything
an operator added by hand is left alone).
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.module_loading import autodiscover_modules

PREFIX = "portal:"


@dataclass(frozen=True)
class RecurringJob:
    name: str
    func: str
    minutes: int | None = None
    cron: str | None = None

    @property
    def schedule_name(self) -> str:
        return f"{PREFIX}{self.name}"


_registry: dict[str, RecurringJob] = {}


def register(*jobs: RecurringJob) -> None:
    """Declare recurring jobs (from an app's `schedules` module); a name declared twice is an error."""
    for job in jobs:
        if _registry.get(job.name, job) != job:
            raise ValueError(f"Two recurring jobs are called {job.name!r}.")
        _registry[job.name] = job


register(
    RecurringJob(name="deliver-due-email", func="portal.tasks.deliver_due_outbox", minutes=1),
    RecurringJob(name="purge-old-email", func="portal.tasks.purge_old_email", cron="30 3 * * *"),
)


def declared_jobs() -> list[RecurringJob]:
    """Every RecurringJob registered by an installed app's `schedules` module, by name."""
    autodiscover_modules("schedules")
    return sorted(_registry.values(), key=lambda job: job.name)


@dataclass(frozen=True)
class SyncResult:
    created: list[str]
    updated: list[str]
    removed: list[str]


@transaction.atomic
def schedules_sync(*, jobs: list[RecurringJob]) -> SyncResult:
    """Make django-q2's schedules match `jobs`; return what changed."""
    from django_q.models import Schedule

    created, updated = [], []
    existing = {s.name: s for s in Schedule.objects.filter(name__startswith=PREFIX)}
    for job in jobs:
        wanted = {
            "func": job.func,
            "schedule_type": Schedule.CRON if job.cron else Schedule.MINUTES,
            "minutes": None if job.cron else job.minutes,
            "cron": job.cron,
            "repeats": -1,
        }
        schedule = existing.pop(job.schedule_name, None)
        if schedule is None:
            Schedule.objects.create(name=job.schedule_name, **wanted)
            created.append(job.name)
        elif any(getattr(schedule, field) != value for field, value in wanted.items()):
            for field, value in wanted.items():
                setattr(schedule, field, value)
            schedule.save()
            updated.append(job.name)
    removed = sorted(name.removeprefix(PREFIX) for name in existing)
    Schedule.objects.filter(name__in=list(existing)).delete()
    return SyncResult(created=created, updated=updated, removed=removed)
