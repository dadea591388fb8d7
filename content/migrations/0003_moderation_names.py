"""The default moderation workflow and its task get Swedish names (see content/moderation.py)."""

from django.db import migrations

WAGTAIL_NAME = "Moderators approval"
WORKFLOW_NAME = "Moderatorgranskning"
TASK_NAME = "Moderatorns godkännande"


def name_in_swedish(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WAGTAIL_NAME).update(name=WORKFLOW_NAME)
    apps.get_model("wagtailcore", "Task").objects.filter(name=WAGTAIL_NAME).update(name=TASK_NAME)


def name_as_wagtail_did(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).update(name=WAGTAIL_NAME)
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK_NAME).update(name=WAGTAIL_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0002_training_offers"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(name_in_swedish, name_as_wagtail_did)]
