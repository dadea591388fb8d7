"""The portal's roles, as Django groups. The groups are created by a data migration."""

from django.utils.translation import gettext_lazy as _

COORDINATORS = "Coordinators"
MENTORS = "Mentors"
# Wagtail's own data migration creates these two; ours makes sure they exist.
EDITORS = "Editors"
MODERATORS = "Moderators"
# Competence development: study guidance, and attendance on courses.
COUNSELLORS = "Counsellors"
COURSE_LEADERS = "Course leaders"

ROLE_GROUPS = {
    COORDINATORS: _("Coordinators"),
    MENTORS: _("Mentors"),
    EDITORS: _("Editors"),
    MODERATORS: _("Moderators"),
    COUNSELLORS: _("Counsellors"),
    COURSE_LEADERS: _("Course leaders"),
}

# The roles that work for the programme: they read other people's data (applications,
# booking topics, attendance) or publish in its name. Mentors and participants are not staff.
STAFF_ROLES = (COORDINATORS, COUNSELLORS, COURSE_LEADERS, EDITORS, MODERATORS)


def user_has_role(user, group_name: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=group_name).exists()


def user_has_staff_role(user) -> bool:
    """Whether `user` works for the programme: an administrator, Django staff, a member of a
    staff role, or anyone else let into Wagtail's admin (a group made there by hand)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    if user.groups.filter(name__in=STAFF_ROLES).exists():
        return True
    return user.has_perm("wagtailadmin.access_admin")
