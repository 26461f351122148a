"""Input shapes of the shared back-office pages."""

from django import forms


class AvgRequestForm(forms.Form):
    email = forms.EmailField(
        label="E-mailadres van de persoon",
        help_text="Het adres waarmee de persoon het verzoek deed; hoofdletters maken niet uit.",
    )
    confirm = forms.BooleanField(
        label="Ik heb gecontroleerd dat het verzoek van deze persoon komt en wil alles wissen",
        required=False,
    )
