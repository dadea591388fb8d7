"""`/healthz/`: what a load balancer reads to keep a web process in rotation."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db(transaction=True)


def test_health_answers_ok_with_each_check_named(client):
    response = client.get("/healthz/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "Database(alias='default')",
        "Cache(alias='default')",
        "Storage(alias='default')",
        "TaskBroker()",
    }
    assert set(body.values()) == {"OK"}
    assert "no-cache" in response["Cache-Control"]


def test_health_fails_when_the_task_broker_does_not_answer(client, monkeypatch):
    class Silent:
        def ping(self):
            return False

    monkeypatch.setattr("portal.health.get_broker", lambda: Silent())

    response = client.get("/healthz/", HTTP_ACCEPT="application/json")

    assert response.status_code == 500
    assert response.json()["TaskBroker()"] != "OK"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_health_is_not_redirected_to_https(client):
    """A probe speaks plain HTTP to the process behind the proxy."""
    response = client.get("/healthz/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
