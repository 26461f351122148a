"""Input shape only: the rules live in the model and services."""

from django import forms
from django.db.models.functions import Lower

from ontmoetingen.core.domain import Domain
from ontmoetingen.glossary.models import Term


class TermForm(forms.ModelForm):
    """The project team adds or edits a term in the back office."""

    domain = forms.ChoiceField(
        label="Domein van herkomst",
        choices=[("", "Kies een domein"), *Domain.choices],
        error_messages={"required": "Kies het domein waar het begrip vandaan komt."},
    )
    related = forms.ModelMultipleChoiceField(
        label="Verwante begrippen",
        queryset=Term.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Term
        fields = [
            "term",
            "abbreviation",
            "domain",
            "definition",
            "explanation",
            "synonyms",
            "related",
            "source",
        ]
        labels = {
            "term": "Begrip",
            "abbreviation": "Afkorting",
            "definition": "Uitleg",
            "explanation": "Uitleg voor het andere domein",
            "synonyms": "Andere woorden voor hetzelfde",
            "source": "Bron",
        }
        help_texts = {
            "abbreviation": "Bijvoorbeeld VSV of JGZ.",
            "definition": "In gewone taal, ten hoogste ongeveer 80 woorden. De eerste zin "
            "verschijnt als korte uitleg waar het begrip in een tekst staat. Een lijst maakt u "
            "met een streepje aan het begin van elke regel; een link met [tekst](https://…).",
            "explanation": 'Begin met "Voor het sociaal domein: …" of "Voor de geboortezorg: …".',
            "synonyms": "Eén per regel.",
            "source": "Waar de uitleg op steunt, bijvoorbeeld een richtlijn of een website.",
        }
        error_messages = {
            "term": {
                "required": "Vul het begrip in.",
                "unique": "Dit begrip staat al in de lijst.",
            },
            "definition": {"required": "Vul de uitleg in."},
        }
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 5}),
            "explanation": forms.Textarea(attrs={"rows": 4}),
            "synonyms": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = Term.objects.only("term").order_by(Lower("term"))
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["related"].queryset = others
