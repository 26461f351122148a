"""The project team's pages for themes (core.Theme): list, add, edit, deactivate.

They live with questions because questions and theme proposals are where new themes come from;
the writes are questions.services.theme_save / theme_set_active."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.models import Theme
from ontmoetingen.core.permissions import allowed_if
from ontmoetingen.questions import services
from ontmoetingen.questions.forms import ThemeForm
from ontmoetingen.questions.permissions import can_manage_themes

BACKOFFICE_CRUMB = {"label": "Beheer", "url": "/beheer/"}
THEMES_CRUMB = {"label": "Thema's beheren", "url": "/beheer/themas/"}


@allowed_if(can_manage_themes)
def theme_list(request):
    themes = Theme.objects.annotate(
        n_resources=Count("resources", distinct=True),
        n_questions=Count("questions", distinct=True),
        n_events=Count("events", distinct=True),
    ).order_by("-active", "order", "name")
    context = {
        "themes": themes,
        "breadcrumbs": [BACKOFFICE_CRUMB, {"label": "Thema's beheren"}],
    }
    return render(request, "questions/themes/theme_list.html", context)


def _save(request, theme: Theme | None):
    form = ThemeForm(request.POST or None, instance=theme)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.theme_save(theme=form.save(commit=False), actor=request.user)
        except ServiceError as error:
            error.add_to_form(form)
        else:
            messages.success(request, f"Het thema “{saved.name}” is opgeslagen.")
            return redirect("questions:themes")
    title = f"{theme.name} bewerken" if theme else "Nieuw thema"
    context = {
        "form": form,
        "theme": theme,
        "title": title,
        "breadcrumbs": [BACKOFFICE_CRUMB, THEMES_CRUMB, {"label": title}],
    }
    return render(
        request, "questions/themes/theme_form.html", context, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@allowed_if(can_manage_themes)
def theme_create(request):
    return _save(request, None)


@require_http_methods(["GET", "POST"])
@allowed_if(can_manage_themes)
def theme_edit(request, pk: int):
    return _save(request, get_object_or_404(Theme, pk=pk))


@require_POST
@allowed_if(can_manage_themes)
def theme_toggle(request, pk: int):
    theme = get_object_or_404(Theme, pk=pk)
    active = request.POST.get("actief") == "1"
    services.theme_set_active(theme=theme, active=active, actor=request.user)
    if active:
        messages.success(request, f"Het thema “{theme.name}” is weer actief.")
    else:
        messages.success(
            request,
            f"Het thema “{theme.name}” is gedeactiveerd: het staat niet meer in formulieren en "
            "filters, maar blijft bij wat het al had.",
        )
    return redirect("questions:themes")
