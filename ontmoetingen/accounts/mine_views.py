"""The account pages under /mijn/: name, password, deleting the account."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ontmoetingen.accounts import services
from ontmoetingen.accounts.forms import ChangePasswordForm, DeleteAccountForm, NameForm

MINE_CRUMB = {"label": "Mijn pagina", "url": "/mijn/"}


@login_required
def name_change(request):
    form = NameForm(request.POST or None, initial={"full_name": request.user.full_name})
    if request.method == "POST" and form.is_valid():
        services.user_update_name(
            user=request.user, full_name=form.cleaned_data["full_name"], actor=request.user
        )
        messages.success(request, "Uw naam is opgeslagen.")
        return redirect("accounts:mine")
    context = {"form": form, "breadcrumbs": [MINE_CRUMB, {"label": "Naam wijzigen"}]}
    return render(request, "accounts/name_change.html", context)


@login_required
def password_change(request):
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        # the other sessions of this account end; this one stays logged in
        update_session_auth_hash(request, form.user)
        messages.success(request, "Uw wachtwoord is gewijzigd.")
        return redirect("accounts:mine")
    context = {"form": form, "breadcrumbs": [MINE_CRUMB, {"label": "Wachtwoord wijzigen"}]}
    return render(
        request, "accounts/password_change.html", context, status=400 if form.errors else 200
    )


@login_required
def account_delete(request):
    """Confirm with the password; the account is erased after the grace period, and logging in
    again within it offers "toch niet"."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = services.account_deletion_request(user=request.user)
        logout(request)
        return render(
            request,
            "accounts/account_delete_requested.html",
            {"due_on": user.deletion_due_on, "breadcrumbs": [{"label": "Account verwijderen"}]},
        )
    context = {
        "form": form,
        "grace_days": settings.ACCOUNT_DELETION_GRACE_DAYS,
        "breadcrumbs": [MINE_CRUMB, {"label": "Account verwijderen"}],
    }
    return render(
        request, "accounts/account_delete.html", context, status=400 if form.errors else 200
    )


@require_POST
@login_required
def account_delete_cancel(request):
    services.account_deletion_cancel(user=request.user)
    messages.success(request, "Uw account blijft bestaan.")
    return redirect("accounts:mine")
