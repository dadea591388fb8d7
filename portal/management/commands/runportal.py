"""Start the web server and the django-q2 worker together; Ctrl-C stops both.

Links made without a request (e-mails, the Wagtail site's root URL) need the address the
portal answers on: unless WAGTAILADMIN_BASE_URL is set, both children get the one given to
this command (`make run ADDR=127.0.0.1:8300`), and the default Wagtail site is pointed at it.

qcluster sometimes hangs on SIGTERM (django-q2 issue #346), so whatever is
still running a few seconds after the stop signal is killed.
"""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand
from wagtail.models import Site

from portal.site_address import base_url_for, host_and_port

GRACE_SECONDS = 8


def stop_all(children: list[subprocess.Popen], *, grace: float) -> None:
    """Ask every child to stop (SIGTERM); kill those still running after `grace` seconds."""
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + grace
    for child in children:
        try:
            child.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def base_url_from(addrport: str, environ) -> str:
    """The portal's public address: WAGTAILADMIN_BASE_URL when set, else the address it serves on."""
    return environ.get("WAGTAILADMIN_BASE_URL") or base_url_for(addrport)


def default_site_point_at(base_url: str) -> None:
    """The default Wagtail site's host and port become those of `base_url` (its root URL builds links)."""
    hostname, port = host_and_port(base_url)
    for site in Site.objects.filter(is_default_site=True).exclude(hostname=hostname, port=port):
        site.hostname, site.port = hostname, port
        site.save()  # saved, not updated: Wagtail then clears its cached site root paths


class Command(BaseCommand):
    help = "Run the web server and the task worker together (the embedded set-up of `make run`)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options):
        manage = [sys.executable, "manage.py"]
        base_url = base_url_from(addrport, os.environ)
        default_site_point_at(base_url)
        environment = {**os.environ, "WAGTAILADMIN_BASE_URL": base_url}
        # Our own manage.py with fixed arguments; addrport goes to runserver, which validates it.
        children = [
            subprocess.Popen([*manage, "qcluster"], env=environment),  # noqa: S603
            subprocess.Popen([*manage, "runserver", addrport], env=environment),  # noqa: S603
        ]
        self.stdout.write(f"Portal on {base_url}/ with the task worker. Ctrl-C stops both.")
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.3)
        stop_all(children, grace=GRACE_SECONDS)
        self.stdout.write("Stopped the web server and the task worker.")
        failed = [child for child in children if child.returncode not in (0, -signal.SIGTERM, -signal.SIGINT)]
        if failed and not stopping:
            raise SystemExit(1)
