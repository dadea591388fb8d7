"""The recurring jobs moved with their domains: stored schedules point at the new paths.

`manage.py sync_schedules` would rewrite them too, but a worker that starts between
`migrate` and the sync must not call a path that is gone. Tasks already queued for
`mentoring.tasks.run_matching` are not rewritten: a matching run that never starts is
reported as lost after 15 minutes and can be run again.
"""

from django.db import migrations

MOVED = {
    "mentoring.jobs.chase_unanswered_proposals": "mentoring.mentorships.jobs.chase_unanswered_proposals",
    "mentoring.jobs.remind_mentors_to_meet": "mentoring.mentorships.jobs.remind_mentors_to_meet",
    "mentoring.jobs.send_due_surveys": "mentoring.followup.jobs.send_due_surveys",
    "mentoring.jobs.chase_surveys": "mentoring.followup.jobs.chase_surveys",
    "mentoring.jobs.purge_expired_personal_data": "mentoring.privacy.jobs.purge_expired_personal_data",
    "mentoring.jobs.remind_course_participants": "mentoring.training.jobs.remind_course_participants",
    "mentoring.tasks.run_matching": "mentoring.matching.jobs.run_matching",
}


def rewrite(apps, schema_editor, moves=MOVED):
    Schedule = apps.get_model("django_q", "Schedule")
    for old, new in moves.items():
        Schedule.objects.filter(func=old).update(func=new)


def rewrite_back(apps, schema_editor):
    rewrite(apps, schema_editor, moves={new: old for old, new in MOVED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0011_attendance_and_company_requests"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(rewrite, rewrite_back)]
