"""Pages for two-step verification: set up, verify after login, recovery codes."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_GET

from ontmoetingen.accounts import mfa
from ontmoetingen.accounts.forms import MfaCodeForm
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.permissions import allowed_if

NEW_CODES_KEY = "mfa_new_recovery_codes"
CRUMBS = [{"label": "Mijn pagina", "url": "/mijn/"}, {"label": "Tweestapsverificatie"}]


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/mijn/"


def _with_next(request, name: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': _next_url(request)})}"


def _code_form(request, form: MfaCodeForm, action) -> bool:
    """Run ``action(code)`` for a valid form; a refusal becomes an error next to the field."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        action(form.cleaned_data["code"])
    except ServiceError as error:
        form.add_error("code", error.message)
        return False
    return True


@allowed_if(mfa.mfa_required)
def mfa_setup(request):
    """Set up the app (QR code or the secret typed in), or, once set up, the overview."""
    user = request.user
    if mfa.mfa_device(user) is not None:
        if not user.is_verified():
            return redirect(_with_next(request, "accounts:mfa_verify"))
        context = {"codes_left": mfa.recovery_codes_left(user), "breadcrumbs": CRUMBS}
        return render(request, "accounts/mfa_overview.html", context)
    device = mfa.mfa_setup_start(user=user)
    form = MfaCodeForm(request.POST or None)

    def confirm(code):
        request.session[NEW_CODES_KEY] = mfa.mfa_setup_confirm(
            request=request, device=device, code=code
        )

    if _code_form(request, form, confirm):
        return redirect(_with_next(request, "accounts:mfa_codes"))
    context = {
        "form": form,
        "qr_svg": mfa.qr_svg(device),
        "secret": mfa.secret_text(device),
        "next": _next_url(request),
        "breadcrumbs": CRUMBS,
    }
    return render(request, "accounts/mfa_setup.html", context, status=400 if form.errors else 200)


@allowed_if(mfa.mfa_required)
def mfa_verify(request):
    """After the password: a code from the app, or one recovery code."""
    if mfa.mfa_device(request.user) is None:
        return redirect(_with_next(request, "accounts:mfa_setup"))
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = MfaCodeForm(request.POST or None)
    used_recovery = []

    def verify(code):
        used_recovery.append(mfa.mfa_verify(request=request, code=code))

    if _code_form(request, form, verify):
        if used_recovery[0]:
            left = mfa.recovery_codes_left(request.user)
            messages.warning(
                request,
                f"U heeft een herstelcode gebruikt; er zijn er nog {left} over. Maak nieuwe "
                "codes op de pagina Tweestapsverificatie als u er bijna geen meer heeft.",
            )
        return redirect(_next_url(request))
    context = {
        "form": form,
        "next": _next_url(request),
        "breadcrumbs": [{"label": "Tweestapsverificatie"}],
    }
    return render(request, "accounts/mfa_verify.html", context, status=400 if form.errors else 200)


@allowed_if(mfa.mfa_required)
def mfa_codes(request):
    """The new recovery codes, shown once (GET); POST ``regenerate`` makes new ones, POST
    ``done`` forgets them from the session."""
    if request.method == "POST":
        if request.POST.get("action") == "regenerate":
            try:
                request.session[NEW_CODES_KEY] = mfa.mfa_recovery_codes_regenerate(
                    user=request.user
                )
            except ServiceError as error:
                messages.error(request, error.message)
                return redirect("accounts:mfa_setup")
            return redirect("accounts:mfa_codes")
        request.session.pop(NEW_CODES_KEY, None)
        return redirect(_next_url(request))
    codes = request.session.get(NEW_CODES_KEY)
    if not codes:
        return redirect("accounts:mfa_setup")
    context = {"codes": codes, "next": _next_url(request), "breadcrumbs": CRUMBS}
    return render(request, "accounts/mfa_codes.html", context)


@require_GET
@allowed_if(mfa.mfa_required)
def mfa_codes_download(request):
    codes = request.session.get(NEW_CODES_KEY)
    if not codes:
        return redirect("accounts:mfa_setup")
    text = (
        "Herstelcodes voor Kansrijke Ontmoetingen\n"
        f"Account: {request.user.email}\n"
        "Elke code werkt één keer, in plaats van de code uit uw app.\n\n" + "\n".join(codes) + "\n"
    )
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="herstelcodes.txt"'
    return response
