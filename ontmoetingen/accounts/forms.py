from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label="E-mailadres",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label="Wachtwoord",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": "Deze combinatie van e-mailadres en wachtwoord kennen we niet. Let op hoofdletters in uw wachtwoord.",
        "inactive": "Dit account is niet actief. Neem contact op met het projectteam.",
    }


class ResetForm(PasswordResetForm):
    email = forms.EmailField(
        label="E-mailadres",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def save(self, **kwargs):
        # the link points at SITE_URL, never at whatever Host header the request carried
        site = urlsplit(settings.SITE_URL)
        kwargs["domain_override"] = site.netloc
        kwargs["use_https"] = site.scheme == "https"
        return super().save(**kwargs)


class NewPasswordForm(SetPasswordForm):
    pass
