from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)


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


class PasswordPairMixin:
    """Two password fields checked by the project's password validators."""

    def clean(self):
        from django.contrib.auth import password_validation

        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "De twee wachtwoorden zijn niet gelijk.")
        elif first:
            probe = self.password_user()
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def password_user(self):
        from ontmoetingen.accounts.models import User

        data = getattr(self, "cleaned_data", {})
        return User(email=data.get("email", ""), full_name=data.get("full_name", ""))


def password_field(label: str, autocomplete: str = "new-password", help_text: str = ""):
    return forms.CharField(
        label=label,
        strip=False,
        help_text=help_text,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


PASSWORD_HINT = "Minstens 10 tekens; geen veelgebruikt wachtwoord en niet alleen cijfers."  # noqa: S105 - a hint, not a password


class SignUpForm(PasswordPairMixin, forms.Form):
    full_name = forms.CharField(
        label="Naam", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label="E-mailadres",
        help_text="Hierheen sturen we een link om uw e-mailadres te bevestigen.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = password_field("Wachtwoord", help_text=PASSWORD_HINT)
    password2 = password_field("Wachtwoord nog een keer")


class MfaCodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )


class NameForm(forms.Form):
    full_name = forms.CharField(
        label="Naam", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )


class ChangePasswordForm(PasswordChangeForm):
    """Django's password change (checks the current password and the project's validators),
    with Dutch labels."""

    old_password = password_field("Huidig wachtwoord", autocomplete="current-password")
    new_password1 = password_field("Nieuw wachtwoord", help_text=PASSWORD_HINT)
    new_password2 = password_field("Nieuw wachtwoord nog een keer")
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Dit is niet uw huidige wachtwoord.",
        "password_mismatch": "De twee wachtwoorden zijn niet gelijk.",
    }


class DeleteAccountForm(forms.Form):
    """Deleting an account asks for the password, so an unattended session cannot do it."""

    password = password_field("Uw wachtwoord", autocomplete="current-password")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("Dit is niet uw wachtwoord.")
        return password
