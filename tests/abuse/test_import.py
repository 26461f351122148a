"""Case 6: the organisation import reads what people save from Excel, refuses what cannot be
stored with a reason per line, and writes nothing unless every line is good."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.models import AuditLog
from ontmoetingen.directory import models as directory_models
from ontmoetingen.directory.models import Organisation

pytestmark = pytest.mark.django_db

HEADER = "naam;soort;vestigingsgemeente;werkgebied;website;e-mail\r\n"
URL = "/beheer/organisaties/importeren/"


@pytest.fixture
def team_client(client_from):
    browser = client_from("192.0.2.1")
    browser.force_login(UserFactory(project_team=True))
    return browser


def _post(browser, content: bytes, name: str = "lijst.csv"):
    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    return browser.post(URL, {"file": upload, "dry_run": ""})


def test_cp1252_file_from_excel_is_read(team_client, regions):
    text = HEADER + "Verloskundigen Café Één;verloskundigenpraktijk;GM0344;;;\r\n"
    response = _post(team_client, text.encode("cp1252"))
    assert response.status_code == 200
    assert Organisation.objects.get().name == "Verloskundigen Café Één"


def test_utf8_with_bom_is_read(team_client, regions):
    text = HEADER + "Kraamzorg Zoë;kraamzorgorganisatie;GM0344;;;\r\n"
    response = _post(team_client, "\ufeff".encode() + text.encode())
    assert response.status_code == 200
    assert Organisation.objects.get().name == "Kraamzorg Zoë"


def test_undecodable_bytes_get_a_clear_message(team_client, regions):
    content = HEADER.encode() + b"Praktijk \x81\x8d;GGD;GM0344;;;\r\n"
    response = _post(team_client, content)
    assert response.status_code == 200
    assert "CSV UTF-8" in response.content.decode()
    assert not Organisation.objects.exists()


def test_huge_cell_is_refused_per_line_without_500(team_client, regions):
    content = (HEADER + "Goed;GGD;GM0344;;;\r\n" + "X" * 140_000 + ";GGD;GM0344;;;\r\n").encode()
    response = _post(team_client, content)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Regel 3" in html or "regel 3" in html.lower()
    assert not Organisation.objects.exists()


def test_long_name_and_control_characters_reported_per_line(team_client, regions):
    content = (
        HEADER
        + "Goed;GGD;GM0344;;;\r\n"
        + ("N" * 300)
        + ";GGD;GM0344;;;\r\n"
        + "Met\x00nul;GGD;GM0344;;;\r\n"
        + "Bel\x07;GGD;GM0344;;;\r\n"
    ).encode()
    response = _post(team_client, content)
    html = response.content.decode()
    assert "naam is te lang (300 tekens, hoogstens 200)" in html
    assert html.count("bevat onzichtbare stuurtekens") == 2
    assert not Organisation.objects.exists()


def test_the_same_name_in_two_unicode_forms_is_one_organisation(team_client, regions):
    composed = "Caf\u00e9 de Wieg"
    decomposed = "Cafe\u0301 de Wieg"
    content = (HEADER + f"{composed};GGD;GM0344;;;\r\n{decomposed};GGD;GM0344;;;\r\n").encode()
    response = _post(team_client, content)
    assert "dubbel" in response.content.decode()
    assert not Organisation.objects.exists()


def _log_entries() -> int:
    # the directory's own EditLog is being replaced by core's AuditLog: count both while both exist
    edit_log = getattr(directory_models, "EditLog", None)
    return AuditLog.objects.count() + (edit_log.objects.count() if edit_log else 0)


def test_header_only_file_writes_nothing(team_client, regions):
    before = _log_entries()
    response = _post(team_client, HEADER.encode())
    assert response.status_code == 200
    assert not Organisation.objects.exists()
    assert _log_entries() == before
