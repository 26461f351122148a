import logging
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ontmoetingen.core import fragments, mail_failures, registry
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.permissions import allowed_if

logger = logging.getLogger(__name__)


def _home_content(request) -> str:
    context = {"sections": registry.home_sections(request)}
    return render_to_string("core/partials/_home.html", context, request)


def home(request):
    """The sections of the other areas are one fragment per data version and quarter hour (and
    whether someone is logged in: the links differ); the base layout is per request."""
    content = fragments.cached_html(
        request, render=lambda: _home_content(request), vary=(request.user.is_authenticated,)
    )
    return render(request, "core/home.html", {"content": content})


STATEMENTS_UPDATED = date(2026, 12, 2)


def _statement_context() -> dict:
    return {
        "updated": STATEMENTS_UPDATED,
        "privacy_email": settings.PRIVACY_CONTACT_EMAIL,
        "retention_days": getattr(settings, "PERSONAL_DATA_RETENTION_DAYS", 183),
    }


def privacy(request):
    context = _statement_context()
    context["breadcrumbs"] = [
        {"label": "Over deze site", "url": reverse("core:about")},
        {"label": "Privacyverklaring"},
    ]
    return render(request, "core/privacy.html", context)


def accessibility(request):
    context = _statement_context()
    context["breadcrumbs"] = [
        {"label": "Over deze site", "url": reverse("core:about")},
        {"label": "Toegankelijkheidsverklaring"},
    ]
    return render(request, "core/accessibility.html", context)


def about(request):
    return render(request, "core/about.html", {"breadcrumbs": [{"label": "Over deze site"}]})


def _is_project_team(user) -> bool:
    # The role lives on the user model (accounts); core reads it without importing accounts.
    return bool(getattr(user, "is_project_team", False))


def _failed_mail_attention() -> dict:
    return {
        "label": "mislukte mails",
        "count": mail_failures.mails_failed_count(),
        "url": reverse("core:failed_mails"),
        "hint": "Na alle herhaalpogingen niet bezorgd: bekijk de reden en verstuur opnieuw.",
        "area": "Basis",
    }


@allowed_if(_is_project_team)
def backoffice(request):
    return render(
        request,
        "core/backoffice.html",
        {
            "attention": [_failed_mail_attention(), *registry.backoffice_attention()],
            "links": registry.backoffice_links(),
            "breadcrumbs": [{"label": "Beheer"}],
        },
    )


@never_cache
@require_GET
def healthz(request):
    """Liveness: 200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("healthz: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def robots(request):
    return HttpResponse(
        "User-agent: *\nDisallow: /beheer/\nDisallow: /mijn/\n", content_type="text/plain"
    )


def _error(request, status: int, title: str, text: str):
    return render(request, "error.html", {"title": title, "text": text}, status=status)


def bad_request(request, exception=None):
    return _error(
        request,
        400,
        "Dit verzoek klopt niet",
        "De pagina kon uw verzoek niet verwerken. Probeer het opnieuw vanaf de vorige pagina.",
    )


def permission_denied(request, exception=None):
    return _error(
        request,
        403,
        "Geen toegang",
        "U heeft geen toegang tot deze pagina. Denkt u dat dit niet klopt? Log in met het juiste account of neem contact op met het projectteam.",
    )


def page_not_found(request, exception=None):
    return _error(
        request,
        404,
        "Pagina niet gevonden",
        "Deze pagina bestaat niet (meer). Controleer het adres of ga naar de homepagina.",
    )


def server_error(request):
    return _error(
        request,
        500,
        "Er ging iets mis",
        "Door een storing aan onze kant kon de pagina niet worden getoond. Probeer het later opnieuw.",
    )


def csrf_failure(request, reason=""):
    return _error(
        request,
        403,
        "Formulier verlopen",
        "Het formulier was verlopen of kwam niet van deze site. Ga terug, laad de pagina opnieuw en verstuur het nog een keer.",
    )


@allowed_if(_is_project_team)
def failed_mails(request):
    """Mails that exhausted their retries; the team can put one back on the queue."""
    if request.method == "POST":
        try:
            mail_failures.mail_resend(result_id=request.POST.get("mail", ""), actor=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "De mail staat weer in de wachtrij.")
        return redirect("core:failed_mails")
    return render(
        request,
        "core/failed_mails.html",
        {
            "mails": mail_failures.mails_failed(),
            "breadcrumbs": [
                {"label": "Beheer", "url": reverse("core:backoffice")},
                {"label": "Mislukte mails"},
            ],
        },
    )
