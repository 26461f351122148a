"""The terms table: every stem of every item with its bm25 weight (toolkit/search.py), so that
ranking a text reads one short index range per word instead of scoring every match inside
FTS5 or with ts_rank (toolkit/ranking.py). Filled here for the items that exist."""

from django.db import migrations

BATCH = 500

SQLITE = [
    "CREATE TABLE IF NOT EXISTS toolkit_resource_terms ("
    "term TEXT NOT NULL, resource_id INTEGER NOT NULL, weight INTEGER NOT NULL, "
    "PRIMARY KEY (term, resource_id)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS toolkit_resource_terms_resource "
    "ON toolkit_resource_terms (resource_id)",
]
POSTGRESQL = [
    # byte order (COLLATE "C"): a prefix is one range of the primary key
    "CREATE TABLE IF NOT EXISTS toolkit_resource_terms ("
    'term text COLLATE "C" NOT NULL, resource_id bigint NOT NULL, '
    "weight integer NOT NULL, PRIMARY KEY (term, resource_id) INCLUDE (weight))",
    "CREATE INDEX IF NOT EXISTS toolkit_resource_terms_resource "
    "ON toolkit_resource_terms (resource_id)",
]


def forwards(apps, schema_editor):
    from ontmoetingen.toolkit.search import document_parts, index_terms

    for statement in SQLITE if schema_editor.connection.vendor == "sqlite" else POSTGRESQL:
        schema_editor.execute(statement)
    Resource = apps.get_model("toolkit", "Resource")
    ids = list(Resource.objects.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        resources = (
            Resource.objects.filter(pk__in=ids[start : start + BATCH])
            .select_related("origin")
            .prefetch_related("themes")
        )
        index_terms([(r.pk, *document_parts(r)) for r in resources])


def backwards(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS toolkit_resource_terms")


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0006_search_vector_inline")]

    operations = [migrations.RunPython(forwards, backwards)]
