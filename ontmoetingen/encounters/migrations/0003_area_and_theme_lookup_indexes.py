"""Covering indexes for the people directory and the suggestions.

Django's many-to-many tables have a unique index on (professional, other) and one on each
column alone. Looking people up *by municipality* or *by theme* then reads the table row for
every hit to find the professional; with (municipality, professional) and (theme,
professional) the database answers from the index alone (SQLite: COVERING INDEX; PostgreSQL:
Index Only Scan). The SQL is the same on both databases.
"""

from django.db import migrations

INDEXES = {
    "encounters_prof_area_by_municipality": (
        "encounters_professional_working_area",
        "municipality_id, professional_id",
    ),
    "encounters_prof_themes_by_theme": ("encounters_professional_themes", "theme_id, professional_id"),
}


class Migration(migrations.Migration):
    dependencies = [("encounters", "0002_dutch_field_names")]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX {name} ON {table} ({columns})",
            reverse_sql=f"DROP INDEX {name}",
        )
        for name, (table, columns) in INDEXES.items()
    ]
