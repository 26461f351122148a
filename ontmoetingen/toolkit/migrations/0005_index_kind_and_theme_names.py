"""Index every item again: the search now also reads the kind's name and the theme names."""

from django.db import migrations

BATCH = 500


def forwards(apps, schema_editor):
    from ontmoetingen.toolkit.search import index_resources

    Resource = apps.get_model("toolkit", "Resource")
    ids = list(Resource.objects.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        index_resources(
            Resource.objects.filter(pk__in=ids[start : start + BATCH])
            .select_related("origin")
            .prefetch_related("themes")
        )


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0004_newest_first_index")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
