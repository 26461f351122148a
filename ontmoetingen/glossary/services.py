"""Writes for the glossary: loading the shipped terms (idempotent) and the team's edits."""

import json
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from ontmoetingen.core.audit import display_value, record
from ontmoetingen.core.domain import Domain
from ontmoetingen.glossary.models import Term

DATA_FILE = Path(__file__).resolve().parent / "data" / "terms.json"


def glossary_data(path: Path = DATA_FILE) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def glossary_load(*, path: Path = DATA_FILE) -> dict[str, int]:
    """Create or update every term in the data file and link related terms by name.

    Running it twice changes nothing; terms added by the project team are kept.
    """
    rows = glossary_data(path)
    created = updated = 0
    with transaction.atomic():
        by_name: dict[str, Term] = {}
        for row in rows:
            values = {
                "term": row["term"],
                "abbreviation": row.get("abbreviation", ""),
                "domain": Domain(row["domain"]).value,
                "definition": row["definition"].strip(),
                "explanation": row.get("explanation", "").strip(),
                "synonyms": "\n".join(row.get("synonyms", [])),
                "source": row.get("source", ""),
            }
            slug = row.get("slug") or slugify(row["term"])
            term = Term.objects.filter(slug=slug).first()
            if term is None:
                term = Term.objects.create(slug=slug, **values)
                created += 1
            elif any(getattr(term, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(term, key, value)
                term.save()
                updated += 1
            by_name[row["term"].casefold()] = term
            if row.get("abbreviation"):
                by_name.setdefault(row["abbreviation"].casefold(), term)
        for row in rows:
            term = by_name[row["term"].casefold()]
            wanted = {
                by_name[name.casefold()].pk
                for name in row.get("related", [])
                if name.casefold() in by_name
            }
            current = set(term.related.values_list("pk", flat=True))
            if wanted - current:
                term.related.add(*(wanted - current))
    return {"created": created, "updated": updated, "total": len(rows)}


# Fields whose before/after the audit log keeps when the team edits a term.
AUDITED_FIELDS = ("term", "slug", "abbreviation", "domain", "definition", "explanation", "synonyms")


def _changes(before: Term | None, term: Term, related_before: set, related: set) -> dict:
    changes = {}
    for name in AUDITED_FIELDS:
        old = getattr(before, name) if before else None
        new = getattr(term, name)
        if old != new and (old or new):
            label = str(Term._meta.get_field(name).verbose_name).capitalize()
            changes[label] = [display_value(old), display_value(new)]
    if related_before != related:
        changes["Verwante begrippen"] = [display_value(related_before), display_value(related)]
    return changes


def _unique_slug(name: str) -> str:
    base = slugify(name)[:110].strip("-") or "begrip"
    slug, n = base, 2
    while Term.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def term_save(*, term: Term, related, actor) -> Term:
    """The project team adds or edits a term and its related terms (back office and Django
    admin call this). A new term without a slug gets one from its name; an existing slug stays,
    so links to the term keep working.

    Every process marks the changed term from its next request on (signals invalidate the
    marking cache)."""
    related = list(related)
    with transaction.atomic():
        before = Term.objects.select_for_update().get(pk=term.pk) if term.pk else None
        if not term.slug:
            term.slug = _unique_slug(term.term)
        related_before = {str(t) for t in before.related.all()} if before else set()
        term.full_clean()
        term.save()
        term.related.set(related)
        record(
            term,
            "gewijzigd" if before else "aangemaakt",
            actor,
            _changes(before, term, related_before, {str(t) for t in related}),
        )
    return term


def term_delete(*, term: Term, actor) -> None:
    """Remove a term; texts no longer link to it."""
    with transaction.atomic():
        record(term, "verwijderd", actor)
        term.delete()
