"""Scale-out: the README's production set-up, two web processes and two task workers.

Run with `INTEGRATION=1` (and PostgreSQL and Redis on loopback); skipped otherwise.
The `deployment` fixture follows README.md's "Production" section step by step in
a fresh copy of the working tree (see tests/integration/deployment.py); the
tests talk to it through HTTP and look at the database and the delivered files.
"""

import re
import secrets
import subprocess
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from email.utils import parseaddr
from urllib.parse import urljoin

import pytest
import requests
from requests.adapters import HTTPAdapter

from tests.integration.deployment import VENV_BIN

pytestmark = pytest.mark.integration

APPLICANTS = 200
THREADS = 12
PASSWORD = "Integration-Mölndal-2026"
# allauth allows 30 sign-ins a minute from one address; the applicants come from 20.
SOURCE_ADDRESSES = [f"127.0.0.{n}" for n in range(2, 22)]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def recipient(message) -> str:
    return parseaddr(str(message["To"]))[1]


def test_readme_production_steps_are_all_followed(deployment):
    """Every line of the README's block ran, except `pip install` (the venv exists)."""
    steps = deployment.steps
    print(f"\nREADME steps, seconds each: {deployment.timings}")
    assert [words[2] for words in steps.setup] == [
        "compile_translations",
        "collectstatic",
        "migrate",
        "createcachetable",
        "sync_schedules",
    ]
    assert steps.skipped == ["pip install -r requirements.txt -c constraints.txt"]
    assert len(deployment.web_ports) == 2 and len(deployment.qclusters) == 2


# --- 200 applications through HTTP ----------------------------------------------------------------


class _FromAddress(HTTPAdapter):
    def __init__(self, address: str):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class Browser:
    """One applicant's session against one web process, behind a pretend TLS-terminating proxy.

    Redirects are followed here, not by requests: requests would drop the session's
    Secure cookies on plain HTTP, where the proxy in front of production sends them.
    """

    def __init__(self, *, port: int, source_address: str):
        self.base = f"http://127.0.0.1:{port}"
        self.session = requests.Session()
        self.session.mount("http://", _FromAddress(source_address))

    def send(
        self, method: str, path: str, data: dict | None = None, *, form_path: str = "", follow: bool = True
    ) -> requests.Response:
        """Request `path`; a POST carries the CSRF token and the Referer of the form at `form_path`."""
        headers = {"X-Forwarded-Proto": "https"}  # what the proxy adds; production trusts it
        if method == "POST":
            data = {"csrfmiddlewaretoken": self.session.cookies["csrftoken"], **data}
            headers["Referer"] = f"https://{self.base.removeprefix('http://')}{form_path or path}"
        for _ in range(10):
            headers["Cookie"] = "; ".join(f"{c.name}={c.value}" for c in self.session.cookies)
            response = self.session.request(
                method, self.base + path, data=data, headers=headers, allow_redirects=False, timeout=120
            )
            if not (response.is_redirect and follow):
                response.raise_for_status()
                return response
            method, data, path = "GET", None, urljoin(path, response.headers["Location"])
            headers.pop("Referer", None)
        raise AssertionError(f"too many redirects from {path}")

    def redirect_of(self, method: str, path: str, data: dict | None = None) -> str:
        """Send without following; return where the portal sends the browser next."""
        response = self.send(method, path, data, follow=False)
        assert response.is_redirect, f"{method} {path}: {response.status_code}"
        return response.headers["Location"]


STEP_ANSWERS = {
    "idea": {"idea_title": "Cykelverkstad", "idea_description": "Service av elcyklar."},
    "market": {
        "business_sector": "S",
        "market_description": "Pendlare i Mölndal.",
        "stage": "idea",
        "organisation_number": "",
    },
    "needs": {"support_needs": ["financing", "marketing_sales"]},
    "mentor": {"mentor_languages": ["sv"], "woman_mentor": "no_preference", "meeting_mode": "either"},
    "attachments": {},  # a business plan is optional
}


def apply(*, email: str, intake_id: int, port: int, source_address: str) -> str:
    """Sign in, pass the eligibility check, save every step and submit; return where the applicant lands.

    Each step is posted as its form would post it; the page the portal redirects to
    is checked by its address rather than fetched (that is not what is measured).
    """
    browser = Browser(port=port, source_address=source_address)
    eligibility = f"/apply/{intake_id}/"
    browser.send("GET", f"/accounts/login/?next={eligibility}")
    landed = browser.send(
        "POST", f"/accounts/login/?next={eligibility}", {"login": email, "password": PASSWORD}
    )
    assert landed.url.endswith(eligibility), f"{email} could not sign in: {landed.url}"
    profile = browser.redirect_of(
        "POST",
        eligibility,
        {"municipality": "molndal", "employment_status": "under_notice", "birth_year": "1985"},
    )
    step = browser.redirect_of("GET", profile)
    application = re.fullmatch(r"/application/(\d+)/idea/", step).group(1)
    for name, answers in STEP_ANSWERS.items():
        assert step == f"/application/{application}/{name}/", step
        step = browser.redirect_of("POST", step, {**answers, "action": "continue"})
    assert step == f"/application/{application}/review/", step
    return browser.redirect_of("POST", step, {"action": "submit"})


SEED_APPLICANTS = """
import json
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from mentoring.models import ApplicantProfile
from portal.models import User
from tests import factories

intake = factories.IntakeFactory(title={title!r}, places={count})
# One production hash for all: hashing {count} passwords here would take minutes; each
# sign-in still checks it with the production hasher.
password = make_password({password!r})
users = User.objects.bulk_create(
    [User(email=f"{prefix}{{i}}@example.org", first_name="Alva", last_name=f"Sökande {{i}}",
          password=password) for i in range({count})]
)
EmailAddress.objects.bulk_create(
    [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users]
)
ApplicantProfile.objects.bulk_create(
    [factories.ApplicantProfileFactory.build(user=user, first_name="Alva", last_name=user.last_name,
                                             privacy_notice_version=settings.PRIVACY_NOTICE_VERSION)
     for user in users]
)
print(json.dumps({{"intake": intake.pk, "emails": [user.email for user in users]}}))
"""


def test_every_application_submitted_over_http_gets_exactly_one_receipt(deployment):
    """200 applicants apply at once through both web processes; each receipt is delivered exactly once.

    The 200 verified accounts and their applicant profiles are written directly to
    the database beforehand (signing up is not what is measured); the open intake
    comes from tests.factories. Every applicant then signs in through allauth's
    form and goes through eligibility, the five steps and the review over HTTP.
    """
    title = f"Integrationsomgång {secrets.token_hex(3)}"
    seeded = deployment.shell(
        SEED_APPLICANTS.format(title=title, count=APPLICANTS, password=PASSWORD, prefix="sokande")
    )
    started = time.monotonic()
    with ThreadPoolExecutor(THREADS) as pool:
        landed = list(
            pool.map(
                lambda i: apply(
                    email=seeded["emails"][i],
                    intake_id=seeded["intake"],
                    port=deployment.web_ports[i % len(deployment.web_ports)],
                    source_address=SOURCE_ADDRESSES[i % len(SOURCE_ADDRESSES)],
                ),
                range(APPLICANTS),
            )
        )
    submitting = time.monotonic() - started
    draining = deployment.wait_for_outbox_drained(timeout=60)

    assert Counter(landed) == {"/my/": APPLICANTS}
    submitted = deployment.scalar(
        "SELECT count(*) FROM mentoring_application WHERE intake_id = %s AND status = 'submitted'",
        (seeded["intake"],),
    )
    assert submitted == APPLICANTS
    receipts = defaultdict(list)
    for message in deployment.delivered():
        if title in message["Subject"]:
            receipts[recipient(message)].append(message["Message-ID"])
    counts = Counter(len(ids) for ids in receipts.values())
    print(
        f"\n{APPLICANTS} applications in {submitting:.1f} s, outbox drained {draining:.1f} s later; "
        f"receipts per applicant: {dict(counts)}"
    )
    assert sorted(receipts) == sorted(seeded["emails"])
    assert counts == {1: APPLICANTS}


# --- A recurring job on two workers -----------------------------------------------------------------

MENTORSHIPS = 12
SEED_MENTORSHIPS = """
import datetime as dt, json
from django.test import override_settings
from django.utils import timezone
from mentoring.mentorships.workflow import MentorshipStatus
from tests import factories

# Nobody signs in as these people: a fast hasher saves a second per account.
with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
    mentorships = [
        factories.MentorshipFactory(
            status=MentorshipStatus.ACTIVE,
            answered_at=timezone.now() - dt.timedelta(days=40),
            mentor__user__email=f"{prefix}{{i}}@example.org",
        )
        for i in range({count})
    ]

from django_q.models import Schedule
from django_q.tasks import async_task
# Due now for the schedulers of both clusters, and queued twice more besides, so that
# several workers run the job at about the same moment.
Schedule.objects.filter(name="portal:remind-mentors-to-meet").update(
    next_run=timezone.now() - dt.timedelta(minutes=1)
)
for _ in range(2):
    async_task("mentoring.mentorships.jobs.remind_mentors_to_meet", group="integration-extra")
print(json.dumps({{"mentors": [m.mentor.user.email for m in mentorships]}}))
"""


@pytest.fixture(scope="module", autouse=True)
def reminders_due(deployment):
    """Mentorships due for `remind-mentors-to-meet`, and the job made due, before the first test.

    Each cluster's scheduler looks only every 30 seconds: starting here lets that
    wait pass while the other tests run.
    """
    schedule = "portal:remind-mentors-to-meet"
    # sync_schedules may leave a new schedule due at once: let such a first run pass.
    deadline = time.monotonic() + 75
    while deployment.scalar("SELECT next_run <= now() FROM django_q_schedule WHERE name = %s", (schedule,)):
        assert time.monotonic() < deadline, "the schedule's first run did not happen"
        time.sleep(1)
    before = job_runs(deployment, schedule)
    seeded = deployment.shell(SEED_MENTORSHIPS.format(count=MENTORSHIPS, prefix="mentor-integration"))
    return {"schedule": schedule, "runs_before": before, "mentors": seeded["mentors"]}


def job_runs(deployment, group: str) -> int:
    return deployment.scalar('SELECT count(*) FROM django_q_task WHERE "group" = %s AND success', (group,))


def test_recurring_job_reminds_each_due_mentorship_once_with_two_workers(deployment, reminders_due):
    """`remind-mentors-to-meet`, due for 12 mentorships, run by its schedule and twice more at once.

    Each mentor of a mentorship without a meeting for 40 days gets exactly one
    reminder, though the job ran three times on two clusters: once from its
    schedule (made due by `reminders_due`) and twice queued directly.
    """
    schedule, mentors = reminders_due["schedule"], set(reminders_due["mentors"])
    deadline = time.monotonic() + 75
    while time.monotonic() < deadline and (
        job_runs(deployment, schedule) < reminders_due["runs_before"] + 1
        or job_runs(deployment, "integration-extra") < 2
    ):
        time.sleep(1)
    deployment.wait_for_outbox_drained(timeout=30)

    assert job_runs(deployment, schedule) == reminders_due["runs_before"] + 1
    assert job_runs(deployment, "integration-extra") == 2
    reminded = deployment.scalar(
        "SELECT count(*) FROM mentoring_mentorship WHERE meeting_reminded_at IS NOT NULL"
    )
    reminders = Counter(
        recipient(message) for message in deployment.delivered() if recipient(message) in mentors
    )
    print(f"\njob runs: 1 scheduled + 2 extra; reminders per mentor: {dict(Counter(reminders.values()))}")
    assert reminded == MENTORSHIPS
    assert reminders == dict.fromkeys(mentors, 1)


# --- SIGKILL in the middle of delivering -------------------------------------------------------------

BATCH = 300
ENQUEUE_BATCH = """
import json
from django.core.mail import EmailMessage
from django.db import transaction
from portal.outbox import outbox_enqueue
with transaction.atomic():
    ids = [
        outbox_enqueue(
            message=EmailMessage(subject=f"kill-test {{i}}", body="Hej!", to=[f"kill{{i}}@example.org"])
        ).pk
        for i in range({count})
    ]
print(json.dumps({{"ids": ids}}))
"""
SWEEP_AT = """
import json, time
from django_q.tasks import async_task
# What the every-minute schedule `deliver-due-email` does, queued at {at} (epoch seconds):
# as soon as the killed worker's claims have lapsed, rather than within the minute.
time.sleep(max({at} - time.time(), 0))
async_task("portal.tasks.deliver_due_outbox")
print(json.dumps({{}}))
"""


def test_worker_killed_mid_delivery_loses_nothing_and_doubles_nothing(deployment):
    """SIGKILL one qcluster (its whole process group) while 300 outbox messages are being delivered.

    "Doubles nothing" is meant as the receiving side sees it: a message the killed
    worker had handed over but not yet marked sent may be handed over once more
    after its claim lapses, but always under the same Message-ID, so each outbox
    row's delivered copies carry exactly one distinct Message-ID (its own) and a
    receiver that drops repeats sees every message once. "Loses nothing": every row
    ends up marked sent and its Message-ID is among the delivered files.
    """
    enqueue = subprocess.Popen(
        [str(VENV_BIN / "python"), "manage.py", "shell", "-c", ENQUEUE_BATCH.format(count=BATCH)],
        cwd=deployment.root,
        env=deployment.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    sent = lambda: deployment.scalar(  # noqa: E731
        "SELECT count(*) FROM portal_outboxmessage WHERE subject LIKE 'kill-test %%' AND status = 'sent'"
    )
    deadline = time.monotonic() + 60
    while sent() < BATCH // 10 and time.monotonic() < deadline:
        time.sleep(0.05)
    victim = deployment.qclusters[0]
    deployment.kill(victim)
    killed_at = time.time()
    sent_at_kill = sent()
    # Claimed (handed over or about to be) but not marked sent: the killed worker's, and
    # any the surviving one is finishing.
    in_flight = deployment.scalar(
        "SELECT count(*) FROM portal_outboxmessage"
        " WHERE subject LIKE 'kill-test %%' AND status = 'pending' AND next_attempt_at > now()"
    )
    _output, errors = enqueue.communicate(timeout=60)
    assert enqueue.returncode == 0, errors
    assert BATCH // 10 <= sent_at_kill < BATCH, "the kill did not come in the middle of the batch"

    deployment.start_qcluster()
    lapsed_at = killed_at + int(deployment.env["OUTBOX_CLAIM_LEASE_SECONDS"]) + 1
    deadline = time.monotonic() + 90
    while sent() < BATCH and time.monotonic() < deadline:
        deployment.shell(SWEEP_AT.format(at=max(lapsed_at, time.time())))
        time.sleep(2)

    rows = deployment.sql(
        "SELECT subject, key::text, status FROM portal_outboxmessage WHERE subject LIKE 'kill-test %%'"
    )
    expected = {subject: f"<{key}@vastkraft.example>" for subject, key, _status in rows}
    ids_by_subject = defaultdict(list)
    for message in deployment.delivered():
        if message["Subject"].startswith("kill-test "):
            ids_by_subject[message["Subject"]].append(message["Message-ID"])
    copies = Counter(len(ids) for ids in ids_by_subject.values())
    print(
        f"\nkilled with {sent_at_kill}/{BATCH} sent, {in_flight} claimed; "
        f"copies per message: {dict(copies)}; "
        f"rows sent: {sum(status == 'sent' for *_, status in rows)}/{len(rows)}"
    )
    assert len(rows) == BATCH
    assert all(status == "sent" for *_, status in rows)
    assert set(ids_by_subject) == set(expected)  # none missing
    assert {subject: set(ids) for subject, ids in ids_by_subject.items()} == {
        subject: {message_id} for subject, message_id in expected.items()
    }  # one Message-ID per row, its own
