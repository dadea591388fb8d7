"""The one base of every refusal a service gives: what was refused, in words, and where."""


class PortalError(Exception):
    """A rule said no. `message` says why in words a person understands (translatable);
    `field` names the form field the message belongs to, when there is one.

    Each domain derives its own base from this (`ApplicationError`, `EnrolmentError`, …),
    so views catch a domain's refusals by one name and show them with `core.forms.add_error`.
    """

    field: str | None = None

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        if field is not None:
            self.field = field
