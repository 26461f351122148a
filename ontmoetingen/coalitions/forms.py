"""Input shapes for coalitions; rules live in services."""

from django import forms
from django.utils import timezone

from ontmoetingen.accounts.models import User
from ontmoetingen.accounts.roles import Role
from ontmoetingen.coalitions.models import STATUS_EXPLANATION, CoalitionStatus, MembershipRole
from ontmoetingen.coalitions.selectors import SORTS
from ontmoetingen.core.fields import EmailField, NameField
from ontmoetingen.core.forms import FilterForm
from ontmoetingen.core.markdown import FORMATTING_HELP
from ontmoetingen.core.models import Theme
from ontmoetingen.core.widgets import GroupedCheckboxes
from ontmoetingen.regions.selectors import municipalities_for_picker, province_name, sort_key

BIRTH_CARE_CHOICES = [("", "Maakt niet uit"), ("ja", "Ja"), ("nee", "Nee")]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError("Deze datum kan niet in de toekomst liggen.")
    return value


class CoalitionFilterForm(FilterForm):
    q = forms.CharField(label="Naam bevat", required=False, max_length=100)
    provincie = forms.ChoiceField(label="Provincie", required=False)
    ggd = forms.ChoiceField(label="GGD-regio", required=False)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Alle"), *CoalitionStatus.choices]
    )
    geboortezorg = forms.ChoiceField(
        label="Geboortezorg aan tafel", required=False, choices=BIRTH_CARE_CHOICES
    )
    bijgewerkt = forms.ChoiceField(
        label="Laatst bijgewerkt",
        required=False,
        choices=[("", "Alle"), ("ouder", "Meer dan 12 maanden geleden")],
    )
    sorteer = forms.ChoiceField(
        label="Sorteren op",
        required=False,
        choices=[(key, label) for key, (_, label) in SORTS.items()],
    )

    # URL parameters used before they were Dutch; still accepted (old bookmarks and links)
    OLD_NAMES = {
        "province": "provincie",
        "ggd_region": "ggd",
        "birth_care": "geboortezorg",
        "sort": "sorteer",
    }

    def __init__(self, *args, province_choices=(), ggd_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provincie"].choices = [("", "Alle"), *province_choices]
        self.fields["ggd"].choices = [("", "Alle"), *ggd_choices]


class CoalitionRecordForm(forms.Form):
    """What a coordinator keeps current."""

    action_plan = forms.BooleanField(label="Er is een plan van aanpak", required=False)
    action_plan_date = forms.DateField(
        label="Datum plan van aanpak",
        required=False,
        widget=DateInput(),
        help_text="Bijvoorbeeld 15-03-2024. Alleen invullen als er een plan van aanpak is.",
    )
    ambitions = forms.CharField(
        label="Ambities",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Wat wil de coalitie de komende tijd bereiken?",
    )
    description = forms.CharField(
        label="Beschrijving",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"Openbaar. {FORMATTING_HELP}",
    )
    themes = forms.ModelMultipleChoiceField(
        label="Thema's",
        required=False,
        queryset=Theme.objects.active(),
        widget=forms.CheckboxSelectMultiple,
    )
    contact_name = forms.CharField(label="Contactpersoon", required=False, max_length=150)
    contact_email = EmailField(
        label="E-mailadres contactpersoon",
        required=False,
        help_text="Wordt openbaar getoond op de coalitiepagina.",
    )
    started_on = forms.DateField(label="Coalitie gestart op", required=False, widget=DateInput())

    def clean_action_plan_date(self):
        return _not_in_future(self.cleaned_data.get("action_plan_date"))

    def clean_started_on(self):
        return _not_in_future(self.cleaned_data.get("started_on"))

    def clean(self):
        data = super().clean()
        if data.get("action_plan_date") and not data.get("action_plan"):
            self.add_error(
                "action_plan_date",
                "Vink 'Er is een plan van aanpak' aan, of laat de datum leeg.",
            )
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Nieuwe status", widget=forms.RadioSelect)
    changed_on = forms.DateField(
        label="Sinds",
        required=False,
        widget=DateInput(),
        help_text="Leeg laten voor vandaag.",
    )
    note = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Wat is er veranderd? Alleen zichtbaar voor coördinatoren en het projectteam.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (value, f"{label}: {STATUS_EXPLANATION[value]}")
            for value, label in CoalitionStatus.choices
        ]

    def clean_changed_on(self):
        return _not_in_future(self.cleaned_data.get("changed_on"))


class PartnerSearchForm(FilterForm):
    q = forms.CharField(label="Zoek een organisatie op naam", required=False, max_length=100)


class PartnerAddForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label="Rol", choices=MembershipRole.choices, initial="partner")


def coordinator_queryset():
    return User.objects.filter(is_active=True, groups__name=str(Role.COORDINATOR)).order_by(
        "full_name"
    )


class CoalitionSettingsForm(forms.Form):
    """Project team only: name, municipalities, coordinators, active."""

    name = NameField(label="Naam", max_length=200)
    municipalities = forms.ModelMultipleChoiceField(
        label="Gemeenten",
        queryset=municipalities_for_picker(),
        widget=GroupedCheckboxes(group_by=province_name, sort_key=sort_key, noun="gemeenten"),
        help_text="Per provincie. Een gemeente hoort bij ten hoogste één actieve coalitie.",
        error_messages={"required": "Kies minstens één gemeente."},
    )
    coordinators = forms.ModelMultipleChoiceField(
        label="Coördinatoren",
        queryset=coordinator_queryset(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="Gebruikers met de rol coördinator.",
    )
    active = forms.BooleanField(
        label="Actief (niet actief: de coalitie is opgeheven; de geschiedenis blijft bewaard)",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinators"].queryset = coordinator_queryset()


class CoalitionCreateForm(CoalitionSettingsForm):
    active = None  # a new coalition is active
    status = forms.ChoiceField(
        label="Status", choices=CoalitionStatus.choices, initial="orienterend"
    )
    status_since = forms.DateField(
        label="Status sinds", required=False, widget=DateInput(), help_text="Leeg voor vandaag."
    )

    def clean_status_since(self):
        return _not_in_future(self.cleaned_data.get("status_since"))
