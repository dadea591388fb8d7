"""Create the portal's role groups. Wagtail's own data migration creates Editors
and Moderators with their page permissions; this one makes sure all four exist."""

from django.db import migrations

GROUPS = ["Coordinators", "Mentors", "Editors", "Moderators"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in GROUPS:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
