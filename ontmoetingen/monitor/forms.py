from datetime import date

from django import forms
from django.utils import timezone
from django.utils.formats import date_format

from ontmoetingen.core.forms import FilterForm
from ontmoetingen.monitor.snapshot import status_legend
from ontmoetingen.regions.selectors import ggd_regions_active, provinces_active

# The programme Kansrijke Start began in 2018; earlier dates show nothing.
EARLIEST_AS_OF = date(2018, 1, 1)
ISO_DATE = "%Y-%m-%d"


class AsOfForm(FilterForm):
    """The "as of" date of the monitor (?peildatum=JJJJ-MM-DD); empty means today."""

    peildatum = forms.DateField(
        label="Peildatum",
        required=False,
        input_formats=[ISO_DATE, "%d-%m-%Y", "%d/%m/%Y"],
        widget=forms.DateInput(format=ISO_DATE, attrs={"type": "date"}),
        help_text="Toon de stand van zaken op een eerdere datum. Leeg laten: vandaag.",
        error_messages={"invalid": "Vul een geldige datum in, bijvoorbeeld 31-12-2022."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        attrs = self.fields["peildatum"].widget.attrs
        attrs["min"] = EARLIEST_AS_OF.strftime(ISO_DATE)
        attrs["max"] = today.strftime(ISO_DATE)

    def clean_peildatum(self):
        value = self.cleaned_data.get("peildatum")
        if value is None:
            return None
        if value > timezone.localdate():
            raise forms.ValidationError("De peildatum kan niet in de toekomst liggen.")
        if value < EARLIEST_AS_OF:
            raise forms.ValidationError(
                f"Kies een datum vanaf {date_format(EARLIEST_AS_OF, 'j F Y')}."
            )
        return value

    def as_of(self) -> date | None:
        """The valid date asked for, or None (today)."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["peildatum"]
        return None


def _choices(queryset) -> list[tuple[str, str]]:
    return [("", "Alle"), *queryset.values_list("code", "name")]


class OutreachFilterForm(FilterForm):
    provincie = forms.ChoiceField(label="Provincie", required=False)
    ggd_regio = forms.ChoiceField(label="GGD-regio", required=False)
    status = forms.ChoiceField(label="Status van de coalitie", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provincie"].choices = _choices(provinces_active())
        self.fields["ggd_regio"].choices = _choices(ggd_regions_active())
        self.fields["status"].choices = [
            ("", "Alle"),
            *((s["value"], s["label"]) for s in status_legend()),
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {
            "province": self.cleaned_data["provincie"],
            "ggd_region": self.cleaned_data["ggd_regio"],
            "status": self.cleaned_data["status"],
        }


class MunicipalityFilterForm(OutreachFilterForm):
    """Filters of the table version of the map (the as-of date travels along)."""

    field_order = ["q", "provincie", "ggd_regio", "status"]

    q = forms.CharField(label="Gemeente", required=False, max_length=100)
    status = forms.ChoiceField(label="Status", required=False)

    def filters(self) -> dict:
        found = super().filters()
        if found:
            found["text"] = self.cleaned_data["q"]
        return found
