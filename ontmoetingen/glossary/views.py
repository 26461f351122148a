from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from ontmoetingen.core.domain import Domain
from ontmoetingen.core.fragments import cached_pieces, list_page
from ontmoetingen.core.markdown import render_markdown
from ontmoetingen.core.paging import paginate
from ontmoetingen.glossary import selectors
from ontmoetingen.glossary.marking import mark_terms
from ontmoetingen.glossary.models import LETTERS, Term

GLOSSARY_PAGE_SIZE = 200
MAX_QUERY_LENGTH = 100
LIST_AREAS = ("glossary",)


def term_list(request):
    """The search form and the A-Z list are cached HTML (core.fragments) under the glossary's
    version and the query string; only the layout renders per request."""
    text = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    domain = request.GET.get("domein", "")
    domain = domain if domain in Domain.values else ""

    def results() -> str:
        page = paginate(
            request, selectors.terms_search(text=text, domain=domain), GLOSSARY_PAGE_SIZE
        )
        groups = selectors.terms_by_letter(page.object_list)
        present = {group.letter for group in groups}
        context = {
            "page_obj": page,
            "groups": groups,
            "letters": [{"letter": letter, "present": letter in present} for letter in LETTERS],
            "q": text,
            "domain": domain,
        }
        return render_to_string("glossary/partials/_results.html", context, request)

    def search_form() -> str:
        context = {
            "q": text,
            "domain": domain,
            "domains": Domain.choices,
            "counts": selectors.domain_counts(),
        }
        return render_to_string("glossary/partials/_search_form.html", context, request)

    return list_page(
        request,
        name="glossary:list",
        areas=LIST_AREAS,
        filters=search_form,
        results=results,
        template="glossary/term_list.html",
        context={"active_nav": "begrippen", "breadcrumbs": [{"label": "Begrippen"}]},
    )


def term_detail(request, slug: str):
    """The term's article is cached HTML under the glossary's version (marking other terms in
    the texts is the costly part); the layout renders per request."""
    found = {}

    def term() -> Term:
        if not found:
            try:
                found["term"] = selectors.term_get(slug)
            except Term.DoesNotExist as exc:
                raise Http404("Onbekend begrip") from exc
        return found["term"]

    def article() -> str:
        # "Voor het sociaal domein: …" opens every explanation; linking those words adds noise.
        exclude = {term().slug, "sociaal-domein", "geboortezorg"}
        context = {
            "term": term(),
            "definition": _marked(term().definition, exclude),
            "explanation": _marked(term().explanation, exclude),
            "toolkit_url": _toolkit_url(term()),
        }
        return render_to_string("glossary/partials/_term_article.html", context, request)

    html = cached_pieces(
        {
            "name": lambda: conditional_escape(term().term),
            "description": lambda: conditional_escape(term().short_definition),
            "article": article,
        },
        areas=LIST_AREAS,
        vary=("glossary:detail", slug),
    )
    context = {
        "term_name": html["name"],
        "term_description": html["description"],
        "article_html": html["article"],
        "active_nav": "begrippen",
        "breadcrumbs": [
            {"label": "Begrippen", "url": reverse("glossary:list")},
            {"label": html["name"]},
        ],
    }
    return render(request, "glossary/term_detail.html", context)


def _toolkit_url(term: Term) -> str:
    return reverse("toolkit:list") + "?" + urlencode({"q": term.abbreviation or term.term})


def _marked(text: str, exclude: set[str]):
    # render_markdown's output is sanitised; marking only adds escaped links around words
    return mark_safe(mark_terms(render_markdown(text, mark_terms=False), exclude=exclude))
