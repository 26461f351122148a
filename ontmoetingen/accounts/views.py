import json

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_GET

from ontmoetingen.accounts.forms import LoginForm, NewPasswordForm, ResetForm
from ontmoetingen.accounts.selectors import user_data_export
from ontmoetingen.core import ratelimit, registry
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
        {"sections": registry.mine_sections(request), "breadcrumbs": [{"label": "Mijn pagina"}]},
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
