"""Input shapes shared by the apps: the base of every filter form, and the forms of the shared
back-office pages."""

from django import forms


class FilterForm(forms.Form):
    """A form that narrows a list (sent with GET). Every field of a filter is optional, so the
    ``{% field %}`` tag leaves out "(niet verplicht)" on each of them."""

    show_optional = False


class AvgRequestForm(forms.Form):
    email = forms.EmailField(
        label="E-mailadres van de persoon",
        help_text="Het adres waarmee de persoon het verzoek deed; hoofdletters maken niet uit.",
    )
    confirm = forms.BooleanField(
        label="Ik heb gecontroleerd dat het verzoek van deze persoon komt en wil alles wissen",
        required=False,
    )
