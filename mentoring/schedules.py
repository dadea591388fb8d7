"""The mentoring workflow's recurring jobs (written to django-q2 by `manage.py sync_schedules`)."""

from portal.schedules import RecurringJob

JOBS = [
    RecurringJob(
        name="chase-unanswered-proposals",
        func="mentoring.jobs.chase_unanswered_proposals",
        cron="15 * * * *",
    ),
]
