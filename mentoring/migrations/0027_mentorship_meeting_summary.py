"""Each mentorship keeps the date of its last meeting and the number of its meetings.

The meeting services keep both current from now on; this fills them from the meetings
already logged, in one statement whatever their number.
"""

from django.db import migrations, models
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce


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
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
