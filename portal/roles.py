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


# Where a user object keeps the names of its groups once read (see group_names).
_GROUP_NAMES = "_portal_group_names"


def group_names(user) -> frozenset[str]:
    """The names of `user`'s groups: one query the first time, then kept on this user object.

    A page asks several times (the view's guard, the menu's links, the second-factor rule);
    a request loads its own user object, so nothing outlives the request. A change through
    this object's `groups` forgets the names (forget_group_names).
    """
    names = getattr(user, _GROUP_NAMES, None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, _GROUP_NAMES, names)
    return names


def forget_group_names(sender, instance, **_kwargs) -> None:
    """`m2m_changed` of the users' groups: the user object asks the database again."""
    instance.__dict__.pop(_GROUP_NAMES, None)


def user_has_role(user, group_name: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return group_name in group_names(user)


def user_has_staff_role(user) -> bool:
    """Whether `user` works for the programme: an administrator, Django staff, a member of a
    staff role, or anyone else let into Wagtail's admin (a group made there by hand)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    if group_names(user) & set(STAFF_ROLES):
        return True
    return user.has_perm("wagtailadmin.access_admin")
