from django.urls import path

from ontmoetingen.accounts import mfa_views, mine_views, views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("wachtwoord-vergeten/", views.ResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/", views.ResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        views.ResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-instellen/klaar/",
        views.ResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("registreren/", views.signup, name="signup"),
    path("registreren/verstuurd/", views.signup_sent, name="signup_sent"),
    path("registreren/bevestigen/<str:token>/", views.signup_verify, name="signup_verify"),
    path("mijn/", views.mine, name="mine"),
    path("mijn/gegevens.json", views.data_export, name="data_export"),
    path("mijn/naam/", mine_views.name_change, name="name_change"),
    path("mijn/wachtwoord/", mine_views.password_change, name="password_change"),
    path("mijn/account-verwijderen/", mine_views.account_delete, name="account_delete"),
    path(
        "mijn/account-verwijderen/toch-niet/",
        mine_views.account_delete_cancel,
        name="account_delete_cancel",
    ),
    path("mijn/tweestapsverificatie/", mfa_views.mfa_setup, name="mfa_setup"),
    path("mijn/tweestapsverificatie/controleren/", mfa_views.mfa_verify, name="mfa_verify"),
    path("mijn/tweestapsverificatie/herstelcodes/", mfa_views.mfa_codes, name="mfa_codes"),
    path(
        "mijn/tweestapsverificatie/herstelcodes.txt",
        mfa_views.mfa_codes_download,
        name="mfa_codes_download",
    ),
]
