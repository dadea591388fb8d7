import subprocess
import sys
import time

from portal.management.commands.runportal import stop_all

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
