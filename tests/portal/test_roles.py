import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse

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


# --- The names kept between requests ------------------------------------------------------------------


def signed_in_as(client, user):
    client.force_login(user)
    return client


def shows_coordination(client) -> bool:
    """Whether the page's frame links to the coordinators' pages (it asks for the person's roles)."""
    return reverse("mentoring:intake_list") in client.get(reverse("account_home")).content.decode()


def groups_queries(client, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(50) as captured:
        client.get(reverse("account_home"))
    return sum("auth_group" in query["sql"] for query in captured.captured_queries)


@pytest.mark.django_db
def test_group_names_are_read_once_then_kept_between_requests(client, django_assert_max_num_queries):
    signed_in_as(client, user_with_role(roles.COORDINATORS))

    assert groups_queries(client, django_assert_max_num_queries) == 1
    assert groups_queries(client, django_assert_max_num_queries) == 0


@pytest.mark.django_db
def test_group_names_are_read_on_every_request_when_not_kept(client, settings, django_assert_max_num_queries):
    settings.ROLE_NAMES_SECONDS = 0
    signed_in_as(client, user_with_role(roles.COORDINATORS))

    assert groups_queries(client, django_assert_max_num_queries) == 1
    assert groups_queries(client, django_assert_max_num_queries) == 1


@pytest.mark.django_db
def test_group_names_kept_are_each_persons_own(client):
    coordinator, mentor = user_with_role(roles.COORDINATORS), user_with_role(roles.MENTORS)

    assert shows_coordination(signed_in_as(client, coordinator))
    assert not shows_coordination(signed_in_as(client, mentor))
    assert shows_coordination(signed_in_as(client, coordinator))


@pytest.mark.django_db
def test_a_role_given_takes_effect_on_the_next_request(client):
    person = verified_user()
    signed_in_as(client, person)
    assert not shows_coordination(client)

    person.groups.add(Group.objects.get(name=roles.COORDINATORS))

    assert shows_coordination(client)


@pytest.mark.django_db
def test_a_role_taken_from_the_groups_side_takes_effect_on_the_next_request(client):
    person = user_with_role(roles.COORDINATORS)
    signed_in_as(client, person)
    assert shows_coordination(client)

    Group.objects.get(name=roles.COORDINATORS).user_set.remove(person)

    assert not shows_coordination(client)


@pytest.mark.django_db
def test_a_group_renamed_takes_effect_on_the_next_request(client):
    signed_in_as(client, user_with_role(roles.COORDINATORS))
    assert shows_coordination(client)

    group = Group.objects.get(name=roles.COORDINATORS)
    group.name = "Former coordinators"
    group.save()

    assert not shows_coordination(client)


@pytest.mark.django_db
def test_a_role_given_to_someone_else_leaves_a_persons_names_kept(client, django_assert_max_num_queries):
    signed_in_as(client, user_with_role(roles.COORDINATORS))
    assert groups_queries(client, django_assert_max_num_queries) == 1

    user_with_role(roles.MENTORS)

    assert groups_queries(client, django_assert_max_num_queries) == 0


@pytest.mark.django_db
@pytest.mark.parametrize("generation", ["everyone's", "the person's own"])
def test_group_names_kept_are_not_trusted_once_a_generation_is_gone(client, generation):
    # The cache may drop a generation (eviction, a restart of Redis) and keep the names: names
    # stored before a change that no signal reported must not count again as if none had happened.
    person = user_with_role(roles.COORDINATORS)
    signed_in_as(client, person)
    assert shows_coordination(client)
    person.groups.through.objects.filter(user=person).delete()

    cache.delete(roles.GENERATION_KEY if generation == "everyone's" else f"roles:generation:{person.pk}")

    assert not shows_coordination(client)
