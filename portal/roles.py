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


def user_has_role(user, group_name: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=group_name).exists()
