"""The project team's privacy pages: the processing register and AVG requests."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ontmoetingen.core import avg, registry
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.forms import AvgRequestForm
from ontmoetingen.core.permissions import allowed_if
from ontmoetingen.core.privacy import retention_phrase, undeclared_fields


def _is_project_team(user) -> bool:
    # The role lives on the user model (accounts); core reads it without importing accounts.
    return bool(getattr(user, "is_project_team", False))


def _crumbs(label: str) -> list[dict]:
    return [{"label": "Beheer", "url": reverse("core:backoffice")}, {"label": label}]


@allowed_if(_is_project_team)
def processing_register(request):
    """What the platform keeps on people, why, on what basis, seen by whom, for how long."""
    areas = [
        {
            "name": name,
            "entries": [
                {
                    "model": entry.model._meta.verbose_name,
                    "fields": entry.field_labels(),
                    "special": [
                        str(entry.model._meta.get_field(f).verbose_name) for f in entry.special
                    ],
                    "entry": entry,
                }
                for entry in entries
            ],
        }
        for name, entries in registry.processing_register()
        if entries
    ]
    return render(
        request,
        "core/processing_register.html",
        {
            "areas": areas,
            "registration_retention": retention_phrase(),
            "link_days": settings.REGISTRATION_LINK_DAYS_AFTER_EVENT,
            "undeclared": sorted(undeclared_fields().items()),
            "export_log": avg.export_log(),
            "breadcrumbs": _crumbs("Verwerkingsregister"),
        },
    )


@never_cache
@allowed_if(_is_project_team)
@require_http_methods(["GET", "POST"])
def avg_request(request):
    """Find everything for an e-mail address, hand it over as JSON, or erase it (POST only, so
    the address never lands in a URL or an access log)."""
    form = AvgRequestForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        action = request.POST.get("action", "zoeken")
        if action == "exporteren":
            return _export(request, email)
        if action == "wissen":
            return _erase(request, form, email)
        found = avg.person_find(email=email)
    return render(
        request,
        "core/avg_request.html",
        {
            "form": form,
            "found": found,
            "found_json": json.dumps(found, ensure_ascii=False, indent=2, default=str)
            if found
            else "",
            "breadcrumbs": _crumbs("AVG-verzoek"),
        },
    )


def _export(request, email: str) -> HttpResponse:
    response = HttpResponse(
        avg.person_export(email=email, actor=request.user),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="avg-verzoek-gegevens.json"'
    return response


def _erase(request, form, email: str):
    if not form.cleaned_data["confirm"]:
        form.add_error("confirm", "Vink aan dat u alles voor dit adres wilt wissen.")
        return render(
            request,
            "core/avg_request.html",
            {
                "form": form,
                "found": avg.person_find(email=email),
                "breadcrumbs": _crumbs("AVG-verzoek"),
            },
            status=400,
        )
    try:
        erased = avg.person_erase(email=email, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            "Alle gegevens van dit adres zijn gewist ("
            + avg.summary(erased)
            + "). Het logboek noemt de persoon voortaan met een pseudoniem.",
        )
    return redirect("core:avg_request")
