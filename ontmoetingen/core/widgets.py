"""Widgets shared by the areas' forms."""

from __future__ import annotations

from collections.abc import Callable

from django import forms


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Many checkboxes in collapsible groups, with a filter box that a small script enables.

    For long lists (342 municipalities) where a ``<select multiple>`` loses every choice on a
    plain click. Works without JavaScript: each group is a ``<details>`` with a fieldset, and a
    group with chosen items (or after a failed submit) opens by itself. ``group_by`` gives the
    group name of a choice's model instance, e.g. ``lambda m: m.province.name``; order the
    queryset by that group first.
    """

    template_name = "core/widgets/grouped_checkboxes.html"

    def __init__(
        self,
        *args,
        group_by: Callable[[object], str],
        sort_key: Callable[[str], str] | None = None,
        noun: str = "keuzes",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.group_by = group_by
        self.sort_key = sort_key
        self.noun = noun

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        groups: dict[str, dict] = {}
        chosen = []
        for _none, options, _index in context["widget"]["optgroups"]:
            for option in options:
                instance = getattr(option["value"], "instance", None)
                label = self.group_by(instance) if instance is not None else ""
                group = groups.setdefault(label, {"name": label, "options": [], "chosen": 0})
                group["options"].append(option)
                if option["selected"]:
                    group["chosen"] += 1
                    chosen.append(option["label"])
        if self.sort_key:
            for group in groups.values():
                group["options"].sort(key=lambda option: self.sort_key(str(option["label"])))
        context["widget"]["groups"] = list(groups.values())
        context["widget"]["chosen"] = chosen
        context["widget"]["noun"] = self.noun
        return context
