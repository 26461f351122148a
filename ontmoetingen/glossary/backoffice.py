"""The project team's pages for the glossary: list, add, edit and remove terms."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ontmoetingen.core.domain import Domain
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.paging import paginate
from ontmoetingen.core.permissions import allowed_if
from ontmoetingen.glossary import selectors, services
from ontmoetingen.glossary.forms import TermForm
from ontmoetingen.glossary.models import Term
from ontmoetingen.glossary.permissions import can_edit_terms

MAX_QUERY_LENGTH = 100
BACKOFFICE_CRUMB = {"label": "Beheer", "url": "/beheer/"}
TERMS_CRUMB = {"label": "Begrippen beheren", "url": "/beheer/begrippen/"}


@allowed_if(can_edit_terms)
def term_manage_list(request):
    text = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    domain = request.GET.get("domein", "")
    domain = domain if domain in Domain.values else ""
    terms = selectors.terms_for_backoffice(text=text, domain=domain)
    context = {
        "page_obj": paginate(request, terms),
        "q": text,
        "domain": domain,
        "domains": Domain.choices,
        "breadcrumbs": [BACKOFFICE_CRUMB, {"label": "Begrippen beheren"}],
    }
    return render(request, "glossary/beheer/term_list.html", context)


def _save(request, term: Term | None):
    form = TermForm(request.POST or None, instance=term)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.term_save(
                term=form.save(commit=False),
                related=form.cleaned_data["related"],
                actor=request.user,
            )
        except ServiceError as error:
            error.add_to_form(form)
        else:
            messages.success(request, f"Het begrip “{saved.term}” is opgeslagen.")
            return redirect("glossary:manage")
    title = f"{term.term} bewerken" if term else "Nieuw begrip"
    context = {
        "form": form,
        "term": term,
        "title": title,
        "breadcrumbs": [BACKOFFICE_CRUMB, TERMS_CRUMB, {"label": title}],
    }
    status = 400 if form.errors else 200
    return render(request, "glossary/beheer/term_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@allowed_if(can_edit_terms)
def term_create(request):
    return _save(request, None)


@require_http_methods(["GET", "POST"])
@allowed_if(can_edit_terms)
def term_edit(request, pk: int):
    return _save(request, get_object_or_404(Term, pk=pk))


@require_http_methods(["GET", "POST"])
@allowed_if(can_edit_terms)
def term_remove(request, pk: int):
    term = get_object_or_404(Term, pk=pk)
    if request.method == "POST":
        name = term.term
        services.term_delete(term=term, actor=request.user)
        messages.success(request, f"Het begrip “{name}” is verwijderd.")
        return redirect("glossary:manage")
    context = {
        "term": term,
        "edit_url": reverse("glossary:manage_edit", args=[term.pk]),
        "breadcrumbs": [BACKOFFICE_CRUMB, TERMS_CRUMB, {"label": f"{term.term} verwijderen"}],
    }
    return render(request, "glossary/beheer/term_confirm_delete.html", context)
