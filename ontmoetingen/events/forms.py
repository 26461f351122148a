"""Input shape only: the rules live in the models (one row) and the services (the rest)."""

from __future__ import annotations

from itertools import groupby

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory

from ontmoetingen.core.domain import Domain
from ontmoetingen.core.fields import EmailField, NameField, URLField, validate_sane_datetime
from ontmoetingen.core.forms import FilterForm
from ontmoetingen.core.markdown import FORMATTING_HELP, MARKDOWN_MAX_LENGTH
from ontmoetingen.core.models import Theme
from ontmoetingen.core.privacy import registration_retention_text
from ontmoetingen.events.models import (
    Event,
    EventKind,
    RegistrationQuestion,
    RegistrationQuestionKind,
    RegistrationStatus,
    Session,
)
from ontmoetingen.events.services import (
    RegistrationInput,
    RegistrationQuestionInput,
    SessionInput,
)
from ontmoetingen.regions.models import Municipality
from ontmoetingen.regions.selectors import municipality_choices, provinces_active

YES_NO = [("ja", "Ja"), ("nee", "Nee")]
NO_SESSION = ""


class RadioSelect(forms.RadioSelect):
    """Radio buttons where a full workshop is shown but cannot be chosen.

    The class keeps Django's name on purpose: the shared ``{% field %}`` tag recognises a
    radio group by the widget's class name and renders it as a fieldset with a legend.
    """

    def __init__(self, *args, disabled_values=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.disabled_values = {str(v) for v in disabled_values}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):  # noqa: PLR0917 - Django's signature
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if str(value) in self.disabled_values:
            option["attrs"]["disabled"] = True
        return option


class MunicipalityField(forms.ChoiceField):
    """A select of all municipalities (CBS code values). The 342 options are only loaded when
    the field is rendered; checking a submitted code is one indexed lookup, which keeps the
    registration POST light under a rush."""

    def __init__(self, **kwargs):
        super().__init__(choices=self._choices_for_select, **kwargs)

    @staticmethod
    def _choices_for_select() -> list[tuple[str, str]]:
        return [("", "Kies een gemeente"), *municipality_choices()]

    def valid_value(self, value) -> bool:
        return Municipality.objects.active().filter(code=value).exists()


class RegistrationForm(forms.Form):
    name = NameField(label="Naam", max_length=150)
    email = EmailField(label="E-mailadres", help_text="Hier sturen we de bevestiging naartoe.")
    organisation = forms.CharField(label="Organisatie", max_length=200, required=False)
    role = forms.CharField(label="Functie", max_length=150, required=False)
    domain = forms.ChoiceField(
        label="In welk domein werkt u?", choices=[("", "Kies uw domein"), *Domain.choices]
    )
    work_municipality = MunicipalityField(
        label="Gemeente waar u werkt",
        required=False,
        help_text="Kies de gemeente waar u vooral werkt.",
    )
    dietary = forms.CharField(label="Dieetwensen", max_length=300, required=False)
    accessibility = forms.CharField(
        label="Wat heeft u nodig om goed mee te kunnen doen?",
        max_length=300,
        required=False,
        help_text="Bijvoorbeeld een rolstoelplaats, ringleiding of tolk.",
    )
    consent = forms.BooleanField(
        label="Ik geef toestemming om mijn gegevens te gebruiken voor deze bijeenkomst",
        help_text="",
        error_messages={"required": "Geef toestemming, anders kunnen we u niet aanmelden."},
    )
    website = forms.CharField(
        required=False,
        label="Laat dit veld leeg",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, event: Event, sessions=(), registration_questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["consent"].help_text = registration_retention_text()
        if not event.ask_dietary:
            del self.fields["dietary"]
        if not event.ask_accessibility:
            del self.fields["accessibility"]
        self.registration_questions = list(registration_questions)
        for question in self.registration_questions:
            self.fields[f"q_{question.pk}"] = self._question_field(question)
        self.slot_fields = []
        for index, (_, group) in enumerate(groupby(sessions, key=lambda s: s.starts_at), start=1):
            items = list(group)
            full = [s.pk for s in items if s.is_full]
            choices = [(NO_SESSION, "Geen workshop in dit tijdvak")] + [
                (str(s.pk), f"{s.title}{' (vol)' if s.pk in full else ''}") for s in items
            ]
            name = f"slot_{index}"
            self.fields[name] = forms.ChoiceField(
                label=f"Workshop {items[0].slot_label} uur",
                choices=choices,
                required=False,
                initial=NO_SESSION,
                widget=RadioSelect(disabled_values=full),
            )
            self.slot_fields.append(name)

    @property
    def slot_bound_fields(self) -> list:
        return [self[name] for name in self.slot_fields]

    @property
    def registration_question_bound_fields(self) -> list:
        return [self[f"q_{q.pk}"] for q in self.registration_questions]

    @staticmethod
    def _question_field(question: RegistrationQuestion) -> forms.Field:
        if question.kind == RegistrationQuestionKind.CHOICE:
            return forms.ChoiceField(
                label=question.label,
                required=question.required,
                choices=[("", "Maak een keuze")] + [(c, c) for c in question.choice_list],
            )
        if question.kind == RegistrationQuestionKind.YESNO:
            return forms.ChoiceField(
                label=question.label,
                required=question.required,
                choices=YES_NO,
                widget=forms.RadioSelect,
            )
        return forms.CharField(label=question.label, required=question.required, max_length=1000)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("Laat dit veld leeg.")
        return ""

    def to_input(self) -> RegistrationInput:
        data = self.cleaned_data
        answers = {q.label: data.get(f"q_{q.pk}", "") for q in self.registration_questions}
        return RegistrationInput(
            name=data["name"],
            email=data["email"],
            domain=data["domain"],
            organisation=data.get("organisation", ""),
            role=data.get("role", ""),
            work_municipality_id=data.get("work_municipality") or None,
            dietary=data.get("dietary", ""),
            accessibility=data.get("accessibility", ""),
            answers=answers,
            session_ids=[int(data[n]) for n in self.slot_fields if data.get(n)],
        )

    def add_service_error(self, error) -> None:
        if error.field == "sessions" and self.slot_fields:
            self.add_error(self.slot_fields[0], error.message)
        else:
            error.add_to_form(self)


class AgendaFilterForm(FilterForm):
    kind = forms.ChoiceField(
        label="Soort", required=False, choices=[("", "Alle soorten"), *EventKind.choices]
    )
    province = forms.ChoiceField(label="Provincie", required=False)
    theme = forms.ChoiceField(label="Thema", required=False)
    domain = forms.ChoiceField(
        label="Voor wie", required=False, choices=[("", "Alle domeinen"), *Domain.choices]
    )
    mode = forms.ChoiceField(
        label="Vorm",
        required=False,
        choices=[("", "Online en op locatie"), ("online", "Online"), ("locatie", "Op locatie")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", "Heel Nederland")] + [
            (p.code, p.name) for p in provinces_active()
        ]
        self.fields["theme"].choices = [("", "Alle thema's")] + [
            (t.slug, t.name) for t in Theme.objects.active()
        ]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


REGION_FIELDS = ("provinces", "ggd_regions", "municipalities")


class EventForm(forms.ModelForm):
    online_url = URLField(
        label="Link naar de online bijeenkomst",
        required=False,
        assume_scheme="https",
        help_text="Alleen zichtbaar voor bevestigde deelnemers.",
    )
    audience_domains = forms.MultipleChoiceField(
        label="Voor welke domeinen",
        choices=Domain.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    description = forms.CharField(
        label="Omschrijving",
        required=False,
        max_length=MARKDOWN_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=FORMATTING_HELP,
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "summary",
            "description",
            "starts_at",
            "ends_at",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "is_online",
            "online_url",
            "venue",
            "address",
            "municipality",
            "is_national",
            "provinces",
            "ggd_regions",
            "municipalities",
            "co_organisers",
            "themes",
            "ask_dietary",
            "ask_accessibility",
            "balance_max_share",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "registration_opens_at": DateTimeInput(),
            "registration_closes_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 8}),
            "themes": forms.CheckboxSelectMultiple,
            "provinces": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience_domains"].initial = self.instance.audience_domains
        self.fields["municipality"].queryset = self.fields["municipality"].queryset.filter(
            active=True
        )
        self.fields["municipality"].empty_label = "Kies een gemeente"
        self.fields["kind"].choices = [("", "Kies een soort"), *EventKind.choices]
        self.fields["themes"].label = "Thema's"
        self.fields["municipalities"].queryset = self.fields["municipalities"].queryset.filter(
            active=True
        )
        for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
            self.fields[name].validators.append(validate_sane_datetime)

    def clean(self):
        # the rules on the event itself are in Event.clean(), which the model form runs
        data = super().clean()
        try:
            Event.check_region(
                is_national=bool(data.get("is_national")),
                **{name: data.get(name) for name in REGION_FIELDS},
            )
        except ValidationError as error:
            self.add_error(None, error)
        self.instance.audience = ",".join(data.get("audience_domains") or [])
        return data

    def m2m_values(self) -> dict:
        """The many-to-many choices, for ``event_save`` to set in its transaction."""
        return {name: self.cleaned_data[name] for name in (*REGION_FIELDS, "themes")}


class RowsFormSet(BaseInlineFormSet):
    """Rows of the event form that ``event_save`` writes: handed over as plain inputs, and a
    refusal about one row (``ServiceError.field`` "<service_name>.<index>.<field>") is shown
    next to that row's field."""

    input_class: type
    service_name = ""

    def to_inputs(self) -> list:
        self.input_forms = []
        items = []
        for form in self.forms:
            if not form.has_changed():
                continue
            data = form.cleaned_data
            instance = data.get("id")
            if self._should_delete_form(form) and instance is None:
                continue
            values = {name: data.get(name) for name in self.row_fields}
            items.append(
                self.input_class(
                    pk=instance.pk if instance else None,
                    delete=self._should_delete_form(form),
                    **values,
                )
            )
            self.input_forms.append(form)
        return items

    def add_service_error(self, error) -> bool:
        """Put the error next to the row's field; False when it is not about a row."""
        name, _, rest = (error.field or "").partition(".")
        index, _, field_name = rest.partition(".")
        if name != self.service_name or not index.isdigit():
            return False
        self.input_forms[int(index)].add_error(field_name or None, error.message)
        return True


class SessionRowsFormSet(RowsFormSet):
    input_class = SessionInput
    service_name = "sessions"
    row_fields = ("title", "starts_at", "ends_at", "capacity")


class RegistrationQuestionRowsFormSet(RowsFormSet):
    input_class = RegistrationQuestionInput
    service_name = "registration_questions"
    row_fields = ("label", "kind", "choices", "required", "order")

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        form.fields["kind"].choices = [
            ("", "Kies een soort vraag"),
            *RegistrationQuestionKind.choices,
        ]


SessionFormSet = inlineformset_factory(
    Event,
    Session,
    formset=SessionRowsFormSet,
    fields=list(SessionRowsFormSet.row_fields),
    extra=2,
    can_delete=True,
    widgets={"starts_at": DateTimeInput(), "ends_at": DateTimeInput()},
)
RegistrationQuestionFormSet = inlineformset_factory(
    Event,
    RegistrationQuestion,
    formset=RegistrationQuestionRowsFormSet,
    fields=list(RegistrationQuestionRowsFormSet.row_fields),
    extra=1,
    can_delete=True,
    widgets={"choices": forms.Textarea(attrs={"rows": 2})},
)


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="Hoe waardeert u de bijeenkomst?",
        coerce=int,
        choices=[(n, f"{n} van 5") for n in range(1, 6)],
        widget=forms.RadioSelect,
    )
    useful = forms.CharField(
        label="Wat was voor u het nuttigst?",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label="Welke thema's wilt u een volgende keer bespreken?",
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes_text = forms.CharField(label="Een ander thema", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.active()


class EventCancelForm(forms.Form):
    reason = forms.CharField(
        label="Waarom gaat de bijeenkomst niet door?",
        help_text="Deze tekst staat in de e-mail aan iedereen die zich heeft aangemeld of op de "
        "wachtlijst staat, en bij de bijeenkomst in de agenda.",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Vul de reden in. De aangemelde mensen lezen die in de e-mail."
        },
    )


class RegistrationFilterForm(FilterForm):
    q = forms.CharField(label="Zoek op naam, e-mail of organisatie", required=False)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Alle statussen"), *RegistrationStatus.choices],
    )
    domain = forms.ChoiceField(
        label="Domein", required=False, choices=[("", "Alle domeinen"), *Domain.choices]
    )
