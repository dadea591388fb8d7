from django.contrib.admin import AdminSite
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(AdminSite):
    """The Django admin, for administrators (superusers) only; editors use Wagtail at /cms/."""

    site_header = _("VästKraft administration")
    site_title = _("VästKraft administration")

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser
