"""The project team keeps the themes in its own back office (theme_save / theme_set_active)."""

import pytest

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.audit import audit_entries
from ontmoetingen.core.models import Theme
from ontmoetingen.core.registry import backoffice_links

pytestmark = pytest.mark.django_db


def login(client, **traits):
    user = UserFactory(**traits)
    client.force_login(user)
    return user


def test_url_by_role(client):
    theme = Theme.objects.first()
    pages = [
        ("get", "/beheer/themas/"),
        ("get", "/beheer/themas/nieuw/"),
        ("get", f"/beheer/themas/{theme.pk}/"),
        ("post", f"/beheer/themas/{theme.pk}/actief/"),
    ]
    for method, url in pages:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/inloggen/" in response["Location"], url
    login(client, professional=True)
    for method, url in pages:
        assert getattr(client, method)(url).status_code == 403, url
    theme.refresh_from_db()
    assert theme.active
    login(client, project_team=True)
    for method, url in pages:
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_tile_on_the_back_office_page():
    labels = {link["label"]: link["url"] for link in backoffice_links()}
    assert labels["Thema's beheren"] == "/beheer/themas/"


def test_list_shows_every_theme_with_its_use(client):
    login(client, project_team=True)
    html = client.get("/beheer/themas/").content.decode()
    assert "Armoede en geldzorgen" in html
    assert (
        f"{Theme.objects.count()} thema&#x27;s" in html
        or f"{Theme.objects.count()} thema's" in html
    )


def test_create_and_rename_keeps_the_slug(client):
    user = login(client, project_team=True)
    response = client.post("/beheer/themas/nieuw/", {"name": "Slaap en huilen", "order": 50})
    assert response.status_code == 302
    theme = Theme.objects.get(name="Slaap en huilen")
    assert theme.slug == "slaap-en-huilen" and theme.active
    client.post(f"/beheer/themas/{theme.pk}/", {"name": "Slapen en huilen", "order": 50})
    theme.refresh_from_db()
    assert (theme.name, theme.slug) == ("Slapen en huilen", "slaap-en-huilen")
    entry = audit_entries(obj=theme).first()
    assert entry.changes["Naam"] == ["Slaap en huilen", "Slapen en huilen"]
    assert entry.actor == user


def test_errors_are_specific(client):
    login(client, project_team=True)
    response = client.post("/beheer/themas/nieuw/", {"name": "", "order": 1})
    assert response.status_code == 400
    assert "Vul de naam van het thema in." in response.content.decode()
    response = client.post("/beheer/themas/nieuw/", {"name": "Armoede en geldzorgen", "order": 1})
    assert "Er is al een thema met deze naam." in response.content.decode()


def test_deactivate_hides_the_theme_from_forms(client):
    theme = Theme.objects.get(name="Armoede en geldzorgen")
    login(client, project_team=True)
    response = client.post(f"/beheer/themas/{theme.pk}/actief/", {"actief": "0"}, follow=True)
    assert "is gedeactiveerd" in response.content.decode()
    theme.refresh_from_db()
    assert not theme.active
    assert "Armoede en geldzorgen" not in client.get("/toolkit/voorstellen/").content.decode()
    assert audit_entries(obj=theme).first().action == "gedeactiveerd"
    client.post(f"/beheer/themas/{theme.pk}/actief/", {"actief": "1"})
    theme.refresh_from_db()
    assert theme.active
