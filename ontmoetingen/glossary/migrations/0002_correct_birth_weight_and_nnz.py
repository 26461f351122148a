"""Correct shipped terms in databases that loaded the glossary before (issue 12 #27).

"Laag geboortegewicht" mixed up low birth weight (< 2500 g) with small for gestational age,
which is now its own term; "Nu Niet Zwanger" is a public-health programme, not social domain;
a few explanations were made more precise. Only terms that exist are touched, so a fresh
database (where load_glossary or seed_demo loads everything) stays empty here.
"""

import json
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "terms.json"
CORRECTED = (
    "Laag geboortegewicht",
    "Klein voor de zwangerschapsduur",
    "Nu Niet Zwanger",
    "Huisbezoek na de geboorte",
    "Jeugdwet",
    "Toeslagen",
    "Vroegsignalering schulden",
)
FIELDS = ("abbreviation", "domain", "definition", "explanation", "source")


def forwards(apps, schema_editor):
    Term = apps.get_model("glossary", "Term")
    if not Term.objects.filter(slug="laag-geboortegewicht").exists():
        return
    rows = {r["term"]: r for r in json.loads(DATA_FILE.read_text(encoding="utf-8"))}
    terms = {}
    for name in CORRECTED:
        row = rows.get(name)
        if row is None:
            continue
        values = {field: row.get(field, "") for field in FIELDS}
        values["synonyms"] = "\n".join(row.get("synonyms", []))
        term, _ = Term.objects.update_or_create(
            slug=row.get("slug") or slugify(name), defaults={"term": name, **values}
        )
        terms[name] = term
    for name, term in terms.items():
        for other in rows[name].get("related", []):
            match = terms.get(other) or Term.objects.filter(term=other).first()
            if match:
                term.related.add(match)


class Migration(migrations.Migration):
    dependencies = [("glossary", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
