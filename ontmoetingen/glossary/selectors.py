"""Reads for the glossary: the A-Z list with search and domain filter."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from ontmoetingen.core.domain import Domain
from ontmoetingen.glossary.models import Term, first_letter


@dataclass
class LetterGroup:
    letter: str
    terms: list[Term]


def terms_search(*, text: str = "", domain: str = "") -> QuerySet[Term]:
    """Terms whose name, abbreviation, synonyms or definition contain the text."""
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
    return terms.only("term", "slug", "abbreviation", "domain", "definition").order_by("term")


def terms_by_letter(terms) -> list[LetterGroup]:
    groups: dict[str, list[Term]] = {}
    for term in terms:
        groups.setdefault(first_letter(term.term), []).append(term)
    return [LetterGroup(letter, groups[letter]) for letter in sorted(groups)]


def term_get(slug: str) -> Term:
    return Term.objects.with_related().get(slug=slug)


def domain_counts() -> dict[str, int]:
    return dict(Term.objects.values_list("domain").annotate(n=Count("id")).order_by())
