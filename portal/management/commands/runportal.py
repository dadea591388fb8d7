"""Start the web server and the django-q2 worker together; Ctrl-C stops both.

qcluster sometimes hangs on SIGTERM (django-q2 issue #346), so whatever is
still running a few seconds after the stop signal is killed.
"""

import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

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


class Command(BaseCommand):
    help = "Run the web server and the task worker together (the embedded set-up of `make run`)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options):
        manage = [sys.executable, "manage.py"]
        # Our own manage.py with fixed arguments; addrport goes to runserver, which validates it.
        children = [
            subprocess.Popen([*manage, "qcluster"]),  # noqa: S603
            subprocess.Popen([*manage, "runserver", addrport]),  # noqa: S603
        ]
        self.stdout.write(f"Portal on http://{addrport}/ with the task worker. Ctrl-C stops both.")
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
