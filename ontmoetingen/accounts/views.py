import json

from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_GET

from ontmoetingen.accounts import services
from ontmoetingen.accounts.forms import LoginForm, NewPasswordForm, ResetForm, SignUpForm
from ontmoetingen.accounts.mfa import mfa_required
from ontmoetingen.accounts.selectors import user_data_export
from ontmoetingen.core import ratelimit, registry
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.security import login_unlock


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    extra_context = {"breadcrumbs": [{"label": "Inloggen"}]}


class LogoutView(auth_views.LogoutView):
    pass


class ResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/mail/password_reset.txt"
    html_email_template_name = "accounts/mail/password_reset.html"
    subject_template_name = "accounts/mail/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_context = {"breadcrumbs": [{"label": "Wachtwoord vergeten"}]}

    def form_valid(self, form):
        ratelimit.enforce(("password_reset_address", ratelimit.address(self.request)))
        if not ratelimit.attempt("password_reset_account", form.cleaned_data["email"]):
            # the same answer as always (no hint whether the account exists), but no mail
            return redirect(self.get_success_url())
        return super().form_valid(form)


class ResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # the lockout page sends people here: a new password ends the lockout
        login_unlock(form.user.email)
        return response


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
def mine(request):
    return render(
        request,
        "accounts/mine.html",
        {
            "sections": registry.mine_sections(request),
            "mfa_required": mfa_required(request.user),
            "breadcrumbs": [{"label": "Mijn pagina"}],
        },
    )


@login_required
@require_GET
def data_export(request):
    """Download everything the platform holds on the logged-in user (AVG inzageverzoek)."""
    payload = {
        "toelichting": "Alle persoonsgegevens die Kansrijke Ontmoetingen over u bewaart.",
        "gemaakt_op": timezone.now().isoformat(),
        "gegevens": user_data_export(request.user),
    }
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return response


def signup(request):
    """Sign up as a professional; the account works once the e-mail address is confirmed."""
    if request.user.is_authenticated:
        return redirect("accounts:mine")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.signup_create(
            email=data["email"], full_name=data["full_name"], password=data["password1"]
        )
        return redirect("accounts:signup_sent")
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "breadcrumbs": [{"label": "Account aanmaken"}]},
    )


def signup_sent(request):
    return render(
        request, "accounts/signup_sent.html", {"breadcrumbs": [{"label": "Account aanmaken"}]}
    )


def signup_verify(request, token: str):
    """The link from the verification mail: GET shows a button (mail scanners that open links
    must not activate accounts), POST confirms and logs in."""
    context = {"breadcrumbs": [{"label": "E-mailadres bevestigen"}]}
    try:
        user = services.signup_user_from_token(token)
        if request.method == "POST":
            user = services.signup_verify(user=user)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("accounts:mine")
        if user.email_verified_at is not None:
            raise ServiceError("Dit e-mailadres is al bevestigd. U kunt inloggen.", code="used")
    except ServiceError as error:
        context["error"] = error
        return render(request, "accounts/signup_verify.html", context, status=410)
    context["person"] = user
    return render(request, "accounts/signup_verify.html", context)
