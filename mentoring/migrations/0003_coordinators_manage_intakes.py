"""Coordinators manage intakes in the Wagtail admin: they enter it and add, change, view, delete intakes.

Permissions are normally created after migrations run, so this one makes sure
they exist before granting them. Editors and moderators get none of these:
they see no intakes and no applications.
"""

from django.db import migrations

INTAKE_PERMISSIONS = {
    "add_intake": "Can add intake",
    "change_intake": "Can change intake",
    "delete_intake": "Can delete intake",
    "view_intake": "Can view intake",
}


def _permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    intake_type, _ = ContentType.objects.get_or_create(app_label="mentoring", model="intake")
    intake_permissions = [
        Permission.objects.get_or_create(content_type=intake_type, codename=code, defaults={"name": name})[0]
        for code, name in INTAKE_PERMISSIONS.items()
    ]
    return access_admin, intake_permissions


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    access_admin, intake_permissions = _permissions(apps)
    for group in Group.objects.filter(name="Coordinators"):
        group.permissions.add(access_admin, *intake_permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Coordinators"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="mentoring", codename__in=INTAKE_PERMISSIONS),
            *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0002_intake_decision_messages"),
        ("portal", "0002_role_groups"),
        ("wagtailadmin", "0003_admin_managed"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
