"""Input shape only: the rules live in services and uploads."""

from django import forms

from ontmoetingen.core.domain import Domain
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.markdown import MARKDOWN_MAX_LENGTH
from ontmoetingen.core.models import Theme
from ontmoetingen.regions.models import Municipality
from ontmoetingen.regions.selectors import municipality_choices
from ontmoetingen.toolkit import uploads
from ontmoetingen.toolkit.models import Kind, Phase


class ProposalForm(forms.Form):
    title = forms.CharField(label="Titel", max_length=200)
    kind = forms.ChoiceField(label="Soort", choices=[("", "Kies een soort"), *Kind.choices])
    summary = forms.CharField(
        label="Korte samenvatting",
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Twee of drie zinnen: wat is het en voor wie? Hoogstens 600 tekens.",
    )
    body = forms.CharField(
        label="Meer uitleg",
        required=False,
        max_length=MARKDOWN_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Hoe werkt het, wat levert het op, wie kan helpen? U kunt Markdown gebruiken.",
    )
    domains = forms.MultipleChoiceField(
        label="Voor welke domeinen?",
        choices=Domain.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Kies ten minste één domein."},
    )
    phases = forms.MultipleChoiceField(
        label="Fase van de eerste 1000 dagen",
        choices=Phase.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label="Thema's",
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    origin = forms.ChoiceField(
        label="Gemeente waar het is ontstaan",
        required=False,
        help_text="Voor een good practice: waar wordt het gebruikt?",
    )
    source_organisation = forms.CharField(
        label="Organisatie die het heeft gemaakt", max_length=200, required=False
    )
    url = forms.URLField(
        label="Link",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Een link naar de tool of de beschrijving. Een link of een bestand is nodig.",
    )
    file = forms.FileField(
        label="Bestand",
        required=False,
        max_length=200,
        help_text="PDF, Word (.docx), Excel (.xlsx) of PowerPoint (.pptx), hoogstens 20 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.pptx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.active()
        self.fields["origin"].choices = [("", "Geen gemeente"), *municipality_choices()]

    def clean_origin(self):
        code = self.cleaned_data.get("origin")
        if not code:
            return None
        return Municipality.objects.filter(code=code).first()

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            try:
                uploads.check_upload(upload)
            except ServiceError as error:
                raise forms.ValidationError(error.message, code=error.code) from error
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("url") and not cleaned.get("file") and not self.errors.get("file"):
            self.add_error("url", "Geef een link op of voeg een bestand toe.")
        return cleaned


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Reden van afwijzing",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="Deze tekst mailen we naar de indiener.",
        error_messages={"required": "Schrijf op waarom het voorstel niet geplaatst wordt."},
    )
