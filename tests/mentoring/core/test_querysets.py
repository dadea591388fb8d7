"""A kept statement (mentoring.core.querysets.KeptStatement) reads what its queryset reads."""

import datetime as dt

import pytest
from django.db.models import DateTimeField
from django.http import Http404
from django.utils import timezone

from mentoring.core.querysets import KeptStatement, Parameter, instance_by_pk, instance_or_404
from mentoring.models import Intake
from tests import factories

pytestmark = pytest.mark.django_db

COLUMNS = ("pk", "title", "opens_at", "blind_review")


def opened_by(when):
    return Intake.objects.filter(opens_at__lte=when).order_by("opens_at", "pk").values(*COLUMNS)


def kept_opened_by() -> KeptStatement:
    return KeptStatement(lambda: opened_by(Parameter("when", DateTimeField())))


@pytest.fixture
def intakes():
    now = timezone.now()
    return [
        factories.IntakeFactory(opens_at=now - dt.timedelta(days=days), blind_review=days % 2 == 0)
        for days in (1, 10, 20, 30)
    ]


def test_kept_statement_reads_the_rows_of_its_queryset_for_each_value(intakes):
    statement = kept_opened_by()
    now = timezone.now()

    for when in (now, now - dt.timedelta(days=15), now - dt.timedelta(days=100)):
        assert statement.rows(when=when) == list(opened_by(when))
    assert len(statement.rows(when=now)) == 4
    assert isinstance(statement.rows(when=now)[0]["opens_at"], dt.datetime)


def test_kept_statement_reads_a_slice_as_the_queryset_slices(intakes):
    statement = kept_opened_by()
    now = timezone.now()

    assert statement.rows(slice(1, 3), when=now) == list(opened_by(now)[1:3])
    assert statement.rows(slice(0, 2), when=now) == list(opened_by(now)[0:2])


def test_kept_statement_builds_its_queryset_once(intakes):
    made = []

    def make():
        made.append(1)
        return opened_by(Parameter("when", DateTimeField()))

    statement = KeptStatement(make)
    statement.rows(when=timezone.now())
    statement.rows(when=timezone.now() - dt.timedelta(days=15))

    assert len(made) == 1


def test_kept_statement_takes_exactly_its_parameters():
    statement = kept_opened_by()

    with pytest.raises(TypeError):
        statement.rows()
    with pytest.raises(TypeError):
        statement.rows(when=timezone.now(), intake=1)


def test_kept_statement_of_no_possible_row_reads_none(intakes):
    statement = KeptStatement(lambda: Intake.objects.filter(pk__in=[]).values("pk"))

    assert statement.rows() == []


def test_instance_by_pk_is_the_default_managers_object(intakes):
    intake = intakes[1]

    read = instance_by_pk(Intake, intake.pk)
    orm = Intake.objects.get(pk=intake.pk)

    assert [getattr(read, field.attname) for field in Intake._meta.concrete_fields] == [
        getattr(orm, field.attname) for field in Intake._meta.concrete_fields
    ]
    assert (read._state.db, read._state.adding) == (orm._state.db, orm._state.adding)


def test_instance_or_404_of_an_unknown_pk_is_404():
    assert instance_by_pk(Intake, 987654321) is None
    with pytest.raises(Http404):
        instance_or_404(Intake, 987654321)


def test_kept_statement_refuses_a_queryset_that_would_prefetch(intakes):
    statement = KeptStatement(lambda: Intake.objects.prefetch_related("applications"))

    with pytest.raises(ValueError, match="prefetch_related"):
        statement.instances()
