"""The e-mail outbox: nothing sent for a rolled-back change, nothing lost for a committed one, and
at most one repeat (same Message-ID) when a worker dies between sending and recording it."""

import datetime as dt
import smtplib
from email.mime.text import MIMEText

import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from portal import outbox, tasks
from portal.models import OutboxMessage

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    calls = 0

    def send_messages(self, email_messages):
        FailingBackend.calls += 1
        raise smtplib.SMTPServerDisconnected("connection refused by relay")


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing in the worker gets to handle it."""


class DyingBackend(BaseEmailBackend):
    """The worker dies after claiming the message, before it can record anything."""

    def send_messages(self, email_messages):
        raise WorkerKilled


class SecondWorkerBackend(BaseEmailBackend):
    """While the first worker is sending, a second worker tries the same message."""

    second_worker_sent = None

    def send_messages(self, email_messages):
        message_id = OutboxMessage.objects.get().pk
        SecondWorkerBackend.second_worker_sent = outbox.outbox_deliver(message_id=message_id, now=NOW)
        mail.outbox.extend(email_messages)
        return len(email_messages)


@pytest.fixture
def failing_backend(settings):
    FailingBackend.calls = 0
    settings.OUTBOX_DELIVERY_BACKEND = f"{__name__}.FailingBackend"
    return FailingBackend


def a_message(**kwargs) -> EmailMessage:
    fields = {"subject": "Ansökan mottagen", "body": "Tack för din ansökan.", "to": ["alva@example.org"]}
    return EmailMessage(**{**fields, **kwargs})


def queued(**kwargs) -> OutboxMessage:
    """A message in the outbox whose transaction has not committed (so no delivery was queued)."""
    return outbox.outbox_enqueue(message=a_message(**kwargs))


def test_outbox_rolled_back_change_leaves_no_row_and_sends_nothing(
    mail_via_outbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        a_message().send()
        raise RuntimeError("the change that caused the e-mail failed")

    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_outbox_committed_email_is_delivered_once(mail_via_outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        a_message().send()

    row = OutboxMessage.objects.get()
    assert [m.subject for m in mail.outbox] == ["Ansökan mottagen"]
    assert (row.status, row.attempts) == (OutboxMessage.Status.SENT, 1)
    assert row.sent_at is not None


def test_outbox_message_id_carries_idempotency_key(mail_via_outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        a_message().send()

    row = OutboxMessage.objects.get()
    assert str(row.key) in mail.outbox[0].extra_headers["Message-ID"]


def test_outbox_email_is_not_delivered_before_commit(mail_via_outbox):
    a_message().send()

    assert OutboxMessage.objects.get().status == OutboxMessage.Status.PENDING
    assert mail.outbox == []


def test_deliver_outbox_message_twice_sends_once():
    row = queued()

    results = [tasks.deliver_outbox_message(row.pk), tasks.deliver_outbox_message(row.pk)]

    assert results == [True, False]
    assert len(mail.outbox) == 1


def test_outbox_deliver_failure_records_error_attempt_and_backoff(failing_backend):
    row = queued()

    sent = outbox.outbox_deliver(message_id=row.pk, now=NOW)

    row.refresh_from_db()
    assert sent is False
    assert row.status == OutboxMessage.Status.PENDING
    assert row.attempts == 1
    assert "connection refused by relay" in row.last_error
    assert row.next_attempt_at == NOW + outbox.retry_delay(1)


def test_outbox_deliver_does_not_retry_before_backoff_lapses(failing_backend):
    row = queued()
    outbox.outbox_deliver(message_id=row.pk, now=NOW)

    early = NOW + outbox.retry_delay(1) - dt.timedelta(seconds=1)

    assert outbox.outbox_due_ids(now=early) == []
    assert outbox.outbox_deliver(message_id=row.pk, now=early) is False
    assert failing_backend.calls == 1


def test_outbox_deliver_retries_once_backoff_lapses(failing_backend, settings):
    row = queued()
    outbox.outbox_deliver(message_id=row.pk, now=NOW)
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    due = NOW + outbox.retry_delay(1)

    assert outbox.outbox_due_ids(now=due) == [row.pk]
    assert outbox.outbox_deliver(message_id=row.pk, now=due) is True
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (OutboxMessage.Status.SENT, 2, "")


def test_deliver_due_outbox_skips_message_still_backing_off(failing_backend, settings):
    row = queued()
    outbox.outbox_deliver(message_id=row.pk, now=timezone.now())
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    assert tasks.deliver_due_outbox() == 0
    assert mail.outbox == []


def test_deliver_due_outbox_retries_message_whose_backoff_lapsed(failing_backend, settings):
    row = queued()
    # Failed long enough ago that its next attempt is due now.
    outbox.outbox_deliver(message_id=row.pk, now=timezone.now() - dt.timedelta(hours=1))
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    assert tasks.deliver_due_outbox() == 1
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.status == OutboxMessage.Status.SENT


def test_outbox_deliver_fails_for_good_after_max_attempts(failing_backend, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    row = queued()
    now = NOW
    for _ in range(3):
        outbox.outbox_deliver(message_id=row.pk, now=now)
        now += dt.timedelta(days=1)

    row.refresh_from_db()
    assert (row.status, row.attempts, row.next_attempt_at) == (OutboxMessage.Status.FAILED, 3, None)


def test_outbox_message_failed_for_good_is_never_tried_again(failing_backend, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    row = queued()
    outbox.outbox_deliver(message_id=row.pk, now=NOW)
    later = NOW + dt.timedelta(days=30)

    assert outbox.outbox_due_ids(now=later) == []
    assert outbox.outbox_deliver(message_id=row.pk, now=later) is False
    assert failing_backend.calls == 1


def test_outbox_claimed_message_is_not_sent_by_second_worker(settings):
    settings.OUTBOX_DELIVERY_BACKEND = f"{__name__}.SecondWorkerBackend"
    SecondWorkerBackend.second_worker_sent = None
    row = queued()

    first_worker_sent = outbox.outbox_deliver(message_id=row.pk, now=NOW)

    assert (first_worker_sent, SecondWorkerBackend.second_worker_sent) == (True, False)
    assert len(mail.outbox) == 1


def test_outbox_message_of_dead_worker_waits_for_its_lease(settings):
    settings.OUTBOX_DELIVERY_BACKEND = f"{__name__}.DyingBackend"
    row = queued()
    with pytest.raises(WorkerKilled):
        outbox.outbox_deliver(message_id=row.pk, now=NOW)
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    sent = outbox.outbox_deliver(message_id=row.pk, now=NOW + outbox.CLAIM_LEASE - dt.timedelta(seconds=1))

    assert sent is False
    assert mail.outbox == []


def test_outbox_message_of_dead_worker_is_sent_after_lease_lapses(settings):
    settings.OUTBOX_DELIVERY_BACKEND = f"{__name__}.DyingBackend"
    row = queued()
    with pytest.raises(WorkerKilled):
        outbox.outbox_deliver(message_id=row.pk, now=NOW)
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    sent = outbox.outbox_deliver(message_id=row.pk, now=NOW + outbox.CLAIM_LEASE)

    assert sent is True
    assert str(row.key) in mail.outbox[0].extra_headers["Message-ID"]


def test_outbox_attachments_survive_round_trip(mail_via_outbox, django_capture_on_commit_callbacks):
    pdf = b"%PDF-1.7\n\x00\xff\xfe binary"
    message = a_message()
    message.attach("affarsplan.pdf", pdf, "application/pdf")
    message.attach("anteckningar.txt", "Möte på tisdag", "text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        message.send()

    delivered = mail.outbox[0]
    assert [(a[0], a[1], a[2]) for a in delivered.attachments] == [
        ("affarsplan.pdf", pdf, "application/pdf"),
        ("anteckningar.txt", "Möte på tisdag", "text/plain"),
    ]


def test_outbox_mime_part_attachment_survives_round_trip(mail_via_outbox, django_capture_on_commit_callbacks):
    invitation = MIMEText("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "calendar", "utf-8")
    invitation.set_param("method", "REQUEST")
    invitation.add_header("Content-Disposition", "attachment", filename="samtal.ics")
    message = a_message()
    message.attach(invitation)
    with django_capture_on_commit_callbacks(execute=True):
        message.send()

    (part,) = mail.outbox[0].attachments
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"
    assert part.get_filename() == "samtal.ics"
    assert "BEGIN:VCALENDAR" in part.get_payload(decode=True).decode()


def test_outbox_html_only_body_stays_html(mail_via_outbox, django_capture_on_commit_callbacks):
    message = a_message(body="<p>Tack för din ansökan.</p>")
    message.content_subtype = "html"
    with django_capture_on_commit_callbacks(execute=True):
        message.send()

    assert mail.outbox[0].content_subtype == "html"
    assert "text/html" in mail.outbox[0].message().get_content_type()


def test_outbox_keeps_every_alternative_with_its_type(mail_via_outbox, django_capture_on_commit_callbacks):
    message = EmailMultiAlternatives(subject="Samtal", body="Välkommen", to=["alva@example.org"])
    message.attach_alternative("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar; method=REQUEST")
    with django_capture_on_commit_callbacks(execute=True):
        message.send()

    assert [(a[1]) for a in mail.outbox[0].alternatives] == ["text/calendar; method=REQUEST"]


def test_outbox_sent_mark_needs_the_claim_to_be_ours(settings, caplog):
    # The mail server takes so long that the lease lapses and a second worker claims the message.
    row = queued()

    class SlowBackend(BaseEmailBackend):
        def send_messages(self, email_messages):
            OutboxMessage.objects.filter(pk=row.pk).update(next_attempt_at=NOW + dt.timedelta(hours=1))
            return len(email_messages)

    settings.OUTBOX_DELIVERY_BACKEND = f"{__name__}.SlowBackendHolder"
    globals()["SlowBackendHolder"] = SlowBackend

    assert outbox.outbox_deliver(message_id=row.pk, now=NOW) is True

    row.refresh_from_db()
    assert row.status == OutboxMessage.Status.PENDING  # the second worker's claim stands
    assert "after its claim lapsed" in caplog.text


def test_outbox_deliver_due_stops_when_its_budget_is_spent():
    for _ in range(3):
        queued()
    ticks = iter([NOW, NOW, NOW + dt.timedelta(seconds=30), NOW + dt.timedelta(seconds=61)])

    sent = outbox.outbox_deliver_due(clock=lambda: next(ticks), budget=dt.timedelta(seconds=60))

    assert sent == 2
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count() == 1


def test_outbox_purge_deletes_only_old_sent_and_failed_messages(settings):
    settings.OUTBOX_RETENTION_DAYS = 30
    old_sent, new_sent, old_pending, old_failed = queued(), queued(), queued(), queued()
    OutboxMessage.objects.filter(pk=old_sent.pk).update(status="sent", sent_at=NOW - dt.timedelta(days=31))
    OutboxMessage.objects.filter(pk=new_sent.pk).update(status="sent", sent_at=NOW - dt.timedelta(days=29))
    OutboxMessage.objects.filter(pk=old_failed.pk).update(status="failed")
    OutboxMessage.objects.filter(pk__in=[old_failed.pk, old_pending.pk]).update(
        created_at=NOW - dt.timedelta(days=40)
    )

    assert outbox.outbox_purge(now=NOW) == 2

    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {new_sent.pk, old_pending.pk}


def test_outbox_html_alternative_survives_round_trip(mail_via_outbox, django_capture_on_commit_callbacks):
    message = EmailMultiAlternatives(subject="Välkommen", body="Hej Alva", to=["alva@example.org"])
    message.attach_alternative("<p>Hej <strong>Alva</strong></p>", "text/html")
    with django_capture_on_commit_callbacks(execute=True):
        message.send()

    delivered = mail.outbox[0]
    assert delivered.body == "Hej Alva"
    html = "<p>Hej <strong>Alva</strong></p>"
    assert [(a[0], a[1]) for a in delivered.alternatives] == [(html, "text/html")]
