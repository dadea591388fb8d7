"""The mentoring workflow's recurring jobs (written to django-q2 by `manage.py sync_schedules`)."""

from portal.schedules import RecurringJob, register

register(
    RecurringJob(
        name="chase-unanswered-proposals",
        func="mentoring.mentorships.jobs.chase_unanswered_proposals",
        cron="15 * * * *",
    ),
    RecurringJob(
        name="remind-mentors-to-meet",
        func="mentoring.mentorships.jobs.remind_mentors_to_meet",
        cron="0 8 * * *",
    ),
    # Hourly, so a meeting planned late in the day for tomorrow is still reminded the day before.
    RecurringJob(
        name="remind-planned-meetings",
        func="mentoring.mentorships.jobs.remind_planned_meetings",
        cron="20 * * * *",
    ),
    RecurringJob(
        name="complete-proposed-mentorships",
        func="mentoring.mentorships.jobs.complete_proposed_mentorships",
        cron="45 * * * *",
    ),
    RecurringJob(name="send-due-surveys", func="mentoring.followup.jobs.send_due_surveys", cron="30 * * * *"),
    RecurringJob(name="chase-surveys", func="mentoring.followup.jobs.chase_surveys", cron="0 9 * * *"),
    RecurringJob(
        name="purge-expired-personal-data",
        func="mentoring.privacy.jobs.purge_expired_personal_data",
        cron="30 3 * * *",
    ),
    RecurringJob(
        name="remind-course-participants",
        func="mentoring.training.jobs.remind_course_participants",
        cron="0 10 * * *",
    ),
)
