"""The project team keeps the toolkit in its own back office, through the toolkit's services."""

import pytest

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.audit import audit_entries
from ontmoetingen.core.models import Theme
from ontmoetingen.core.registry import backoffice_links
from ontmoetingen.toolkit.models import Resource, Status
from ontmoetingen.toolkit.services import resource_set_mirror
from ontmoetingen.toolkit.tests.factories import ResourceFactory
from ontmoetingen.toolkit.tests.files import pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


def login(client, **traits):
    user = UserFactory(**traits)
    client.force_login(user)
    return user


def item_data(**extra):
    data = {
        "title": "Gesprekskaart geldzorgen",
        "kind": "tool",
        "summary": "Een kaart om geldzorgen te bespreken.",
        "body": "",
        "domains": ["geboortezorg"],
        "url": "https://voorbeeld.nl/kaart",
        "status": "concept",
    }
    data.update(extra)
    return data


def test_url_by_role(client):
    item = ResourceFactory()
    pages = [
        ("get", "/beheer/toolkit/"),
        ("get", "/beheer/toolkit/nieuw/"),
        ("get", f"/beheer/toolkit/{item.pk}/"),
        ("get", f"/beheer/toolkit/{item.pk}/verwijderen/"),
        ("post", f"/beheer/toolkit/{item.pk}/verwijderen/"),
        ("post", f"/beheer/toolkit/{item.pk}/publiceren/"),
    ]
    for method, url in pages:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/inloggen/" in response["Location"], url
    login(client, professional=True)
    for method, url in pages:
        assert getattr(client, method)(url).status_code == 403, url
    assert Resource.objects.filter(pk=item.pk, status=Status.PUBLISHED).exists()
    login(client, project_team=True)
    for method, url in pages:
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_the_back_office_tile_leads_to_the_own_page(client):
    labels = {link["label"]: link["url"] for link in backoffice_links()}
    assert labels["Toolkit beheren"] == "/beheer/toolkit/"
    login(client, project_team=True)
    html = client.get("/beheer/").content.decode()
    assert "/beheer/django/toolkit/" not in html


def test_list_filters_and_pages(client, settings):
    settings.PAGE_SIZE = 2
    theme = Theme.objects.get(name="Armoede en geldzorgen")
    ResourceFactory(title="Kaart armoede", themes=[theme])
    ResourceFactory(title="Concept voeding", status=Status.DRAFT)
    ResourceFactory(title="Webinar slaap", kind="webinar-opname")
    login(client, project_team=True)
    html = client.get("/beheer/toolkit/", {"thema": theme.slug}).content.decode()
    assert "Kaart armoede" in html and "Concept voeding" not in html
    html = client.get("/beheer/toolkit/", {"status": "concept"}).content.decode()
    assert "Concept voeding" in html and "Kaart armoede" not in html
    html = client.get("/beheer/toolkit/", {"soort": "webinar-opname", "q": "slaap"}).content
    assert b"Webinar slaap" in html and b"Kaart armoede" not in html
    html = client.get("/beheer/toolkit/").content.decode()
    assert "3 items" in html and 'aria-label="Paginering toolkit-items"' in html


def test_creating_with_a_file_a_mirror_and_themes(client):
    theme = Theme.objects.get(name="Armoede en geldzorgen")
    other = ResourceFactory(title="Gesprekskaart voor het wijkteam", audience=",sociaal,")
    user = login(client, project_team=True)
    data = item_data(url="", status="gepubliceerd", themes=[theme.pk], mirror=other.pk)
    data["upload"] = upload("kaart.pdf", pdf_bytes())
    response = client.post("/beheer/toolkit/nieuw/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    item = Resource.objects.get(title="Gesprekskaart geldzorgen")
    assert item.status == Status.PUBLISHED and item.published_at
    assert item.file_type == "pdf" and item.file_name == "kaart.pdf"
    assert list(item.themes.all()) == [theme]
    other.refresh_from_db()
    assert item.mirror == other and other.mirror == item
    assert audit_entries(obj=item).get().actor == user


def test_setting_a_mirror_on_edit_releases_the_old_pair(client):
    item = ResourceFactory(title="Kaart A")
    old = ResourceFactory(title="Kaart B")
    new = ResourceFactory(title="Kaart C")
    resource_set_mirror(resource=item, mirror=old)
    login(client, project_team=True)
    html = client.get(f"/beheer/toolkit/{item.pk}/").content.decode()
    assert f'<option value="{old.pk}" selected>Kaart B</option>' in html
    response = client.post(
        f"/beheer/toolkit/{item.pk}/",
        item_data(title="Kaart A", status="gepubliceerd", mirror=new.pk),
    )
    assert response.status_code == 302
    item.refresh_from_db(), old.refresh_from_db(), new.refresh_from_db()
    assert (item.mirror, new.mirror, old.mirror) == (new, item, None)


def test_form_needs_a_link_or_file_and_speaks_dutch(client):
    login(client, project_team=True)
    html = client.get("/beheer/toolkit/nieuw/").content.decode()
    assert "---------" not in html and "Kies een soort" in html
    assert "Geen gespiegelde tool" in html and "Markdown" not in html
    response = client.post("/beheer/toolkit/nieuw/", item_data(url="", title=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Geef een link op of voeg een bestand toe." in html and "Vul de titel in." in html


def test_publish_and_take_offline(client):
    item = ResourceFactory(title="Kaart", status=Status.DRAFT, published_at=None)
    login(client, project_team=True)
    client.post(f"/beheer/toolkit/{item.pk}/publiceren/", {"publish": "1"})
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.published_at
    assert client.get(item.get_absolute_url()).status_code == 200
    client.post(f"/beheer/toolkit/{item.pk}/publiceren/", {"publish": "0"})
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    client.logout()
    assert client.get(item.get_absolute_url()).status_code == 404
    actions = [e.action for e in audit_entries(obj=item)]
    assert "gepubliceerd" in actions and "offline gehaald" in actions


def test_a_proposal_is_not_published_around_moderation(client):
    item = ResourceFactory(proposed=True)
    login(client, project_team=True)
    client.post(f"/beheer/toolkit/{item.pk}/publiceren/", {"publish": "1"})
    item.refresh_from_db()
    assert item.status == Status.PROPOSED


def test_delete_asks_first(client):
    item = ResourceFactory(title="Kaart")
    login(client, project_team=True)
    html = client.get(f"/beheer/toolkit/{item.pk}/verwijderen/").content.decode()
    assert "Kaart verwijderen?" in html and "Ja, verwijderen" in html
    assert Resource.objects.filter(pk=item.pk).exists()
    assert client.post(f"/beheer/toolkit/{item.pk}/verwijderen/").status_code == 302
    assert not Resource.objects.filter(pk=item.pk).exists()
