"""Terms kept in Django admin go through the services: every change is in the audit log."""

import pytest

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.audit import audit_entries
from ontmoetingen.glossary import marking
from ontmoetingen.glossary.models import Term
from ontmoetingen.glossary.tests.factories import TermFactory

pytestmark = pytest.mark.django_db
ADMIN = "/beheer/django/glossary/term/"


@pytest.fixture
def admin_user(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def term_data(**values) -> dict:
    data = {
        "term": "Kraamzorg",
        "slug": "kraamzorg",
        "abbreviation": "",
        "domain": "geboortezorg",
        "definition": "Zorg in de eerste week na de geboorte.",
        "explanation": "",
        "synonyms": "",
        "source": "",
    }
    data.update(values)
    return data


def test_adding_a_term_is_recorded_and_marked_at_once(client, admin_user):
    other = TermFactory(term="Wijkteam", slug="wijkteam")
    response = client.post(f"{ADMIN}add/", term_data(related=[other.pk]))
    assert response.status_code == 302
    term = Term.objects.get(slug="kraamzorg")
    assert list(term.related.all()) == [other]
    entry = audit_entries(obj=term).get()
    assert (entry.action, entry.actor) == ("aangemaakt", admin_user)
    assert entry.changes["Begrip"] == [None, "Kraamzorg"]
    assert entry.changes["Verwante begrippen"] == [[], ["Wijkteam"]]
    assert 'href="/begrippen/kraamzorg/"' in marking.mark_terms("<p>De kraamzorg komt.</p>")


def test_editing_a_term_records_before_and_after(client, admin_user):
    term = TermFactory(term="Kraamzorg", slug="kraamzorg", definition="Oud.")
    unchanged = {"explanation": term.explanation, "source": term.source}
    response = client.post(f"{ADMIN}{term.pk}/change/", term_data(definition="Nieuw.", **unchanged))
    assert response.status_code == 302
    entry = audit_entries(obj=term).get()
    assert entry.action == "gewijzigd"
    assert entry.changes == {"Uitleg": ["Oud.", "Nieuw."]}


def test_deleting_a_term_is_recorded(client, admin_user):
    term = TermFactory(term="Kraamzorg", slug="kraamzorg")
    response = client.post(f"{ADMIN}{term.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Term.objects.exists()
    entry = audit_entries(model=Term).get()
    assert (entry.action, entry.object_repr, entry.actor) == ("verwijderd", "Kraamzorg", admin_user)


def test_staff_outside_the_project_team_cannot_change_terms(client):
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="glossary"))
    client.force_login(staff)
    term = TermFactory(term="Kraamzorg", slug="kraamzorg", definition="Oud.")
    assert client.post(f"{ADMIN}{term.pk}/change/", term_data(definition="x")).status_code == 403
    term.refresh_from_db()
    assert term.definition == "Oud."
