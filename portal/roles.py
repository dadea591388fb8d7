"""The portal's roles, as Django groups. The groups are created by a data migration."""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
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
# The shared cache keeps each person's group names with the generations they were read in:
# everyone's (a group renamed or deleted) and the person's own (their memberships).
GENERATION_KEY = "roles:generation"
_PERSON_GENERATION_KEY = "roles:generation:{pk}"
_NAMES_KEY = "roles:group-names:{pk}"


def group_names(user) -> frozenset[str]:
    """The names of `user`'s groups: from this user object, else the shared cache, else one query.

    A page asks several times (the view's guard, the menu's links, the second-factor rule):
    the first answer is kept on the user object, which a request loads for itself. Between
    requests the names are kept in the cache (ROLE_NAMES_SECONDS) with the generations they
    were read in: a change of the person's memberships, or of any group, starts a new one
    (memberships_changed, groups_changed), so the next request reads the names again. Each
    entry holds one person's own names under their own id; nothing is shared between people.
    """
    names = getattr(user, _GROUP_NAMES, None)
    if names is None:
        names = _stored_group_names(user)
        setattr(user, _GROUP_NAMES, names)
    return names


def _stored_group_names(user) -> frozenset[str]:
    seconds = settings.ROLE_NAMES_SECONDS
    if not seconds or user.pk is None:
        return frozenset(user.groups.values_list("name", flat=True))
    generation_keys = (GENERATION_KEY, _PERSON_GENERATION_KEY.format(pk=user.pk))
    names_key = _NAMES_KEY.format(pk=user.pk)
    found = cache.get_many([*generation_keys, names_key])
    generations = tuple(found.get(key) for key in generation_keys)
    stored = found.get(names_key)
    if stored is not None and stored[0] == generations and None not in generations:
        return stored[1]
    # Never "no generation" as one: names stored under it would outlive a change made while
    # the generation was out of the cache. `add`, so a change made meanwhile wins.
    generations = tuple(
        generation if generation is not None else _add_generation(key)
        for key, generation in zip(generation_keys, generations, strict=True)
    )
    names = frozenset(user.groups.values_list("name", flat=True))
    cache.set(names_key, (generations, names), seconds)
    return names


def _add_generation(key: str) -> int:
    generation = time.time_ns()
    cache.add(key, generation, timeout=None)
    return generation


def forget_group_names(sender, instance, **_kwargs) -> None:
    """`m2m_changed` of the users' groups: the user object asks the database again."""
    instance.__dict__.pop(_GROUP_NAMES, None)


def memberships_changed(sender, instance, action, reverse, pk_set, **_kwargs) -> None:
    """`m2m_changed` of the users' groups: the names of the people concerned are read again on
    their next request (everyone's when a group is emptied: who was in it is not told)."""
    if not action.startswith("post_"):
        return
    if not reverse:
        _new_generations([_PERSON_GENERATION_KEY.format(pk=instance.pk)])
    elif pk_set is None:
        _new_generations([GENERATION_KEY])
    else:
        _new_generations([_PERSON_GENERATION_KEY.format(pk=pk) for pk in pk_set])


def groups_changed(sender, **_kwargs) -> None:
    """`post_save` and `post_delete` of a group: everyone's names are read again."""
    _new_generations([GENERATION_KEY])


def person_deleted(sender, instance, **_kwargs) -> None:
    """`post_delete` of a user: nothing kept under their id outlives them."""
    _new_generations([_PERSON_GENERATION_KEY.format(pk=instance.pk)])


def _new_generations(keys: list[str]) -> None:
    """New generations for `keys`, now and again once the change is committed: a request that
    read the database before the commit and stored the names after stored them under a
    generation this ends."""

    def renew() -> None:
        generation = time.time_ns()
        cache.set_many(dict.fromkeys(keys, generation), timeout=None)

    renew()
    transaction.on_commit(renew)


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
