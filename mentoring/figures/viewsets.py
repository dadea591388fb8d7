"""The programme's targets in the Wagtail admin: coordinators change them without code.

Only people with the intake permissions (the Coordinators group, see migration
0003) see the Intakes menu item; editors and moderators see neither intakes nor applications.
Programme targets go by the Coordinators role itself (`CoordinatorsOnlyPolicy`).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from mentoring.models import ProgrammeTargets
from portal import roles

# --- Programme targets ---------------------------------------------------------


class CoordinatorsOnlyPolicy(BasePermissionPolicy):
    """Every action on the model for the Coordinators role (and superusers), none for anyone else.

    Targets are the coordinators' data. Going by the role rather than by model
    permissions means no data migration has to grant them, and a new coordinator
    can edit the targets as soon as they are in the group.
    """

    def user_has_permission(self, user, action):
        return roles.user_has_role(user, roles.COORDINATORS)

    def user_has_any_permission(self, user, actions):
        return roles.user_has_role(user, roles.COORDINATORS)

    def users_with_any_permission(self, actions):
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name=roles.COORDINATORS), is_active=True)
            .distinct()
        )


class ProgrammeTargetsViewSet(ModelViewSet):
    """A programme's targets; a programme without a row is measured against the model's defaults."""

    model = ProgrammeTargets
    icon = "pick"
    add_to_admin_menu = True
    menu_label = _("Programme targets")
    menu_order = 260
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "programme",
        "participants",
        "employed",
        "job_seekers",
        "women",
        "women_share_aim",
        "starts_on",
        "ends_on",
    ]
    panels = [
        PageChooserPanel("programme", page_type="content.ProgrammePage"),
        FieldRowPanel([FieldPanel("participants"), FieldPanel("women")], heading=_("Participants")),
        FieldRowPanel(
            [FieldPanel("employed"), FieldPanel("job_seekers")], heading=_("Employment status at entry")
        ),
        FieldPanel("women_share_aim"),
        FieldRowPanel(
            [FieldPanel("starts_on"), FieldPanel("ends_on")],
            heading=_("Programme period"),
            help_text=_("The figures page forecasts each target from the start date to the end date."),
        ),
    ]


programme_targets_viewset = ProgrammeTargetsViewSet("programme_targets")
