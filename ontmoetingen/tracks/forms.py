"""Input shapes of the tracks' pages (no rules: those live in models and services)."""

from __future__ import annotations

from datetime import date

from django import forms

from ontmoetingen.coalitions.models import Coalition
from ontmoetingen.core.domain import Domain
from ontmoetingen.core.forms import FilterForm
from ontmoetingen.core.models import Theme
from ontmoetingen.directory.models import Organisation
from ontmoetingen.events.models import Event, EventKind
from ontmoetingen.questions.models import Question
from ontmoetingen.regions.models import GgdRegion, Municipality, Province
from ontmoetingen.toolkit.models import Resource
from ontmoetingen.tracks.models import ActionStatus, FollowUpAction, Visit, VisitReport
from ontmoetingen.tracks.reach import ATTENDED, REGISTERED, ReachFilters

ISO_DATE = "%Y-%m-%d"
DATE_FORMATS = [ISO_DATE, "%d-%m-%Y", "%d/%m/%Y"]


def _date_field(label: str, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format=ISO_DATE, attrs={"type": "date"}),
        error_messages={"invalid": "Vul een geldige datum in, bijvoorbeeld 31-12-2026."},
        **kwargs,
    )


class PeriodForm(FilterForm):
    """A period (?van=…&tot=…); without one, the last twelve months."""

    van = _date_field("Van", required=False)
    tot = _date_field("Tot en met", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = ReachFilters.default()
        self.fields["van"].initial = default.start
        self.fields["tot"].initial = default.end

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            raise forms.ValidationError("De begindatum ligt na de einddatum.")
        return data

    def period(self) -> tuple[date, date]:
        default = ReachFilters.default()
        if not (self.is_bound and self.is_valid()):
            return default.start, default.end
        return (
            self.cleaned_data.get("van") or default.start,
            self.cleaned_data.get("tot") or default.end,
        )


class ReachFilterForm(PeriodForm):
    soort = forms.ChoiceField(
        label="Soort bijeenkomst",
        required=False,
        choices=[("", "Alle soorten"), *EventKind.choices],
    )
    domein = forms.ChoiceField(
        label="Domein", required=False, choices=[("", "Alle domeinen"), *Domain.choices]
    )
    laag = forms.ChoiceField(
        label="Kaart kleurt naar",
        required=False,
        choices=[(ATTENDED, "aanwezig (ingecheckt)"), (REGISTERED, "aangemeld")],
        initial=ATTENDED,
        widget=forms.RadioSelect,
    )

    def filters(self) -> ReachFilters:
        start, end = self.period()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return ReachFilters(
            start=start, end=end, kind=data.get("soort", ""), domain=data.get("domein", "")
        )

    def layer(self) -> str:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("laag") or ATTENDED


class VisitForm(forms.ModelForm):
    class Meta:
        model = Visit
        fields = [
            "title",
            "date",
            "status",
            "region_kind",
            "province",
            "ggd_region",
            "municipalities",
            "hosts",
            "events",
            "resources",
            "summary",
            "contacts",
        ]
        widgets = {
            "date": forms.DateInput(format=ISO_DATE, attrs={"type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "contacts": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].input_formats = DATE_FORMATS
        self.fields["province"].queryset = Province.objects.filter(active=True).only("code", "name")
        self.fields["ggd_region"].queryset = GgdRegion.objects.filter(active=True).only(
            "code", "name"
        )
        self.fields["municipalities"].queryset = Municipality.objects.active().only("code", "name")
        self.fields["province"].empty_label = "Kies een provincie"
        region_kind = self.fields["region_kind"]
        region_kind.choices = [("", "Kies het soort gebied"), *region_kind.choices[1:]]
        self.fields["ggd_region"].empty_label = "Kies een GGD-regio"
        self.fields["hosts"].queryset = Coalition.objects.active().only("id", "name")
        self.fields["events"].queryset = Event.objects.visible().only("id", "title")
        self.fields["resources"].queryset = Resource.objects.published().only("id", "title")
        for name in ("municipalities", "hosts", "events", "resources"):
            self.fields[name].widget.attrs["size"] = 8

    def clean(self):
        data = super().clean()
        kind = data.get("region_kind")
        if kind == "gemeenten" and not data.get("municipalities"):
            self.add_error("municipalities", "Kies de gemeenten van het bezoek.")
        return data


class VisitReportForm(forms.ModelForm):
    class Meta:
        model = VisitReport
        fields = ["findings", "agreements", "themes", "questions"]
        widgets = {
            "findings": forms.Textarea(attrs={"rows": 5}),
            "agreements": forms.Textarea(attrs={"rows": 5}),
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.active()
        self.fields["questions"].queryset = Question.objects.order_by("-created_at").only(
            "id", "kind"
        )
        self.fields["questions"].widget.attrs["size"] = 8


class ActionForm(forms.ModelForm):
    class Meta:
        model = FollowUpAction
        fields = ["description", "owner_coalition", "owner_organisation", "due_date", "status"]
        widgets = {"due_date": forms.DateInput(format=ISO_DATE, attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_date"].input_formats = DATE_FORMATS
        self.fields["owner_coalition"].queryset = Coalition.objects.active().only("id", "name")
        self.fields["owner_organisation"].queryset = Organisation.objects.active().only(
            "id", "name"
        )
        self.fields["owner_coalition"].empty_label = "Geen coalitie"
        self.fields["owner_organisation"].empty_label = "Geen organisatie"

    def clean(self):
        data = super().clean()
        if bool(data.get("owner_coalition")) == bool(data.get("owner_organisation")):
            raise forms.ValidationError("Kies één eigenaar: een coalitie of een organisatie.")
        return data


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices)


class RecordingForm(forms.Form):
    event = forms.ModelChoiceField(
        label="Bijeenkomst", queryset=Event.objects.none(), empty_label="Kies een bijeenkomst"
    )
    resource = forms.ModelChoiceField(
        label="Toolkit-item", queryset=Resource.objects.none(), empty_label="Kies een toolkit-item"
    )
    kind = forms.ChoiceField(
        label="Soort", choices=[("opname", "opname"), ("slides", "presentatie (slides)")]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = Event.objects.published().past().only("id", "title")
        self.fields["resource"].queryset = Resource.objects.published().only("id", "title")
