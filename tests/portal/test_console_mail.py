import io

from django.core.mail import EmailMultiAlternatives

from portal.mail import ReadableConsoleBackend


def test_console_mail_prints_subject_and_body_as_people_read_them():
    body = "Hej Åsa!\n\n" + "Vi har tagit emot din ansökan och återkommer inom två veckor. " * 5
    message = EmailMultiAlternatives(
        subject="Din ansökan är mottagen – VästKraft",
        body=body,
        from_email="VästKraft <noreply@example.org>",
        to=["åsa@example.org"],
    )
    message.attach_alternative("<p>Hej Åsa!</p>", "text/html")
    message.attach("kvitto.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    stream = io.StringIO()

    ReadableConsoleBackend(stream=stream).send_messages([message])

    printed = stream.getvalue()
    assert "Subject: Din ansökan är mottagen – VästKraft" in printed
    assert "From: VästKraft <noreply@example.org>" in printed
    assert body.strip() in printed
    assert "<p>Hej Åsa!</p>" in printed
    assert "[text/calendar: kvitto.ics, 32 bytes]" in printed
    assert "=?utf-8?" not in printed
