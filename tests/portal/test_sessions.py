"""The database sessions read with one plain statement (portal/sessions.py) read what Django's do."""

import datetime as dt

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from portal.sessions import SessionStore

pytestmark = pytest.mark.django_db


def stored(data: dict) -> str:
    session = DjangoSessionStore()
    session.update(data)
    session.save()
    return session.session_key


def test_session_reads_what_djangos_database_session_reads():
    key = stored({"_auth_user_id": "7", "note": "å ä ö"})

    assert SessionStore(session_key=key).load() == DjangoSessionStore(session_key=key).load()
    assert SessionStore(session_key=key).load() == {"_auth_user_id": "7", "note": "å ä ö"}


def test_session_expired_reads_as_none_and_forgets_its_key():
    key = stored({"_auth_user_id": "7"})
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    session = SessionStore(session_key=key)

    assert session.load() == {}
    assert session.session_key is None


def test_session_unknown_key_reads_as_none():
    session = SessionStore(session_key="x" * 32)

    assert session.load() == {}
    assert session.session_key is None


def test_session_engine_keeps_a_person_signed_in(client, settings):
    from tests import factories

    assert settings.SESSION_ENGINE == "portal.sessions"
    client.force_login(factories.verified_user())

    assert client.get("/accounts/email/").status_code == 200
    assert "_auth_user_id" in client.session
