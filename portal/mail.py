"""An e-mail backend that writes to the outbox instead of sending.

Every e-mail the portal sends — allauth's verification and reset mails,
Wagtail's moderation notices, the workflow's own — goes through Django's
mail API, so making the outbox the backend means nothing can bypass it.
"""

from email.header import decode_header, make_header

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.console import EmailBackend as ConsoleBackend

from portal import outbox


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            outbox.outbox_enqueue(message=message)
        return len(email_messages)


class ReadableConsoleBackend(ConsoleBackend):
    """Delivers to the console as people would read the message, not as it travels.

    Django's console backend prints the raw message: a Swedish subject reads
    `=?utf-8?q?Din_ans=C3=B6kan...?=` and a long body arrives quoted-printable.
    Here the headers are decoded and each text part printed as text; attachments
    are named with their type and size.
    """

    def write_message(self, message):
        parsed = message.message()
        lines = [f"{name}: {make_header(decode_header(str(value)))}" for name, value in parsed.items()]
        for part in parsed.walk():
            if part.is_multipart():
                continue
            content = part.get_payload(decode=True) or b""
            if part.get_filename():
                lines.append(f"[{part.get_content_type()}: {part.get_filename()}, {len(content)} bytes]")
            elif part.get_content_maintype() == "text":
                lines += [
                    "",
                    f"[{part.get_content_type()}]",
                    content.decode(part.get_content_charset() or "utf-8"),
                ]
        self.stream.write("\n".join(lines) + "\n" + "-" * 79 + "\n")
