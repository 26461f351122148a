"""Input shapes only; the rules live in services."""

from django import forms

from ontmoetingen.core.domain import Domain
from ontmoetingen.core.fields import EmailField, NameField
from ontmoetingen.core.models import Theme
from ontmoetingen.questions.models import Question, ThemeProposal
from ontmoetingen.regions.models import Municipality
from ontmoetingen.regions.selectors import municipality_choices

TEXT_MAX = 4000


def _municipality_field(label: str = "Gemeente") -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, choices=())


def _theme_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Thema",
        queryset=Theme.objects.active(),
        required=False,
        empty_label="Kies een thema",
        to_field_name="slug",
    )


class MunicipalityMixin:
    def _init_municipality(self):
        self.fields["municipality"].choices = [
            ("", "Kies een gemeente"),
            *municipality_choices(),
        ]

    def clean_municipality(self):
        code = self.cleaned_data.get("municipality")
        if not code:
            return None
        try:
            return Municipality.objects.get(code=code)
        except Municipality.DoesNotExist as exc:
            raise forms.ValidationError("Kies een gemeente uit de lijst.") from exc


class QuestionForm(MunicipalityMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Wat wilt u ons laten weten?",
        choices=Question.Kind.choices,
        widget=forms.RadioSelect,
        initial=Question.Kind.QUESTION,
    )
    text = forms.CharField(
        label="Uw vraag of behoefte",
        max_length=TEXT_MAX,
        error_messages={"required": "Vul uw vraag of behoefte in."},
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=(
            "Zet hier geen gegevens van cliënten in, zoals een naam, geboortedatum of BSN. "
            "Een tekst die daarop lijkt, nemen we niet aan."
        ),
    )
    domain = forms.ChoiceField(
        label="In welk domein werkt u?",
        choices=[("", "Kies een domein"), *Domain.choices],
        error_messages={"required": "Kies het domein waarin u werkt."},
    )
    municipality = _municipality_field("Over welke gemeente gaat het?")
    theme = _theme_field()
    name = NameField(
        label="Uw naam",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Vul uw naam in."},
    )
    email = EmailField(
        label="Uw e-mailadres",
        error_messages={
            "required": "Vul uw e-mailadres in.",
            "invalid": "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.",
        },
        help_text="We sturen u een bevestiging met een link waarmee u de status kunt volgen.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # Honeypot: hidden from people (CSS and aria-hidden); bots fill every field.
    website = forms.CharField(
        label="Laat dit veld leeg",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_municipality()


class ProposalForm(MunicipalityMixin, forms.Form):
    title = forms.CharField(
        label="Thema in een paar woorden",
        max_length=160,
        error_messages={"required": "Vul het thema in een paar woorden in."},
    )
    description = forms.CharField(
        label="Toelichting",
        max_length=TEXT_MAX,
        error_messages={"required": "Vul een toelichting in."},
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Wat wilt u weten of leren, en waarom is dit nu belangrijk? Geen gegevens van cliënten.",
    )
    purpose = forms.ChoiceField(
        label="Bedoeld voor",
        choices=ThemeProposal.Purpose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies waarvoor het thema bedoeld is."},
    )
    theme = _theme_field()
    domain = forms.ChoiceField(
        label="In welk domein werkt u?",
        choices=[("", "Kies een domein"), *Domain.choices],
        error_messages={"required": "Kies het domein waarin u werkt."},
    )
    municipality = _municipality_field("Gemeente waar u werkt")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_municipality()


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=())

    def __init__(self, *args, current: str = Question.Status.NEW, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (current, f"{Question.Status(current).label} (huidige status)"),
            *[(value, Question.Status(value).label) for value in allowed],
        ]


class AssignForm(forms.Form):
    assigned_to = forms.ModelChoiceField(
        label="Toegewezen aan", queryset=None, required=False, empty_label="Niemand"
    )

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = team


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Interne notitie",
        max_length=TEXT_MAX,
        error_messages={"required": "Schrijf de notitie."},
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Alleen zichtbaar voor het projectteam; nooit voor de vraagsteller of in mails.",
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Antwoord aan de vraagsteller",
        max_length=TEXT_MAX * 2,
        error_messages={"required": "Schrijf het antwoord."},
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Wordt per e-mail verstuurd en is te zien via de persoonlijke statuslink.",
    )


class PublishForm(forms.Form):
    faq_question = forms.CharField(
        label="Vraag zoals die openbaar wordt",
        max_length=TEXT_MAX,
        error_messages={"required": "Vul de vraag in zoals die openbaar wordt."},
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Maak de vraag algemeen: zonder namen, organisaties of plaatsen die iemand herkenbaar maken.",
    )
    faq_answer = forms.CharField(
        label="Openbaar antwoord",
        max_length=TEXT_MAX * 2,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Vul het openbare antwoord in."},
        help_text="Een lijst maakt u met een streepje aan het begin van elke regel, een link "
        "met [tekst](https://…), vet met **twee sterretjes** eromheen.",
    )
    theme = _theme_field()


class TakeUpForm(forms.Form):
    choice = forms.ChoiceField(
        label="Kies een bijeenkomst of toolkit-item", required=False, choices=()
    )
    url = forms.CharField(
        label="Of geef een link",
        required=False,
        max_length=500,
        help_text="Begint met https:// of met / voor een pagina op deze site.",
    )
    title = forms.CharField(label="Titel van de link", required=False, max_length=200)

    def __init__(self, *args, link_groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.titles = {url: title for _, items in link_groups for url, title in items}
        if link_groups:
            self.fields["choice"].choices = [
                ("", "— kies —"),
                *[(label, list(items)) for label, items in link_groups],
            ]
        else:
            del self.fields["choice"]

    def clean(self):
        data = super().clean()
        chosen = data.get("choice")
        if chosen:
            data["url"] = data.get("url") or chosen
            data["title"] = data.get("title") or self.titles.get(chosen, "")
        return data


class ThemeForm(forms.ModelForm):
    """The project team adds or renames a theme."""

    class Meta:
        model = Theme
        fields = ["name", "description", "order"]
        labels = {"name": "Naam", "description": "Omschrijving", "order": "Volgorde"}
        help_texts = {
            "description": "Eén of twee zinnen: waar gaat dit thema over?",
            "order": "Thema's met een lager getal staan eerder in lijsten en filters.",
        }
        error_messages = {
            "name": {
                "required": "Vul de naam van het thema in.",
                "unique": "Er is al een thema met deze naam.",
            },
            "order": {"invalid": "Vul een heel getal in, bijvoorbeeld 10."},
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
