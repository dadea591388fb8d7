import io
import subprocess
import sys
import time

import pytest
from django.core.management import call_command

from portal.management.commands import runportal
from portal.management.commands.runportal import base_url_from, default_site_point_at, stop_all
from portal.site_address import base_url_for

STUBBORN = (
    "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN);"
    " print('up', flush=True); time.sleep(60)"
)
POLITE = "import time; print('up', flush=True); time.sleep(60)"


def _start(code: str) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "up"  # its signal handler is in place
    return child


def test_runportal_stop_kills_a_worker_that_ignores_sigterm():
    polite, stubborn = _start(POLITE), _start(STUBBORN)
    started = time.monotonic()
    stop_all([polite, stubborn], grace=0.5)
    assert polite.returncode == -15
    assert stubborn.returncode == -9
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("addrport", "base_url"),
    [
        ("127.0.0.1:8300", "http://127.0.0.1:8300"),
        ("8300", "http://127.0.0.1:8300"),
        ("0.0.0.0:8300", "http://127.0.0.1:8300"),
        ("[::1]:8300", "http://[::1]:8300"),
        ("portal.local", "http://portal.local:8000"),
    ],
)
def test_base_url_for_is_where_the_portal_answers(addrport, base_url):
    assert base_url_for(addrport) == base_url


def test_base_url_from_keeps_a_configured_address():
    assert base_url_from("127.0.0.1:8300", {}) == "http://127.0.0.1:8300"
    assert base_url_from("127.0.0.1:8300", {"WAGTAILADMIN_BASE_URL": "https://portal.example"}) == (
        "https://portal.example"
    )


@pytest.mark.django_db
def test_default_site_point_at_gives_the_site_the_address(site_tree):
    default_site_point_at("http://127.0.0.1:8300")
    site_tree.site.refresh_from_db()
    assert site_tree.site.root_url == "http://127.0.0.1:8300"
    assert site_tree.home.get_full_url() == "http://127.0.0.1:8300/"


def test_runportal_gives_both_children_the_address_it_serves_on(monkeypatch):
    started = []

    class Child:
        returncode = 0

        def __init__(self, args, env):
            started.append((args[-1], env["WAGTAILADMIN_BASE_URL"]))

        def poll(self):
            return 0

    monkeypatch.delenv("WAGTAILADMIN_BASE_URL", raising=False)
    monkeypatch.setattr(runportal.subprocess, "Popen", Child)
    monkeypatch.setattr(runportal, "default_site_point_at", lambda base_url: None)
    monkeypatch.setattr(runportal, "stop_all", lambda children, grace: None)
    monkeypatch.setattr(runportal.signal, "signal", lambda signum, handler: None)
    call_command("runportal", "127.0.0.1:8300", stdout=io.StringIO())
    assert started == [("qcluster", "http://127.0.0.1:8300"), ("127.0.0.1:8300", "http://127.0.0.1:8300")]
