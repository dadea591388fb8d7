"""Two roles of competence development: counsellors (study guidance) and course leaders (attendance)."""

from django.db import migrations

GROUPS = ["Counsellors", "Course leaders"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in GROUPS:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_outbox_bodies_and_parts")]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
