"""Every upload point of the platform, over HTTP: the size limit is enforced from the declared
length before the body is read (413), the content decides the type (not the name or the
browser), stored names are never the uploaded ones, and downloads are attachments with nosniff.

The public toolkit proposal has its own tests (toolkit/tests, tests/abuse/test_floods.py); this
module covers the others and the download of a back-office upload.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.directory.models import Organisation
from ontmoetingen.directory.tests.test_import import GOOD
from ontmoetingen.toolkit.models import Resource
from ontmoetingen.toolkit.tests.files import ooxml_bytes, pdf_bytes

pytestmark = pytest.mark.django_db
IMPORT_URL = "/beheer/organisaties/importeren/"
CSV = GOOD


@pytest.fixture
def team(client):
    user = UserFactory(project_team=True)
    client.force_login(user)
    return user


def _oversized(client, url, megabytes):
    return client.generic(
        "POST",
        url,
        b"x" * 100,
        content_type="multipart/form-data; boundary=grens",
        CONTENT_LENGTH=str(megabytes * 1024 * 1024),
    )


@pytest.mark.parametrize(
    ("url", "megabytes", "shown"),
    [
        (IMPORT_URL, 6, "groter dan 5 MB"),
        (reverse("toolkit:manage_create"), 21, "groter dan 20 MB"),
    ],
)
def test_oversized_upload_is_refused_before_reading(client, team, url, megabytes, shown):
    response = _oversized(client, url, megabytes)
    assert response.status_code == 413
    assert shown in response.content.decode()


def test_toolkit_edit_page_has_the_limit_too(client, team):
    from ontmoetingen.toolkit.tests.factories import ResourceFactory

    resource = ResourceFactory()
    response = _oversized(client, reverse("toolkit:manage_edit", args=[resource.pk]), 21)
    assert response.status_code == 413


def test_import_sniffs_content_not_the_name(client, team, regions):
    disguised = [
        SimpleUploadedFile("lijst.csv", pdf_bytes(), content_type="text/csv"),
        SimpleUploadedFile("lijst.csv", b"<html><script>alert(1)</script>", "text/csv"),
        SimpleUploadedFile("lijst.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "text/csv"),
        SimpleUploadedFile("lijst.xlsx", CSV.encode(), content_type="application/vnd.ms-excel"),
        SimpleUploadedFile("lijst.xlsx", ooxml_bytes("docx")),
    ]
    for upload in disguised:
        html = client.post(IMPORT_URL, {"file": upload}).content.decode()
        assert "De inhoud van dit bestand is geen" in html, upload.name
    assert not Organisation.objects.exists()


def test_import_accepts_real_csv_and_xlsx(client, team, regions):
    response = client.post(
        IMPORT_URL, {"file": SimpleUploadedFile("Lijst (1).CSV", CSV.encode("cp1252"))}
    )
    assert "1 organisatie" in response.content.decode()
    book = Workbook()
    for row in CSV.strip().split("\n"):
        book.active.append(row.split(";"))
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("lijst.xlsx", buffer.getvalue())
    response = client.post(IMPORT_URL, {"file": upload, "dry_run": "on"})
    assert "De inhoud van dit bestand is geen" not in response.content.decode()


def test_backoffice_upload_is_sniffed_renamed_and_served_as_attachment(
    client, team, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    data = {
        "title": "Verwijsschema",
        "kind": "tool",
        "summary": "Wie verwijst naar wie.",
        "body": "",
        "domains": ["geboortezorg"],
        "status": "gepubliceerd",
    }
    fake = SimpleUploadedFile("schema.pdf", b"<html>niet echt</html>", "application/pdf")
    response = client.post(reverse("toolkit:manage_create"), {**data, "upload": fake})
    assert response.status_code == 400
    assert "Dit soort bestand kan niet" in response.content.decode()
    assert not Resource.objects.exists()
    real = SimpleUploadedFile("../../etc/Schema <1>.pdf", pdf_bytes(), "text/html")
    response = client.post(reverse("toolkit:manage_create"), {**data, "upload": real})
    assert response.status_code == 302, response.content.decode()[:2000]
    resource = Resource.objects.get()
    assert ".." not in resource.file_name and "/" not in resource.file_name
    assert resource.file_path.startswith("toolkit/") and "Schema" not in resource.file_path
    download = client.get(resource.get_download_url())
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    ("url_name", "setup"),
    [("accounts:data_export", None), ("accounts:mfa_codes_download", "codes")],
)
def test_account_downloads_are_attachments_with_nosniff(client, url_name, setup):
    user = UserFactory(project_team=True)
    client.force_login(user)
    if setup == "codes":
        session = client.session
        session["mfa_new_recovery_codes"] = ["abcd-efgh"]
        session.save()
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
