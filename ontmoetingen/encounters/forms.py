"""Input shapes for profiles, the directory, introductions, invitations and the people
overview; rules live in services."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation

from ontmoetingen.accounts.models import User
from ontmoetingen.accounts.roles import Role
from ontmoetingen.core.domain import Domain
from ontmoetingen.core.forms import FilterForm
from ontmoetingen.core.models import Theme
from ontmoetingen.directory.models import Organisation
from ontmoetingen.directory.services import service_area_expand
from ontmoetingen.encounters.models import PROFILE_CONSENT_TEXT, Profession
from ontmoetingen.regions.models import GgdRegion, Municipality, Province
from ontmoetingen.regions.selectors import ggd_regions_active, provinces_active


def _blank(choices, label: str = "Alle"):
    return [("", label), *choices]


def _municipalities():
    return Municipality.objects.active().order_by("name").only("code", "name")


class ProfileForm(forms.Form):
    domain = forms.ChoiceField(
        label="Domein", choices=_blank(Domain.choices, "Kies uw domein"), required=True
    )
    profession = forms.ChoiceField(
        label="Beroep", choices=_blank(Profession.choices, "Kies uw beroep")
    )
    profession_other = forms.CharField(
        label="Ander beroep",
        max_length=100,
        required=False,
        help_text='Alleen als u bij beroep "anders" koos.',
    )
    organisation = forms.ModelChoiceField(
        label="Organisatie",
        queryset=Organisation.objects.active().order_by("name").only("id", "name"),
        required=False,
        empty_label="Geen of staat er niet tussen",
        help_text="Uit de lijst met organisaties. Zonder eigen werkgebied neemt uw profiel het werkgebied van uw organisatie over.",
    )
    working_area = forms.ModelMultipleChoiceField(
        label="Werkgebied: gemeenten",
        queryset=_municipalities(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text="Houd Ctrl (of Cmd) ingedrukt om meer gemeenten te kiezen of weg te halen.",
    )
    add_provinces = forms.ModelMultipleChoiceField(
        label="Hele provincie toevoegen",
        queryset=provinces_active().only("code", "name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    add_ggd_regions = forms.ModelMultipleChoiceField(
        label="Hele GGD-regio toevoegen",
        queryset=ggd_regions_active().only("code", "name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    area_codes = forms.CharField(
        label="Of typ codes",
        required=False,
        max_length=2000,
        help_text="Gemeente-, provincie- of GGD-regiocodes gescheiden door komma's, bijvoorbeeld GM0344, PV26.",
    )
    themes = forms.ModelMultipleChoiceField(
        label="Thema's",
        queryset=Theme.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    offer = forms.CharField(
        label="Waarvoor kunt u mij inzetten",
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kort: wat kunt u voor een ander betekenen? Maximaal 600 tekens.",
    )
    offer_tags = forms.CharField(
        label="Trefwoorden bij wat u aanbiedt",
        max_length=300,
        required=False,
        help_text="Gescheiden door komma's, bijvoorbeeld: voorlichting kraamperiode, huisbezoek.",
    )
    ask = forms.CharField(
        label="Waar zoek ik contact voor",
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kort: wie of wat zoekt u? Maximaal 600 tekens.",
    )
    ask_tags = forms.CharField(
        label="Trefwoorden bij wat u zoekt",
        max_length=300,
        required=False,
        help_text="Gescheiden door komma's, bijvoorbeeld: schuldhulp, wijkteam.",
    )
    intro = forms.CharField(
        label="Korte introductie",
        max_length=800,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Wie bent u en hoe werkt u? Zonder foto. Maximaal 800 tekens.",
    )
    phone = forms.CharField(
        label="Telefoonnummer",
        max_length=30,
        required=False,
        help_text="Nooit zichtbaar op uw profiel: alleen gedeeld met mensen van wie u een kennismaking accepteert.",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def clean_area_codes(self) -> list[str]:
        text = self.cleaned_data["area_codes"]
        codes = [c.strip().upper() for c in text.replace(";", ",").split(",") if c.strip()]
        known = (
            set(Municipality.objects.active().filter(code__in=codes).values_list("code", flat=True))
            | set(Province.objects.filter(code__in=codes).values_list("code", flat=True))
            | set(GgdRegion.objects.filter(code__in=codes).values_list("code", flat=True))
        )
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise forms.ValidationError(f"Deze codes kennen we niet: {', '.join(unknown)}.")
        return codes

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("profession") == Profession.OTHER and not cleaned.get("profession_other"):
            self.add_error("profession_other", 'Vul uw beroep in als u "anders" kiest.')
        return cleaned

    def area(self) -> set[str] | None:
        """The working area as municipality codes; None when nothing was chosen (the service
        then takes the organisation's working area)."""
        data = self.cleaned_data
        codes = data["area_codes"]
        area = service_area_expand(
            municipalities=[*data["working_area"], *[c for c in codes if c.startswith("GM")]],
            provinces=[*data["add_provinces"], *[c for c in codes if not c.startswith("GM")]],
            ggd_regions=[*data["add_ggd_regions"], *[c for c in codes if not c.startswith("GM")]],
        )
        return area or None

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            key: data[key]
            for key in (
                "domain",
                "profession",
                "profession_other",
                "organisation",
                "offer",
                "offer_tags",
                "ask",
                "ask_tags",
                "intro",
                "phone",
            )
        }


class PublishForm(forms.Form):
    consent = forms.BooleanField(
        label=PROFILE_CONSENT_TEXT,
        error_messages={"required": "Geef toestemming om uw profiel te publiceren."},
    )


class DirectoryFilterForm(FilterForm):
    q = forms.CharField(label="Zoek op naam, beroep of tekst", required=False, max_length=100)
    domain = forms.ChoiceField(label="Domein", required=False, choices=_blank(Domain.choices))
    municipality = forms.ChoiceField(label="Werkt in gemeente", required=False)
    province = forms.ChoiceField(label="Werkt in provincie", required=False)
    ggd_region = forms.ChoiceField(label="Werkt in GGD-regio", required=False)
    theme = forms.ChoiceField(label="Thema", required=False)

    def __init__(self, *args, municipality_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = _blank(municipality_choices)
        self.fields["province"].choices = _blank(
            list(provinces_active().values_list("code", "name"))
        )
        self.fields["ggd_region"].choices = _blank(
            list(ggd_regions_active().values_list("code", "name"))
        )
        self.fields["theme"].choices = _blank(
            list(Theme.objects.active().values_list("slug", "name"))
        )


class IntroductionForm(forms.Form):
    message = forms.CharField(
        label="Uw bericht",
        max_length=1000,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Waarom wilt u kennismaken en waarover? Minstens 20 en hoogstens 1000 tekens. Uw e-mailadres wordt pas gedeeld als de ander accepteert.",
    )


class AbuseReportForm(forms.Form):
    text = forms.CharField(
        label="Wat is er gebeurd?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Alleen het projectteam leest dit. De ander krijgt geen bericht.",
    )


class InviteForm(forms.Form):
    full_name = forms.CharField(label="Naam", max_length=150, required=False)
    email = forms.EmailField(label="E-mailadres")
    role = forms.ChoiceField(label="Rol", widget=forms.RadioSelect)
    coalition = forms.ModelChoiceField(
        label="Coalitie",
        queryset=None,
        required=False,
        empty_label="Geen",
        help_text="Verplicht voor een coördinator: de coalitie die deze persoon gaat coördineren.",
    )
    message = forms.CharField(
        label="Persoonlijk bericht",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, roles: list[Role], coalitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(str(r), r.label) for r in roles]
        if len(roles) == 1:
            self.fields["role"].initial = str(roles[0])
        self.fields["coalition"].queryset = coalitions

    def clean_role(self) -> Role:
        return Role(self.cleaned_data["role"])


PASSWORD_HINT = "Minstens 10 tekens; geen veelgebruikt wachtwoord en niet alleen cijfers."  # noqa: S105


def _password(label: str, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        help_text=hint,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class AcceptInvitationForm(forms.Form):
    """Name and a password, checked by the project's password validators."""

    full_name = forms.CharField(
        label="Naam", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1 = _password("Kies een wachtwoord", PASSWORD_HINT)
    password2 = _password("Wachtwoord nog een keer")

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "De twee wachtwoorden zijn niet gelijk.")
        elif first:
            probe = User(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class PeopleFilterForm(FilterForm):
    q = forms.CharField(label="Naam of e-mailadres", required=False, max_length=100)
    role = forms.ChoiceField(label="Rol", required=False, choices=_blank(Role.choices))
    domain = forms.ChoiceField(
        label="Domein (profiel)", required=False, choices=_blank(Domain.choices)
    )
    coalition = forms.ModelChoiceField(
        label="Coalitie", queryset=None, required=False, empty_label="Alle"
    )
    inactive = forms.BooleanField(label="Alleen gedeactiveerde accounts", required=False)

    def __init__(self, *args, coalitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coalition"].queryset = coalitions


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label="Rollen", choices=Role.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    def clean_roles(self) -> list[Role]:
        return [Role(r) for r in self.cleaned_data["roles"]]
