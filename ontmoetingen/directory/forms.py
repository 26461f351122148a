"""Input shapes for organisations; rules live in services (the area expansion too)."""

from django import forms

from ontmoetingen.core.domain import Domain
from ontmoetingen.core.fields import EmailField, NameField, URLField
from ontmoetingen.core.forms import FilterForm
from ontmoetingen.core.security import sniff_table_file
from ontmoetingen.core.widgets import GroupedCheckboxes
from ontmoetingen.directory.models import OrganisationType
from ontmoetingen.directory.services import service_area_expand
from ontmoetingen.regions.models import Municipality
from ontmoetingen.regions.selectors import (
    ggd_regions_active,
    municipalities_for_picker,
    province_name,
    provinces_active,
    sort_key,
)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def _blank(choices, label: str = "Alle"):
    return [("", label), *choices]


class OrganisationFilterForm(FilterForm):
    # Dutch query parameters; the English ones of earlier links still work (see the view).
    OLD_NAMES = {
        "domain": "domein",
        "type": "soort",
        "municipality": "gemeente",
        "province": "provincie",
    }
    q = forms.CharField(label="Naam bevat", required=False, max_length=100)
    domein = forms.ChoiceField(label="Domein", required=False, choices=_blank(Domain.choices))
    soort = forms.ChoiceField(
        label="Soort organisatie", required=False, choices=_blank(OrganisationType.choices)
    )
    gemeente = forms.ChoiceField(label="Werkt in gemeente", required=False)
    provincie = forms.ChoiceField(label="Werkt in provincie", required=False)

    def __init__(self, *args, municipality_choices=(), province_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].choices = _blank(municipality_choices)
        self.fields["provincie"].choices = _blank(province_choices)


class OrganisationForm(forms.Form):
    name = NameField(label="Naam", max_length=200)
    type = forms.ChoiceField(
        label="Soort organisatie", choices=_blank(OrganisationType.choices, "Kies een soort")
    )
    location = forms.ModelChoiceField(
        label="Vestigingsgemeente",
        queryset=Municipality.objects.active().order_by("name").only("code", "name"),
        required=False,
        empty_label="Geen of onbekend",
    )
    website = URLField(label="Website", required=False)
    contact_email = EmailField(
        label="Openbaar contactadres",
        required=False,
        help_text="Hierheen gaan uitnodigingen van coalities. Wordt openbaar getoond.",
    )
    active = forms.BooleanField(label="Actief", required=False, initial=True)
    service_area = forms.ModelMultipleChoiceField(
        label="Werkgebied: gemeenten",
        queryset=municipalities_for_picker(),
        required=False,
        widget=GroupedCheckboxes(group_by=province_name, sort_key=sort_key, noun="gemeenten"),
        help_text="Vink de gemeenten aan, per provincie. Een hele provincie of GGD-regio "
        "voegt u hieronder in één keer toe.",
    )
    add_provinces = forms.ModelMultipleChoiceField(
        label="Hele provincie toevoegen",
        queryset=provinces_active().only("code", "name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    add_ggd_regions = forms.ModelMultipleChoiceField(
        label="Hele GGD-regio toevoegen",
        queryset=ggd_regions_active().only("code", "name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def area_codes(self) -> set[str]:
        """The chosen municipalities plus those of the chosen provinces and GGD regions."""
        return service_area_expand(
            municipalities=self.cleaned_data["service_area"],
            provinces=self.cleaned_data["add_provinces"],
            ggd_regions=self.cleaned_data["add_ggd_regions"],
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Bestand (CSV of Excel)",
        help_text="Kolommen: naam, soort, vestigingsgemeente, werkgebied, website, e-mail.",
    )
    dry_run = forms.BooleanField(
        label="Alleen controleren, nog niets opslaan", required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Kies een bestand dat eindigt op .csv of .xlsx.")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Het bestand is groter dan 5 MB.")
        extension = upload.name.lower().rsplit(".", 1)[-1]
        if sniff_table_file(upload) != extension:
            raise forms.ValidationError(
                f"De inhoud van dit bestand is geen {extension.upper()}. Sla het in uw "
                "spreadsheetprogramma op als CSV of als Excel-werkmap (.xlsx)."
            )
        return upload
