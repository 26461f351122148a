"""The project team keeps the glossary in its own back office, through term_save/term_delete."""

import pytest

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.audit import audit_entries
from ontmoetingen.core.registry import backoffice_links
from ontmoetingen.glossary.models import Term, sort_key
from ontmoetingen.glossary.selectors import terms_search
from ontmoetingen.glossary.tests.factories import TermFactory

pytestmark = pytest.mark.django_db


def login(client, **traits):
    user = UserFactory(**traits)
    client.force_login(user)
    return user


def urls():
    term = TermFactory(term="Kraamzorg", slug="kraamzorg")
    return [
        ("get", "/beheer/begrippen/"),
        ("get", "/beheer/begrippen/nieuw/"),
        ("get", f"/beheer/begrippen/{term.pk}/"),
        ("get", f"/beheer/begrippen/{term.pk}/verwijderen/"),
        ("post", f"/beheer/begrippen/{term.pk}/verwijderen/"),
    ]


def test_anonymous_goes_to_login_professional_is_refused_team_gets_in(client):
    pages = urls()
    for method, url in pages:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/inloggen/" in response["Location"], url
    login(client, professional=True)
    for method, url in pages:
        assert getattr(client, method)(url).status_code == 403, url
    assert Term.objects.filter(slug="kraamzorg").exists()
    login(client, project_team=True)
    for method, url in pages:
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_the_back_office_tile_leads_to_the_own_page_not_django_admin(client):
    labels = {link["label"]: link["url"] for link in backoffice_links()}
    assert labels["Begrippen beheren"] == "/beheer/begrippen/"
    login(client, project_team=True)
    html = client.get("/beheer/").content.decode()
    assert 'href="/beheer/begrippen/"' in html
    assert "/beheer/django/glossary/" not in html


def test_list_searches_filters_and_pages(client, settings):
    settings.PAGE_SIZE = 2
    TermFactory(term="Kraamzorg", slug="kraamzorg")
    TermFactory(term="Wijkteam", slug="wijkteam", domain="sociaal")
    TermFactory(term="Verloskundige", slug="verloskundige")
    login(client, project_team=True)
    html = client.get("/beheer/begrippen/", {"q": "wijk"}).content.decode()
    assert "Wijkteam" in html and "Kraamzorg" not in html
    html = client.get("/beheer/begrippen/", {"domein": "sociaal"}).content.decode()
    assert "Wijkteam" in html and "Verloskundige" not in html
    html = client.get("/beheer/begrippen/").content.decode()
    assert "3 begrippen" in html and "Kraamzorg" in html and "Wijkteam" not in html
    assert "Wijkteam" in client.get("/beheer/begrippen/", {"page": 2}).content.decode()


def test_adding_a_term_gets_a_slug_related_terms_and_an_audit_entry(client):
    other = TermFactory(term="Wijkteam", slug="wijkteam")
    user = login(client, project_team=True)
    response = client.post(
        "/beheer/begrippen/nieuw/",
        {
            "term": "Kraamzorg",
            "domain": "geboortezorg",
            "definition": "Zorg thuis in de eerste week na de geboorte.",
            "related": [other.pk],
        },
    )
    assert response.status_code == 302
    term = Term.objects.get(term="Kraamzorg")
    assert term.slug == "kraamzorg"
    assert list(term.related.all()) == [other]
    assert audit_entries(obj=term).get().actor == user


def test_form_speaks_dutch_and_says_what_is_missing(client):
    login(client, project_team=True)
    html = client.get("/beheer/begrippen/nieuw/").content.decode()
    assert "---------" not in html and "Kies een domein" in html
    assert "Markdown" not in html
    response = client.post("/beheer/begrippen/nieuw/", {"term": "", "definition": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul het begrip in." in html and "Vul de uitleg in." in html
    assert "<title>Fout:" in html


def test_editing_keeps_the_slug_and_records_before_and_after(client):
    term = TermFactory(term="Kraamzorg", slug="kraamzorg")
    login(client, project_team=True)
    response = client.post(
        f"/beheer/begrippen/{term.pk}/",
        {"term": "Kraamzorg thuis", "domain": "geboortezorg", "definition": "Nieuwe uitleg."},
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert (term.term, term.slug) == ("Kraamzorg thuis", "kraamzorg")
    entry = audit_entries(obj=term).first()
    assert entry.changes["Begrip"] == ["Kraamzorg", "Kraamzorg thuis"]


def test_deleting_asks_first_then_removes_and_logs(client):
    term = TermFactory(term="Kraamzorg", slug="kraamzorg")
    login(client, project_team=True)
    html = client.get(f"/beheer/begrippen/{term.pk}/verwijderen/").content.decode()
    assert "Kraamzorg verwijderen?" in html and "Ja, verwijderen" in html
    assert Term.objects.filter(pk=term.pk).exists()
    assert client.post(f"/beheer/begrippen/{term.pk}/verwijderen/").status_code == 302
    assert not Term.objects.filter(pk=term.pk).exists()
    assert audit_entries(model=Term).get().action == "verwijderd"


def test_a_to_z_ignores_the_s_prefix_and_case():
    for name in ("zorgpad", "'s-Hertogenbosch-afspraak", "Aanstaande moeder", "bakerpraat"):
        TermFactory(term=name, slug=sort_key(name).replace(" ", "-"))
    names = [t.term for t in terms_search()]
    assert names == ["Aanstaande moeder", "bakerpraat", "'s-Hertogenbosch-afspraak", "zorgpad"]


def test_a_to_z_files_s_prefix_under_its_letter(client):
    TermFactory(term="'s-Hertogenbosch-afspraak", slug="hertogenbosch-afspraak")
    html = client.get("/begrippen/").content.decode()
    assert 'id="letter-H"' in html and 'id="letter-#"' not in html
