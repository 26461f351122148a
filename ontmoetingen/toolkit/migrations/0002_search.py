"""The full-text index: FTS5 on SQLite, unaccent + a GIN index on the tsvector on PostgreSQL."""

from django.db import migrations

FTS_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS toolkit_resource_fts "
    "USING fts5(title, summary, rest, tokenize='unicode61')"
)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(FTS_CREATE)
    elif vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS toolkit_resource_search_gin "
            "ON toolkit_resource USING gin (search_vector)"
        )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS toolkit_resource_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS toolkit_resource_search_gin")


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
