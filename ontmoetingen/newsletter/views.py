"""Subscribe, confirm and unsubscribe (public; the links work without login), and the team's
digest pages."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.permissions import allowed_if
from ontmoetingen.newsletter import selectors, services
from ontmoetingen.newsletter.forms import DigestForm, SubscribeForm
from ontmoetingen.newsletter.models import Digest, Subscriber
from ontmoetingen.newsletter.permissions import can_manage_newsletter

CRUMB = {"label": "Nieuwsbrief", "url": "/nieuwsbrief/"}
BACKOFFICE = {"label": "Beheer", "url": "/beheer/"}


@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.subscriber_subscribe(
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            themes=form.cleaned_data["themes"],
            province=form.cleaned_data["province"],
        )
        return render(request, "newsletter/check_mail.html", {"breadcrumbs": [CRUMB]})
    return render(
        request,
        "newsletter/subscribe.html",
        {"form": form, "breadcrumbs": [{"label": "Nieuwsbrief"}]},
    )


def _by_token(token: str) -> Subscriber:
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None or not token:
        raise Http404("Onbekende of verlopen link")
    return subscriber


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """GET shows a button, POST confirms: a mail scanner that follows links confirms nothing."""
    subscriber = _by_token(token)
    if request.method == "POST":
        services.subscriber_confirm(subscriber=subscriber)
    context = {"subscriber": subscriber, "breadcrumbs": [CRUMB, {"label": "Bevestigen"}]}
    return render(request, "newsletter/confirm.html", context)


@csrf_exempt  # one-click unsubscribe (RFC 8058): mail clients POST without a form token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    subscriber = _by_token(token)
    if request.method == "POST":
        services.subscriber_unsubscribe(subscriber=subscriber)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse("Afgemeld.", content_type="text/plain; charset=utf-8")
    context = {"subscriber": subscriber, "breadcrumbs": [CRUMB, {"label": "Afmelden"}]}
    return render(request, "newsletter/unsubscribe.html", context)


# --- the team's pages ---------------------------------------------------------------------


@allowed_if(can_manage_newsletter)
@require_http_methods(["GET", "POST"])
def manage(request):
    form = DigestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        digest = services.digest_create(actor=request.user, **form.cleaned_data)
        return redirect("newsletter:digest", pk=digest.pk)
    context = {
        "form": form,
        "digests": Digest.objects.all(),
        "counts": selectors.subscriber_counts(),
        "breadcrumbs": [BACKOFFICE, {"label": "Nieuwsbrief"}],
    }
    return render(request, "newsletter/manage/index.html", context)


@allowed_if(can_manage_newsletter)
def digest_detail(request, pk: int):
    """The digest as one subscriber would get it (?abonnee=<id>), and the sending progress."""
    digest = get_object_or_404(Digest, pk=pk)
    context = {"digest": digest, "progress": selectors.digest_progress(digest)}
    if request.htmx:
        return render(request, "newsletter/partials/_progress.html", context)
    subscribers = Subscriber.objects.active().order_by("pk")
    chosen = request.GET.get("abonnee", "")
    subscriber = (
        subscribers.filter(pk=chosen).first() if chosen.isdigit() else None
    ) or subscribers.first()
    if subscriber is not None:
        content = selectors.content_for(
            selectors.digest_candidates(digest),
            theme_ids={t.pk for t in subscriber.themes.all()},
            province=subscriber.province_id,
        )
        message = services.digest_message(digest, subscriber, content)
        context["content"] = content
        context["preview_text"] = message.body
        context["unsubscribe_header"] = message.extra_headers["List-Unsubscribe"]
    context.update(
        subscriber=subscriber,
        choices=subscribers[:50],
        breadcrumbs=[
            BACKOFFICE,
            {"label": "Nieuwsbrief", "url": "/beheer/nieuwsbrief/"},
            {"label": digest.subject},
        ],
    )
    return render(request, "newsletter/manage/digest.html", context)


@allowed_if(can_manage_newsletter)
@require_POST
def digest_send(request, pk: int):
    digest = get_object_or_404(Digest, pk=pk)
    try:
        services.digest_send_start(digest=digest, actor=request.user)
        messages.success(request, "Het verzenden is gestart.")
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("newsletter:digest", pk=digest.pk)
