"""The proposal form and the back-office form share one definition of the classification
fields (domains, phases, themes), and each keeps its own field order."""

import pytest

from ontmoetingen.core.models import Theme
from ontmoetingen.toolkit import forms

pytestmark = pytest.mark.django_db


def test_both_forms_keep_their_field_order():
    assert list(forms.ProposalForm().fields) == [
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
    assert list(forms.ResourceForm().fields) == [
        "title",
        "kind",
        "summary",
        "body",
        "source_organisation",
        "url",
        "status",
        "domains",
        "phases",
        "themes",
        "origin_code",
        "mirror",
        "upload",
    ]


def test_classification_fields_have_one_home():
    retired = Theme.objects.create(name="Testthema dat niet meer gebruikt wordt", active=False)
    for form in (forms.ProposalForm(), forms.ResourceForm()):
        for name in ("domains", "phases", "themes"):
            assert name in forms.ClassificationFields.base_fields
            assert form.fields[name].label == forms.ClassificationFields.base_fields[name].label
        themes = list(form.fields["themes"].queryset)
        assert themes == list(Theme.objects.active()) and retired not in themes
        assert form.fields["domains"].error_messages["required"] == "Kies ten minste één domein."
    assert issubclass(forms.ProposalForm, forms.ClassificationFields)
    assert issubclass(forms.ResourceForm, forms.ClassificationFields)
