from django.core.management.base import BaseCommand

from portal.schedules import declared_jobs, schedules_sync


class Command(BaseCommand):
    help = "Create, update or remove django-q2 schedules so they match the jobs declared in code."

    def handle(self, *args, **options):
        result = schedules_sync(jobs=declared_jobs())
        self.stdout.write(
            f"Schedules: {len(result.created)} created, {len(result.updated)} updated, "
            f"{len(result.removed)} removed."
        )
