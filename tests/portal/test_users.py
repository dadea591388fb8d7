"""A user read by ID with the statement built once (portal.models.UserManager.get) is the ORM's user."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.models import User
from tests import factories

pytestmark = pytest.mark.django_db


def fields_of(user: User) -> list[tuple]:
    return [
        (field.attname, getattr(user, field.attname), type(getattr(user, field.attname)))
        for field in User._meta.concrete_fields
    ]


def test_user_get_by_pk_reads_what_the_orm_reads():
    user = factories.verified_user(first_name="Åsa", last_name="Öberg", is_staff=True)
    User.objects.filter(pk=user.pk).update(last_login=timezone.now() - dt.timedelta(hours=3))

    read = User.objects.get(pk=user.pk)
    orm = QuerySet(User).get(pk=user.pk)

    assert fields_of(read) == fields_of(orm)
    assert isinstance(read.last_login, dt.datetime) and timezone.is_aware(read.last_login)
    assert (read._state.db, read._state.adding) == (orm._state.db, orm._state.adding)


def test_user_get_by_pk_is_one_query():
    user = factories.verified_user()
    with CaptureQueriesContext(connection) as queries:
        User.objects.get(pk=user.pk)

    assert len(queries) == 1


def test_user_get_by_unknown_pk_raises_does_not_exist():
    with pytest.raises(User.DoesNotExist, match="User matching query does not exist"):
        User.objects.get(pk=987654321)


def test_user_get_by_other_lookups_is_the_orms():
    user = factories.verified_user(email="lookup@example.org")

    assert User.objects.get(email="lookup@example.org") == user
    assert User.objects.get(pk=str(user.pk)) == user
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=user.pk, is_active=False)


def test_user_signed_in_is_read_by_pk(client):
    user = factories.verified_user()
    client.force_login(user)

    response = client.get("/accounts/email/")

    assert response.status_code == 200
    assert response.wsgi_request.user == user
