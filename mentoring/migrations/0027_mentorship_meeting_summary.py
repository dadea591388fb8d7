"""Each mentorship keeps the date of its last meeting and the number of its meetings.

The meeting services keep both current from now on; this fills them from the meetings
already logged, in one statement whatever their number.
"""

from django.db import migrations, models
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce


def restore_figures_triggers(apps, schema_editor):
    """Make again the figures' triggers on the mentorships (as 0026 made them), where they are gone.

    SQLite adds a column that is never null by making the table anew, and the old table's
    triggers go with it: without them a change to a mentorship would leave the figures' version
    as it was, and the figures page would show counts from before it.
    """
    if schema_editor.connection.vendor != "sqlite":
        return
    for operation in ("insert", "update", "delete"):
        schema_editor.execute(
            f"CREATE TRIGGER IF NOT EXISTS mentoring_mentorship_figures_{operation} "
            f"AFTER {operation.upper()} ON mentoring_mentorship "
            "BEGIN UPDATE mentoring_figuresversion SET token = lower(hex(randomblob(16))); END"
        )


def fill(apps, schema_editor):
    Mentorship = apps.get_model("mentoring", "Mentorship")
    Meeting = apps.get_model("mentoring", "Meeting")
    meetings = Meeting.objects.filter(mentorship=OuterRef("pk")).order_by().values("mentorship")
    Mentorship.objects.update(
        last_meeting_on=Subquery(meetings.annotate(last=Max("held_on")).values("last")),
        meeting_count=Coalesce(Subquery(meetings.annotate(n=Count("pk")).values("n")), 0),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0026_figures_version"),
    ]

    operations = [
        # Undone last, after the columns are gone again (which makes the table anew once more).
        migrations.RunPython(migrations.RunPython.noop, restore_figures_triggers),
        migrations.AddField(
            model_name="mentorship",
            name="last_meeting_on",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="last meeting"),
        ),
        migrations.AddField(
            model_name="mentorship",
            name="meeting_count",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="meetings"),
        ),
        migrations.RunPython(restore_figures_triggers, migrations.RunPython.noop),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
