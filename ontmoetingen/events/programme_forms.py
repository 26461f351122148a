"""Input shape for workshops by preference and networking rounds (rules live in services)."""

from __future__ import annotations

from itertools import groupby

from django import forms

from ontmoetingen.events.forms import DateTimeInput, RegistrationForm
from ontmoetingen.events.models import (
    MAX_PREFERENCE_RANK,
    Event,
    NetworkingPlan,
    Programme,
    SessionMode,
)

NO_CHOICE = ""
RANK_LABELS = {1: "1e keus", 2: "2e keus", 3: "3e keus"}


class PreferenceSlot:
    """One time slot of the form: its legend and its three selects."""

    def __init__(self, form, index: int, slot, label: str, names: list[str]):
        self.form, self.index, self.slot, self.label, self.names = form, index, slot, label, names

    @property
    def fields(self) -> list:
        return [self.form[name] for name in self.names]

    @property
    def errors(self) -> list:
        return self.form.errors.get(f"slot_{self.index}", [])


def add_preference_fields(form: forms.Form, sessions, initial: dict | None = None) -> None:
    """Per time slot a 1st, 2nd and 3rd choice as plain selects (keyboard and screen-reader
    friendly, no JavaScript). ``initial``: slot -> session ids already chosen."""
    form.preference_slots = []
    initial = initial or {}
    for index, (slot, group) in enumerate(groupby(sessions, key=lambda s: s.starts_at), start=1):
        items = list(group)
        choices = [(NO_CHOICE, "Geen keuze"), *[(str(s.pk), s.title) for s in items]]
        chosen = list(initial.get(slot, []))
        names = []
        for rank in range(1, MAX_PREFERENCE_RANK + 1):
            name = f"pref_{index}_{rank}"
            form.fields[name] = forms.ChoiceField(
                label=RANK_LABELS[rank],
                choices=choices,
                required=False,
                initial=str(chosen[rank - 1]) if len(chosen) >= rank else NO_CHOICE,
            )
            names.append(name)
        label = f"Workshops {items[0].slot_label} uur"
        entry = PreferenceSlot(form, index, slot, label, names)
        entry.titles = [s.title for s in items]
        form.preference_slots.append(entry)


def clean_preferences(form: forms.Form) -> dict:
    """slot -> session ids in order of preference; one workshop at most once per slot."""
    result = {}
    for slot in form.preference_slots:
        picked = [int(v) for v in (form.cleaned_data.get(n) for n in slot.names) if v]
        if len(picked) != len(set(picked)):
            form.add_error(slot.names[0], f"{slot.label}: kies elke workshop hooguit één keer.")
        elif picked:
            result[slot.slot] = picked
    return result


class PreferenceRegistrationForm(RegistrationForm):
    """The registration form of an event in preference mode: choices instead of seats."""

    def __init__(self, *args, event: Event, sessions=(), **kwargs):
        super().__init__(*args, event=event, sessions=(), **kwargs)
        add_preference_fields(self, list(sessions))

    def clean(self):
        cleaned = super().clean()
        self.preferences = clean_preferences(self)
        return cleaned

    def to_input(self):
        data = super().to_input()
        data.preferences = self.preferences
        return data


class PreferenceChangeForm(forms.Form):
    def __init__(self, *args, sessions=(), initial_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        add_preference_fields(self, list(sessions), initial_choices)

    def clean(self):
        cleaned = super().clean()
        self.preferences = clean_preferences(self)
        return cleaned


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["mode", "allocation_deadline", "workshop_domain_max_share"]
        widgets = {
            "mode": forms.RadioSelect,
            "allocation_deadline": DateTimeInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = SessionMode.choices


class NetworkingPlanForm(forms.ModelForm):
    class Meta:
        model = NetworkingPlan
        fields = ["rounds", "table_size", "table_count", "mix_domains", "group_by_region"]


class PairRuleForm(forms.Form):
    rule = forms.ChoiceField(
        label="Regel", choices=[("never", "nooit samen"), ("keep", "altijd samen")]
    )
    first = forms.ChoiceField(label="Eerste persoon")
    second = forms.ChoiceField(label="Tweede persoon")

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Kies een persoon"), *[(str(r.pk), r.name) for r in people]]
        self.fields["first"].choices = choices
        self.fields["second"].choices = choices


def registration_form_for(event: Event) -> type[RegistrationForm]:
    """The registration form fitting how the event hands out its workshops."""
    try:
        by_preference = event.programme.by_preference
    except Programme.DoesNotExist:
        by_preference = False
    return PreferenceRegistrationForm if by_preference else RegistrationForm
