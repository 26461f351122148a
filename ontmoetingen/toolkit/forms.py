"""Input shape only: the rules live in services and uploads."""

from django import forms

from ontmoetingen.core.domain import Domain
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.markdown import MARKDOWN_MAX_LENGTH
from ontmoetingen.core.models import Theme
from ontmoetingen.regions.models import Municipality
from ontmoetingen.regions.selectors import municipality_choices
from ontmoetingen.toolkit import uploads
from ontmoetingen.toolkit.models import Kind, Phase, Resource, Status

PROPOSAL_TEXT_HELP = (
    "Een lijst maakt u met een streepje aan het begin van elke regel, een link met "
    "[tekst](https://…)."
)


class ClassificationFields(forms.Form):
    """The fields that place a toolkit item (domains, phases of the first 1000 days, themes):
    one definition for the proposal form and the back-office form. Each form says where they
    go in its own order."""

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.active()


class ProposalForm(ClassificationFields):
    field_order = [
        "title",
        "kind",
        "summary",
        "body",
        "domains",
        "phases",
        "themes",
        "origin",
        "source_organisation",
        "url",
        "file",
    ]

    title = forms.CharField(
        label="Titel", max_length=200, error_messages={"required": "Vul de titel in."}
    )
    kind = forms.ChoiceField(
        label="Soort",
        choices=[("", "Kies een soort"), *Kind.choices],
        error_messages={"required": "Kies de soort."},
    )
    summary = forms.CharField(
        label="Korte samenvatting",
        max_length=600,
        error_messages={"required": "Vul een korte samenvatting in."},
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Twee of drie zinnen: wat is het en voor wie? Hoogstens 600 tekens.",
    )
    body = forms.CharField(
        label="Meer uitleg",
        required=False,
        max_length=MARKDOWN_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Hoe werkt het, wat levert het op, wie kan helpen? " + PROPOSAL_TEXT_HELP,
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
        error_messages={
            "invalid": "Vul een volledige link in, bijvoorbeeld https://www.voorbeeld.nl."
        },
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


TEXT_HELP = (
    "Een kopje maakt u met ## aan het begin van een regel, een lijst met een streepje aan het "
    "begin van elke regel, een link met [tekst](https://…)."
)
# The team sets these; proposals are published or rejected on the moderation page.
TEAM_STATUSES = [
    (Status.DRAFT.value, "Concept (niet zichtbaar)"),
    (Status.PUBLISHED.value, "Gepubliceerd"),
]


class ResourceForm(ClassificationFields, forms.ModelForm):
    """The project team adds or edits a toolkit item in the back office."""

    kind = forms.ChoiceField(
        label="Soort",
        choices=[("", "Kies een soort"), *Kind.choices],
        error_messages={"required": "Kies de soort."},
    )
    origin_code = forms.ChoiceField(label="Gemeente van herkomst", required=False)
    mirror = forms.ModelChoiceField(
        label="Gespiegelde tool",
        queryset=Resource.objects.none(),
        required=False,
        empty_label="Geen gespiegelde tool",
        help_text="De tegenhanger voor het andere domein. De koppeling geldt beide kanten op; "
        "een eerdere koppeling van de gekozen tool vervalt.",
    )
    upload = forms.FileField(
        label="Bestand",
        required=False,
        max_length=200,
        help_text="PDF, Word (.docx), Excel (.xlsx) of PowerPoint (.pptx), hoogstens 20 MB. "
        "Een nieuw bestand vervangt het huidige.",
        widget=forms.FileInput(attrs={"accept": ".pdf,.docx,.xlsx,.pptx"}),
    )
    status = forms.ChoiceField(label="Status", choices=TEAM_STATUSES, widget=forms.RadioSelect)

    class Meta:
        model = Resource
        fields = ["title", "kind", "summary", "body", "source_organisation", "url", "status"]
        labels = {
            "title": "Titel",
            "summary": "Korte samenvatting",
            "body": "Meer uitleg",
            "source_organisation": "Organisatie die het heeft gemaakt",
            "url": "Link",
        }
        help_texts = {
            "summary": "Twee of drie zinnen: wat is het en voor wie? Hoogstens 600 tekens.",
            "body": TEXT_HELP,
            "url": "Een link naar de tool of de beschrijving. Een link of een bestand is nodig.",
        }
        error_messages = {
            "title": {"required": "Vul de titel in."},
            "summary": {"required": "Vul een korte samenvatting in."},
            "url": {"invalid": "Vul een volledige link in, bijvoorbeeld https://www.voorbeeld.nl."},
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        resource = self.instance
        self.fields["origin_code"].choices = [("", "Geen gemeente"), *municipality_choices()]
        mirrors = Resource.objects.filter(status__in=(Status.PUBLISHED, Status.DRAFT))
        if resource.pk:
            mirrors = mirrors.exclude(pk=resource.pk)
            self.initial.update(
                domains=resource.domains,
                phases=resource.phase_list,
                themes=list(resource.themes.all()),
                origin_code=resource.origin.code if resource.origin else "",
                mirror=resource.mirror_id,
            )
        self.fields["mirror"].queryset = mirrors.only("title").order_by("title")
        if resource.status in (Status.PROPOSED, Status.REJECTED):
            del self.fields["status"]  # moderation decides, with its mail to the proposer

    def clean_origin_code(self):
        code = self.cleaned_data.get("origin_code")
        return Municipality.objects.filter(code=code).first() if code else None

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            try:
                uploads.check_upload(upload)
            except ServiceError as error:
                raise forms.ValidationError(error.message, code=error.code) from error
        return upload

    def clean(self):
        cleaned = super().clean()
        has_file = bool(cleaned.get("upload") or self.instance.file_path)
        if not cleaned.get("url") and not has_file and not self.errors.get("upload"):
            self.add_error("url", "Geef een link op of voeg een bestand toe.")
        return cleaned

    def save(self, commit: bool = False) -> Resource:
        """Fill the instance; the service saves it (with themes, file and mirror)."""
        resource = super().save(commit=False)
        resource.domains = self.cleaned_data["domains"]
        resource.phase_list = self.cleaned_data.get("phases", [])
        resource.origin = self.cleaned_data.get("origin_code")
        return resource
