"""The project team's page for API tokens: issue one (the secret is shown once), revoke one."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from ontmoetingen.api import selectors, services
from ontmoetingen.api.forms import TokenForm
from ontmoetingen.api.permissions import can_manage_tokens
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.paging import paginate
from ontmoetingen.core.permissions import allowed_if

BACKOFFICE_CRUMB = {"label": "Beheer", "url": "/beheer/"}
TOKENS_CRUMB = {"label": "API-tokens", "url": "/beheer/api-tokens/"}


@never_cache
@allowed_if(can_manage_tokens)
def token_list(request):
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.token_create(
                name=form.cleaned_data["name"], user=form.cleaned_data["email"], actor=request.user
            )
        except ServiceError as error:
            error.add_to_form(form)
        else:
            # rendered, not redirected: the secret must not end up in a URL or a session
            created = {"token": token, "secret": secret}
            form = TokenForm()
    context = {
        "form": form,
        "created": created,
        "page_obj": paginate(request, selectors.tokens_list()),
        "breadcrumbs": [BACKOFFICE_CRUMB, {"label": "API-tokens"}],
    }
    return render(request, "api/token_list.html", context, status=201 if created else 200)


@never_cache
@allowed_if(can_manage_tokens)
def token_revoke(request, pk: int):
    token = get_object_or_404(selectors.tokens_list(), pk=pk)
    if request.method == "POST":
        try:
            services.token_revoke(token=token, actor=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Het token “{token.name}” is ingetrokken.")
        return redirect("api:tokens")
    return render(
        request,
        "api/token_revoke.html",
        {"token": token, "breadcrumbs": [BACKOFFICE_CRUMB, TOKENS_CRUMB, {"label": "Intrekken"}]},
    )
