"""Indexes for GET /xapi/statements over every learner's statements (a client granted
statements/read): (stored_at, id) for paging, and on PostgreSQL the JSON expressions the agent
and registration filters compare (``progress.lrs.statement_filters``), partial where most
statements have none. Checked by tests/progress/lrs/test_statements_plans.py."""

from django.db import migrations, models

EXPRESSIONS = {
    "statement_actor_account": ("payload #> '{actor,account,name}'", False),
    "statement_actor_mbox": ("payload #> '{actor,mbox}'", True),
    "statement_registration": ("payload #> '{context,registration}'", True),
}


def _create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (expression, partial) in EXPRESSIONS.items():
        where = f" WHERE ({expression}) IS NOT NULL" if partial else ""
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON progress_statement (({expression})){where}"
        )


def _drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in EXPRESSIONS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("progress", "0011_xapiattachment")]

    operations = [
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(fields=["stored_at", "id"], name="statement_page"),
        ),
        migrations.RunPython(_create, _drop),
    ]
