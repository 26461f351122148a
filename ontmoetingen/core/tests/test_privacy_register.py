"""The processing register: every field that looks personal has a line, the lines are complete,
and the team's page is generated from them."""

import pytest
from django.conf import settings
from django.db import models
from django.urls import reverse

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core import registry
from ontmoetingen.core.privacy import (
    Basis,
    looks_personal,
    personal_looking_fields,
    undeclared_fields,
)

BASES = {value for name, value in vars(Basis).items() if name.isupper()}


def test_every_field_that_looks_personal_has_a_line_in_a_register():
    missing = undeclared_fields()
    assert missing == {}, (
        "Velden die persoonsgegevens lijken te bevatten zonder regel in het verwerkingsregister "
        f"(vul <onderdeel>/processing.py aan: REGISTER of NOT_PERSONAL): {missing}"
    )


def test_the_detector_would_notice_a_new_personal_field():
    user_link = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    user_link.name = "owner"
    user_link.remote_field.model = UserFactory._meta.model
    for field in (
        models.CharField(name="phone_number", max_length=20),
        models.CharField(name="dietary_wishes", max_length=20),
        models.EmailField(name="work_address"),
        models.GenericIPAddressField(name="from_where"),
        models.TextField(name="remarks"),
        user_link,
    ):
        assert looks_personal(field), field.name
    assert not looks_personal(models.DateField(name="starts_on"))
    assert "dietary" in personal_looking_fields()["events.Registration"]


def test_every_line_is_complete_and_names_real_fields():
    lines = [entry for _area, entries in registry.processing_register() for entry in entries]
    assert len(lines) >= 15
    for entry in lines:
        for name in entry.fields:
            entry.model._meta.get_field(
                name
            )  # raises for a field that does not exist  # raises for a field that does not exist
        assert set(entry.special) <= set(entry.fields)
        assert entry.basis in BASES, entry
        assert entry.purpose and entry.seen_by and entry.kept_text, entry
        assert entry.export or entry.export_note, f"{entry.label}: export or export_note"
    for entry in registry.not_personal():
        for name in entry.fields:
            entry.model._meta.get_field(name)
        assert entry.reason


@pytest.mark.django_db
def test_register_page_shows_purpose_basis_and_configured_retention(client, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 365
    client.force_login(UserFactory(project_team=True))
    html = client.get(reverse("core:processing_register")).content.decode()
    assert "Verwerkingsregister" in html
    assert "dieetwensen" in html and "toegankelijkheid" in html
    assert "gezondheidsgegevens" in html  # accessibility needs may be health data
    assert "Tot een jaar na de bijeenkomst" in html
    assert Basis.CONSENT in html and Basis.LEGITIMATE_INTEREST in html
    assert "Downloads met persoonsgegevens" in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["professional", "coordinator", "partner"])
def test_register_and_avg_pages_are_for_the_team_only(client, role):
    client.force_login(UserFactory(**{role: True}))
    assert client.get(reverse("core:processing_register")).status_code == 403
    assert client.get(reverse("core:avg_request")).status_code == 403
    client.logout()
    assert client.get(reverse("core:avg_request")).status_code == 302


def test_register_names_every_field_in_dutch():
    import re

    from ontmoetingen.core import registry

    labels = {
        label
        for _area, entries in registry.processing_register()
        for entry in entries
        for label in entry.field_labels()
    }
    english = {label for label in labels if re.search(r"\b(by|user|ip)\b", label)}
    assert english == set()
    assert labels.isdisjoint({"user", "author", "blocker", "reporter", "requester"})
