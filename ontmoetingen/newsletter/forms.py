from django import forms

from ontmoetingen.core.models import Theme
from ontmoetingen.regions.models import Province

ISO_DATE = "%Y-%m-%d"
DATE_FORMATS = [ISO_DATE, "%d-%m-%Y", "%d/%m/%Y"]


class SubscribeForm(forms.Form):
    email = forms.EmailField(label="E-mailadres")
    name = forms.CharField(label="Naam", required=False, max_length=150)
    themes = forms.ModelMultipleChoiceField(
        label="Thema's",
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Geen thema gekozen: u krijgt alles.",
    )
    province = forms.ModelChoiceField(
        label="Provincie",
        queryset=Province.objects.none(),
        required=False,
        empty_label="Heel Nederland",
        help_text="Bijeenkomsten in deze provincie en landelijke bijeenkomsten.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.active()
        self.fields["province"].queryset = Province.objects.filter(active=True).only("code", "name")


class DigestForm(forms.Form):
    subject = forms.CharField(label="Onderwerp", max_length=200)
    intro = forms.CharField(
        label="Inleiding", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    period_start = forms.DateField(
        label="Periode van",
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format=ISO_DATE, attrs={"type": "date"}),
    )
    period_end = forms.DateField(
        label="Periode tot en met",
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format=ISO_DATE, attrs={"type": "date"}),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            raise forms.ValidationError("De begindatum ligt na de einddatum.")
        return data
