"""The figures' version: one row, and triggers that replace its token on every change to what the
figures count (see `mentoring.models.FiguresVersion` and `mentoring.figures.counted`)."""

from django.db import migrations, models

# The tables the figures read. A table added to the figures' queries needs its triggers here too
# (tests/mentoring/figures/test_counted.py writes to each and expects a new token).
COUNTED_TABLES = [
    "mentoring_applicantprofile",
    "mentoring_application",
    "mentoring_attendance",
    "mentoring_enrolment",
    "mentoring_intake",
    "mentoring_meeting",
    "mentoring_mentorship",
    "mentoring_outcome",
    "mentoring_review",
]
VERSION_TABLE = "mentoring_figuresversion"
OPERATIONS = ("insert", "update", "delete")

# PostgreSQL: the token is replaced when the transaction commits (a deferred constraint trigger),
# once per transaction, so that writers never wait for one another on the version row in between.
POSTGRESQL_FUNCTION = f"""
CREATE FUNCTION mentoring_figures_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {VERSION_TABLE}
    SET token = md5(random()::text || clock_timestamp()::text), changed_in = txid_current()
    WHERE changed_in IS DISTINCT FROM txid_current();
    RETURN NULL;
END
$$;
"""


def create_triggers(apps, schema_editor):
    connection = schema_editor.connection
    FiguresVersion = apps.get_model("mentoring", "FiguresVersion")
    FiguresVersion.objects.create(token="initial")
    if connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FUNCTION)
        for table in COUNTED_TABLES:
            schema_editor.execute(
                f"CREATE CONSTRAINT TRIGGER {table}_figures_changed "
                f"AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mentoring_figures_changed()"
            )
    elif connection.vendor == "sqlite":
        for table in COUNTED_TABLES:
            for operation in OPERATIONS:
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_figures_{operation} AFTER {operation.upper()} ON {table} "
                    f"BEGIN UPDATE {VERSION_TABLE} SET token = lower(hex(randomblob(16))); END"
                )
    # Another database gets no triggers: `mentoring.figures.counted` keeps no counts there.


def drop_triggers(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for table in COUNTED_TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_figures_changed ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS mentoring_figures_changed()")
    elif connection.vendor == "sqlite":
        for table in COUNTED_TABLES:
            for operation in OPERATIONS:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_figures_{operation}")


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0025_targets_share_validated"),
    ]

    operations = [
        migrations.CreateModel(
            name="FiguresVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=64)),
                ("changed_in", models.BigIntegerField(editable=False, null=True)),
            ],
            options={
                "verbose_name": "figures version",
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
