"""Reads for the glossary: the A-Z list with search and domain filter."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from ontmoetingen.core.domain import Domain
from ontmoetingen.glossary.models import Term, first_letter, sort_key


@dataclass
class LetterGroup:
    letter: str
    terms: list[Term]


def _matching(*, text: str = "", domain: str = "") -> QuerySet[Term]:
    terms = Term.objects.all()
    text = text.strip()
    if text:
        terms = terms.filter(
            Q(term__icontains=text)
            | Q(abbreviation__icontains=text)
            | Q(synonyms__icontains=text)
            | Q(definition__icontains=text)
        )
    if domain in Domain.values:
        terms = terms.filter(domain=domain)
    return terms


def terms_search(*, text: str = "", domain: str = "") -> list[Term]:
    """Terms whose name, abbreviation, synonyms or definition contain the text, in A-Z order
    that ignores case, accents and a leading "'s-" (the database's own order does neither the
    same way on SQLite and PostgreSQL, and the glossary is small enough to sort here)."""
    terms = _matching(text=text, domain=domain).only(
        "term", "slug", "abbreviation", "domain", "definition"
    )
    return sorted(terms, key=lambda term: sort_key(term.term))


def terms_for_backoffice(*, text: str = "", domain: str = "") -> list[Term]:
    """The team's list: the same search, in the same order, with the date of the last change."""
    terms = _matching(text=text, domain=domain).only(
        "term", "slug", "abbreviation", "domain", "source", "updated_at"
    )
    return sorted(terms, key=lambda term: sort_key(term.term))


def terms_by_letter(terms) -> list[LetterGroup]:
    groups: dict[str, list[Term]] = {}
    for term in terms:
        groups.setdefault(first_letter(term.term), []).append(term)
    return [LetterGroup(letter, groups[letter]) for letter in sorted(groups)]


def term_get(slug: str) -> Term:
    return Term.objects.with_related().get(slug=slug)


def domain_counts() -> dict[str, int]:
    return dict(Term.objects.values_list("domain").annotate(n=Count("id")).order_by())
