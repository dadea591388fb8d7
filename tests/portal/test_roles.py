import pytest

from portal import roles
from tests.factories import user_with_role, verified_user


@pytest.mark.django_db
@pytest.mark.parametrize("group_name", [roles.EDITORS, roles.MODERATORS])
def test_roles_editors_and_moderators_may_translate_pages(group_name):
    assert user_with_role(group_name).has_perm("simple_translation.submit_translation")


@pytest.mark.django_db
@pytest.mark.parametrize("group_name", [roles.COORDINATORS, roles.MENTORS])
def test_roles_other_staff_may_not_translate_pages(group_name):
    assert not user_with_role(group_name).has_perm("simple_translation.submit_translation")


@pytest.mark.django_db
def test_user_has_role_only_for_own_groups():
    mentor = user_with_role(roles.MENTORS)
    assert roles.user_has_role(mentor, roles.MENTORS)
    assert not roles.user_has_role(mentor, roles.COORDINATORS)
    assert not roles.user_has_role(verified_user(), roles.MENTORS)
