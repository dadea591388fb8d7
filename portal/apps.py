from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    default = True
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from portal import checks  # noqa: F401  (registers the portal's system checks)
        from portal.roles import forget_group_names, groups_changed, memberships_changed, person_deleted

        user_model = get_user_model()
        memberships = user_model.groups.through
        m2m_changed.connect(forget_group_names, sender=memberships, dispatch_uid="forget_group_names")
        m2m_changed.connect(memberships_changed, sender=memberships, dispatch_uid="memberships_changed")
        post_save.connect(groups_changed, sender=Group, dispatch_uid="group_saved")
        post_delete.connect(groups_changed, sender=Group, dispatch_uid="group_deleted")
        post_delete.connect(person_deleted, sender=user_model, dispatch_uid="person_deleted")


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "portal.admin_site.PortalAdminSite"
