from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from ontmoetingen.core.domain import Domain
from ontmoetingen.core.markdown import render_markdown
from ontmoetingen.core.paging import paginate
from ontmoetingen.glossary import selectors
from ontmoetingen.glossary.marking import mark_terms
from ontmoetingen.glossary.models import LETTERS, Term

GLOSSARY_PAGE_SIZE = 200
MAX_QUERY_LENGTH = 100


def term_list(request):
    text = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    domain = request.GET.get("domein", "")
    domain = domain if domain in Domain.values else ""
    page = paginate(request, selectors.terms_search(text=text, domain=domain), GLOSSARY_PAGE_SIZE)
    groups = selectors.terms_by_letter(page.object_list)
    present = {group.letter for group in groups}
    context = {
        "page_obj": page,
        "groups": groups,
        "letters": [{"letter": letter, "present": letter in present} for letter in LETTERS],
        "q": text,
        "domain": domain,
        "domains": Domain.choices,
        "counts": selectors.domain_counts(),
        "active_nav": "begrippen",
        "breadcrumbs": [{"label": "Begrippen"}],
    }
    if request.htmx:
        return render(request, "glossary/partials/_results.html", context)
    return render(request, "glossary/term_list.html", context)


def term_detail(request, slug: str):
    try:
        term = selectors.term_get(slug)
    except Term.DoesNotExist as exc:
        raise Http404("Onbekend begrip") from exc
    # "Voor het sociaal domein: …" opens every explanation; linking those words adds noise.
    exclude = {term.slug, "sociaal-domein", "geboortezorg"}
    context = {
        "term": term,
        "definition": _marked(term.definition, exclude),
        "explanation": _marked(term.explanation, exclude),
        "toolkit_url": _toolkit_url(term),
        "active_nav": "begrippen",
        "breadcrumbs": [
            {"label": "Begrippen", "url": reverse("glossary:list")},
            {"label": term.term},
        ],
    }
    return render(request, "glossary/term_detail.html", context)


def _toolkit_url(term: Term) -> str:
    return reverse("toolkit:list") + "?" + urlencode({"q": term.abbreviation or term.term})


def _marked(text: str, exclude: set[str]):
    # render_markdown's output is sanitised; marking only adds escaped links around words
    return mark_safe(mark_terms(render_markdown(text, mark_terms=False), exclude=exclude))
