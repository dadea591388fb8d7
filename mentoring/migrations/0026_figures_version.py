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
# Where most writes change nothing the figures read, the triggers fire only for what they read:
# an applicant's draft (saved at every step) and the contact details of a profile renew nothing.
# The figures never count a draft: not in the pipeline, the tallies, the forecast or the scores.
READ_COLUMNS = {
    "mentoring_application": ["status", "decided_at", "submitted_at", "intake_id", "applicant_id"],
    "mentoring_applicantprofile": [
        "user_id",
        "gender",
        "birth_year",
        "employment_status",
        "months_unemployed",
        "municipality",
        "education_level",
        "former_sector",
    ],
}
ROW_CONDITIONS = {
    "mentoring_application": {"insert": "NEW.status <> 'draft'", "delete": "OLD.status <> 'draft'"},
}


def condition(table: str, operation: str, *, distinct: str) -> str | None:
    """The SQL condition under which a write renews the token, or None for every write."""
    if operation == "update" and table in READ_COLUMNS:
        return " OR ".join(f"OLD.{column} {distinct} NEW.{column}" for column in READ_COLUMNS[table])
    return ROW_CONDITIONS.get(table, {}).get(operation)


# PostgreSQL: the token is replaced when the transaction commits (deferred constraint triggers),
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
            for operation in OPERATIONS:
                when = condition(table, operation, distinct="IS DISTINCT FROM")
                schema_editor.execute(
                    f"CREATE CONSTRAINT TRIGGER {table}_figures_{operation} "
                    f"AFTER {operation.upper()} ON {table} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                    f"{f'WHEN ({when}) ' if when else ''}EXECUTE FUNCTION mentoring_figures_changed()"
                )
    elif connection.vendor == "sqlite":
        for table in COUNTED_TABLES:
            for operation in OPERATIONS:
                when = condition(table, operation, distinct="IS NOT")
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_figures_{operation} AFTER {operation.upper()} ON {table} "
                    f"{f'WHEN {when} ' if when else ''}"
                    f"BEGIN UPDATE {VERSION_TABLE} SET token = lower(hex(randomblob(16))); END"
                )
    # Another database gets no triggers: `mentoring.figures.counted` keeps no counts there.


def drop_triggers(apps, schema_editor):
    connection = schema_editor.connection
    for table in COUNTED_TABLES:
        for operation in OPERATIONS:
            if connection.vendor == "postgresql":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_figures_{operation} ON {table}")
            elif connection.vendor == "sqlite":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_figures_{operation}")
    if connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS mentoring_figures_changed()")


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
