"""Accounts and the e-mail outbox: what every part of the portal stands on."""

import functools
import uuid
import weakref

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import connections, models, router
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from portal.validators import validate_name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get(self, *args, **kwargs):
        """As `QuerySet.get`. `get(pk=<an int>)` reads the row with a statement built once per process.

        Why: Django's ModelBackend.get_user asks this on every signed-in request, before the view
        runs. Through the ORM that read built and compiled a query each time: about 840 Python
        calls, nearly three bare views. The statement asks the same question (this ID) for the same
        columns, and the row becomes a user as the ORM makes one (`from_db`, the database's converters).
        """
        if args or len(kwargs) != 1 or type(kwargs.get("pk")) is not int:
            return super().get(*args, **kwargs)
        alias = self._db or router.db_for_read(self.model)
        connection = connections[alias]
        fields = self.model._meta.concrete_fields
        with connection.cursor() as cursor:
            cursor.execute(_select_by_pk(self.model, alias), [kwargs["pk"]])
            row = cursor.fetchone()
        if row is None:
            raise self.model.DoesNotExist(f"{self.model._meta.object_name} matching query does not exist.")
        values = list(row)
        for index, field, converters in _converters(self.model, connection):
            for converter in converters:
                values[index] = converter(values[index], field.cached_col, connection)
        return self.model.from_db(alias, [field.attname for field in fields], values)

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not (extra_fields["is_staff"] and extra_fields["is_superuser"]):
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)


@functools.cache
def _select_by_pk(model, alias: str) -> str:
    """The ORM's statement reading one `model` row (all its concrete columns) by ID, for `alias`."""
    query = model._base_manager.using(alias).filter(pk=0).order_by().query
    sql, params = query.get_compiler(alias).as_sql()
    # The one parameter is the ID, given anew on each call; nothing else may hide in the statement.
    if list(params) != [0]:
        raise ValueError(f"Unexpected parameters reading {model.__name__} by ID: {params!r}")
    return sql


# Each database connection's converters for a model's columns (index, field, converters), as the
# ORM applies them to a row; per connection object, so that none is shared between threads.
_CONVERTERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _converters(model, connection) -> list:
    by_model = _CONVERTERS.setdefault(connection, {})
    found = by_model.get(model)
    if found is None:
        found = []
        for index, field in enumerate(model._meta.concrete_fields):
            col = field.cached_col
            converters = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
            if converters:
                found.append((index, field, converters))
        by_model[model] = found
    return found


class User(AbstractUser):
    """A person who signs in, identified by e-mail address (there is no username)."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True, validators=[validate_name])
    last_name = models.CharField(_("last name"), max_length=150, blank=True, validators=[validate_name])

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class OutboxMessage(models.Model):
    """One e-mail waiting for, or done with, delivery.

    Rows are written in the transaction of the change that causes the message,
    so a rolled-back change sends nothing and a committed one is never lost.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    key = models.UUIDField(_("idempotency key"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    subject = models.CharField(_("subject"), max_length=998)
    from_email = models.CharField(_("from"), max_length=320)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(_("cc"), default=list, blank=True)
    bcc = models.JSONField(_("bcc"), default=list, blank=True)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    body = models.TextField(_("text"))
    content_subtype = models.CharField(_("body type"), max_length=20, default="plain")
    alternatives = models.JSONField(_("alternative bodies"), default=list, blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outbox_sent_has_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"
