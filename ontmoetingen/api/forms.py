from django import forms

from ontmoetingen.accounts.models import User


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Naam van het token",
        max_length=120,
        help_text="Waarvoor het token dient, bijvoorbeeld: Pharos, agenda-koppeling.",
    )
    email = forms.EmailField(
        label="E-mailadres van het account",
        help_text="Het token werkt namens dit account, met de rollen die het account heeft.",
    )

    def clean_email(self) -> User:
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError("Er is geen actief account met dit e-mailadres.")
        return user
