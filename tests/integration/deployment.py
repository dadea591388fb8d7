"""A production deployment on loopback, set up by following README.md's "Production" section.

The README's shell block is read and run step by step in a fresh copy of the
working tree (the files git tracks or would track: no .venv, no db.sqlite3, no
compiled catalogues), with only the environment values substituted: a fresh
PostgreSQL database, a Redis database of its own, temporary folders, free ports.
"""

import contextlib
import email
import email.policy
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
PG_HOST, PG_PORT = "127.0.0.1", 5432
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
REDIS_DB = 14
MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"
# The README's export lines name these; the test supplies each (an unknown name fails the test).
README_VARIABLES = {
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "ALLOWED_HOSTS",
    "WAGTAILADMIN_BASE_URL",
}


def _reachable(host: str, port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=1):
        return True
    return False


def integration_skip_reason() -> str | None:
    """Why the integration tests cannot run here, or None when they can."""
    if os.environ.get("INTEGRATION") != "1":
        return "integration tests run only with INTEGRATION=1"
    if not _reachable(PG_HOST, PG_PORT):
        return f"PostgreSQL is not reachable at {PG_HOST}:{PG_PORT}"
    if not _reachable(REDIS_HOST, REDIS_PORT):
        return f"Redis is not reachable at {REDIS_HOST}:{REDIS_PORT}"
    return None


@dataclass(frozen=True)
class ReadmeSteps:
    exported: list[str]
    setup: list[list[str]]
    gunicorn: list[str]
    qcluster: list[str]
    skipped: list[str]


def readme_production_steps(readme: str) -> ReadmeSteps:
    """The `sh` block of README.md's "## Production" section, split into its kinds of line."""
    section = readme.split("\n## Production", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    exported, setup, gunicorn, qcluster, skipped = [], [], None, None, []
    for raw in block.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        words = shlex.split(line)
        if words[0] == "export":
            exported += [word.split("=", 1)[0] for word in words[1:] if "=" in word]
        elif words[:2] == ["pip", "install"]:
            skipped.append(line)
        elif words[0] == "gunicorn":
            gunicorn = words
        elif words[1:3] == ["manage.py", "qcluster"]:
            qcluster = words
        else:
            setup.append(words)
    return ReadmeSteps(exported, setup, gunicorn, qcluster, skipped)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_clone(target: Path) -> None:
    """Copy what a clone of the working tree would hold (tracked and unignored files) to `target`."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],  # noqa: S607
        cwd=REPO,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for name in filter(None, listed):
        source = REPO / os.fsdecode(name)
        if source.is_file():  # a deleted but still tracked file is not in a clone of the tree
            destination = target / os.fsdecode(name)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)


def stop_processes(processes: list[subprocess.Popen], *, grace: float = 5.0) -> None:
    """SIGTERM every process group, SIGKILL them after `grace` seconds (qcluster may hang on SIGTERM)."""
    for process in processes:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for process in processes:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=max(deadline - time.monotonic(), 0.1))
    for process in processes:
        # Children (gunicorn's workers, qcluster's) may outlive their parent: kill the whole group.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)


@dataclass
class Deployment:
    root: Path  # the fresh clone
    tmp: Path
    env: dict
    steps: ReadmeSteps
    database: str
    mail_dir: Path
    web_ports: list[int] = field(default_factory=list)
    processes: list[subprocess.Popen] = field(default_factory=list)
    qclusters: list[subprocess.Popen] = field(default_factory=list)
    timings: dict = field(default_factory=dict)

    # --- processes -------------------------------------------------------------------------------

    def _start(self, words: list[str], log_name: str) -> subprocess.Popen:
        log = open(self.tmp / f"{log_name}.log", "ab")  # noqa: SIM115 - closed with the process group
        process = subprocess.Popen(
            words, cwd=self.root, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        self.processes.append(process)
        return process

    def run_step(self, words: list[str]) -> None:
        result = subprocess.run(
            words, cwd=self.root, env=self.env, capture_output=True, text=True, timeout=300, check=False
        )
        output = result.stdout + result.stderr
        assert result.returncode == 0, f"README step {shlex.join(words)} failed:\n{output}"

    def start_gunicorn(self, port: int) -> subprocess.Popen:
        """The README's gunicorn line; only the bind address changes (loopback, a free port)."""
        words = list(self.steps.gunicorn)
        words[words.index("--bind") + 1] = f"127.0.0.1:{port}"
        self.web_ports.append(port)
        return self._start(words, f"gunicorn-{port}")

    def start_qcluster(self) -> subprocess.Popen:
        """The README's qcluster line, as written."""
        process = self._start(list(self.steps.qcluster), f"qcluster-{len(self.qclusters)}")
        self.qclusters.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL the process and everything it started, at once (no chance to finish anything)."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def wait_until_serving(self, port: int, *, timeout: float = 60) -> None:
        import requests

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(requests.RequestException):
                response = requests.get(f"http://127.0.0.1:{port}/healthz/", timeout=5)
                if response.status_code == 200:
                    return
            time.sleep(0.3)
        raise AssertionError(f"gunicorn on port {port} did not answer /healthz/ within {timeout} s")

    def shell(self, code: str, *, timeout: float = 120) -> dict:
        """Run `code` in `manage.py shell -c` (production settings); return the JSON it prints last."""
        result = subprocess.run(
            [str(VENV_BIN / "python"), "manage.py", "shell", "-c", code],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        assert result.returncode == 0, f"manage.py shell failed:\n{result.stdout}{result.stderr}"
        return json.loads(result.stdout.strip().splitlines()[-1])

    # --- the database ----------------------------------------------------------------------------

    def sql(self, query: str, params: tuple = ()) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.env["DATABASE_URL"], autocommit=True) as connection:
            return connection.execute(query, params).fetchall()

    def scalar(self, query: str, params: tuple = ()):
        return self.sql(query, params)[0][0]

    def wait_for_outbox_drained(self, *, timeout: float) -> float:
        """Wait until no outbox message is pending; return the seconds it took."""
        started = time.monotonic()
        while self.scalar("SELECT count(*) FROM portal_outboxmessage WHERE status = 'pending'"):
            if time.monotonic() - started > timeout:
                pending = self.scalar("SELECT count(*) FROM portal_outboxmessage WHERE status = 'pending'")
                raise AssertionError(f"{pending} outbox messages still pending after {timeout} s")
            time.sleep(0.5)
        return time.monotonic() - started

    # --- delivered mail --------------------------------------------------------------------------

    def delivered(self) -> list[email.message.EmailMessage]:
        """Every message the file backend wrote, one per hand-over (a repeat counts twice)."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log")):
            for chunk in path.read_bytes().split(MAIL_SEPARATOR):
                if chunk.strip():
                    parsed = email.message_from_bytes(chunk.lstrip(b"\n"), policy=email.policy.default)
                    messages.append(parsed)
        return messages


def deployment_environment(*, tmp: Path, database: str, mail_dir: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        VIRTUAL_ENV=str(VENV_BIN.parent),
        PYTHONDONTWRITEBYTECODE="1",
        # The README's variables.
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL=f"postgres://postgres@{PG_HOST}:{PG_PORT}/{database}",
        REDIS_URL=f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}",
        ALLOWED_HOSTS="127.0.0.1",
        WAGTAILADMIN_BASE_URL="http://127.0.0.1",
        # Settings the production settings read, for a machine without TLS or a mail server.
        SECURE_SSL_REDIRECT="false",
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mail_dir),
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp / "private"),
        # Short enough that a killed worker's claims lapse within the test (default 300 s).
        OUTBOX_CLAIM_LEASE_SECONDS="10",
        LOG_FORMAT="plain",
    )
    return env


@contextlib.contextmanager
def production_deployment(tmp: Path, *, web_processes: int = 2, workers: int = 2):
    """Follow the README in a fresh clone; yield the running Deployment; tear everything down."""
    import psycopg
    import redis

    database = f"vastkraft_integration_{secrets.token_hex(4)}"
    mail_dir = tmp / "mail"
    mail_dir.mkdir()
    root = tmp / "clone"
    fresh_clone(root)
    steps = readme_production_steps((root / "README.md").read_text())
    env = deployment_environment(tmp=tmp, database=database, mail_dir=mail_dir)
    assert set(steps.exported) <= README_VARIABLES, f"README exports variables the test does not set: {steps}"
    deployment = Deployment(root=root, tmp=tmp, env=env, steps=steps, database=database, mail_dir=mail_dir)
    queue = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB)
    admin_url = f"postgres://postgres@{PG_HOST}:{PG_PORT}/postgres"
    queue.flushdb()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{database}"')
    try:
        for words in steps.setup:
            started = time.monotonic()
            deployment.run_step(words)
            deployment.timings[shlex.join(words)] = round(time.monotonic() - started, 1)
        for _ in range(web_processes):
            deployment.start_gunicorn(free_port())
        for _ in range(workers):
            deployment.start_qcluster()
        for port in deployment.web_ports:
            deployment.wait_until_serving(port)
        yield deployment
    finally:
        stop_processes(deployment.processes)
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        queue.flushdb()
        queue.close()
