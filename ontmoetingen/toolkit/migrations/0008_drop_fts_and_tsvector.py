"""Search reads only the terms table since 0007: drop the FTS5 table (SQLite) and the tsvector
column with its GIN index (PostgreSQL), which nothing reads any more. Going back restores the
empty structures; run ``search.reindex`` over every item to fill them again."""

from django.db import migrations

FTS_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS toolkit_resource_fts "
    "USING fts5(title, summary, rest, tokenize='unicode61')"
)


def drop_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS toolkit_resource_fts")


def create_fts(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(FTS_CREATE)
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS toolkit_resource_search_gin "
            "ON toolkit_resource USING gin (search_vector)"
        )


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0007_search_terms")]

    operations = [
        migrations.RunPython(drop_fts, create_fts),
        # dropping the column drops its GIN index with it
        migrations.RemoveField(model_name="resource", name="search_vector"),
    ]
