import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.models import AuditLog
from ontmoetingen.directory.models import Organisation
from ontmoetingen.directory.services import organisations_import
from ontmoetingen.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HEADER = "naam;soort;vestigingsgemeente;werkgebied;website;e-mail\n"
GOOD = (
    HEADER
    + "Praktijk De Wieg;verloskundigenpraktijk;GM0344;GM0344 GM0307;https://dewieg.nl;info@dewieg.nl\n"
)


def _csv(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))


def test_valid_csv_is_imported_with_working_area(regions):
    text = (
        HEADER
        + "Praktijk De Wieg;verloskundigenpraktijk;GM0344;GM0344 GM0307;https://dewieg.nl;info@dewieg.nl\n"
        + "GGD Utrecht;GGD;GM0344;GG2514;;\n"
        + "Kraamzorg Flevo;kraamzorgorganisatie;GM0034;PV24;;\n"
        + "Wijkteam Zonder Gebied;wijkteam;GM0344;;;\n"
    )
    report = organisations_import(file=_csv(text), filename="lijst.csv")
    assert report.ok and report.created == 4
    wieg = Organisation.objects.get(name="Praktijk De Wieg")
    assert wieg.domain == "geboortezorg"
    assert set(wieg.service_area.values_list("code", flat=True)) == {"GM0344", "GM0307"}
    ggd = Organisation.objects.get(name="GGD Utrecht")
    assert ggd.type == "ggd" and ggd.service_area.count() == 26
    assert Organisation.objects.get(name="Kraamzorg Flevo").service_area.count() == 6
    # no working area given: where it is located
    assert list(
        Organisation.objects.get(name="Wijkteam Zonder Gebied").service_area.values_list(
            "code", flat=True
        )
    ) == ["GM0344"]
    # each organisation's history starts with its import
    entry = AuditLog.objects.for_object(wieg).get()
    assert entry.action == "organisatie geïmporteerd"
    assert entry.changes == {"bestand": "lijst.csv", "werkgebied": ["GM0307", "GM0344"]}
    assert AuditLog.objects.filter(action="organisatie geïmporteerd").count() == 4


def test_every_error_kind_reported_and_nothing_written(regions):
    OrganisationFactory(name="Bestaat Al", location_id="GM0344")
    text = (
        HEADER
        + "Goed;verloskundigenpraktijk;GM0344;GM0344;;\n"  # line 2: fine
        + ";verloskundigenpraktijk;GM0344;;;\n"  # 3: missing name
        + "Fout Type;tandarts;GM0344;;;\n"  # 4: unknown type
        + "Fout Gemeente;ggd;GM9999;GM0344,GM8888;;\n"  # 5: unknown codes
        + "Goed;verloskundigenpraktijk;GM0344;;;\n"  # 6: duplicate of line 2
        + "Bestaat Al;ggd;GM0344;;;\n"  # 7: exists already
        + "Fout Adres;ggd;GM0344;;geen-url;geen-mail\n"  # 8: bad website and e-mail
    )
    before = Organisation.objects.count()
    report = organisations_import(file=_csv(text), filename="lijst.csv")
    assert not report.ok
    reasons = {e.line: e.reason for e in report.errors}
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8]
    assert reasons[3] == "naam ontbreekt"
    assert reasons[4] == "onbekende soort organisatie 'tandarts'"
    assert "onbekende gemeentecode 'GM9999'" in reasons[5]
    assert "'GM8888'" in reasons[5]
    assert reasons[6] == "dubbel: dezelfde organisatie staat al op regel 2"
    assert reasons[7] == "dubbel: deze organisatie bestaat al"
    assert "ongeldige website" in reasons[8] and "ongeldig e-mailadres" in reasons[8]
    assert Organisation.objects.count() == before
    assert not AuditLog.objects.exists()


def test_dry_run_writes_nothing(regions):
    report = organisations_import(file=_csv(GOOD), filename="lijst.csv", dry_run=True)
    assert report.ok and report.rows == 1 and report.created == 0
    assert not Organisation.objects.exists()


def test_xlsx(regions):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Naam", "Soort", "Vestigingsgemeente", "Werkgebied"])
    sheet.append(["Praktijk Excel", "verloskundigenpraktijk", "GM0363", "GM0363;GM0384"])
    sheet.append(["Zonder soort", None, "GM0363", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    report = organisations_import(file=buffer, filename="lijst.xlsx")
    assert [(e.line, e.reason) for e in report.errors] == [(3, "soort ontbreekt")]
    assert not Organisation.objects.exists()


def test_bad_header_and_damaged_xlsx(regions):
    with pytest.raises(ServiceError) as error:
        organisations_import(file=_csv("a;b\n1;2\n"), filename="x.csv")
    assert error.value.code == "header"
    with pytest.raises(ServiceError) as error:
        organisations_import(file=io.BytesIO(b"not a zip"), filename="x.xlsx")
    assert error.value.code == "file"


def test_command_imports_and_reports(regions, tmp_path, capsys):
    good = tmp_path / "goed.csv"
    good.write_text(GOOD, encoding="utf-8")
    call_command("import_organisations", str(good), "--dry-run")
    assert not Organisation.objects.exists()
    call_command("import_organisations", str(good))
    assert Organisation.objects.filter(name="Praktijk De Wieg").exists()
    bad = tmp_path / "fout.csv"
    bad.write_text(HEADER + "X;onzin;GM0344;;;\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 van de 1 regels"):
        call_command("import_organisations", str(bad))
    assert "regel 2: onbekende soort organisatie 'onzin'" in capsys.readouterr().err


def test_upload_in_backoffice(client, regions):
    client.force_login(UserFactory(project_team=True))
    upload = SimpleUploadedFile("lijst.csv", GOOD.encode(), content_type="text/csv")
    response = client.post("/beheer/organisaties/importeren/", {"file": upload})
    assert "1 organisatie toegevoegd" in response.content.decode()
    bad = SimpleUploadedFile("lijst.csv", (HEADER + "X;onzin;GM0344;;;\n").encode())
    html = client.post("/beheer/organisaties/importeren/", {"file": bad}).content.decode()
    assert "onbekende soort organisatie" in html and "Er is niets opgeslagen" in html
    wrong = SimpleUploadedFile("lijst.pdf", b"%PDF")
    html = client.post("/beheer/organisaties/importeren/", {"file": wrong}).content.decode()
    assert "eindigt op .csv of .xlsx" in html
    assert Organisation.objects.count() == 1


def test_upload_refused_for_others(client, regions):
    assert client.get("/beheer/organisaties/importeren/").status_code == 302
    client.force_login(UserFactory(coordinator=True))
    upload = SimpleUploadedFile("lijst.csv", GOOD.encode())
    assert client.post("/beheer/organisaties/importeren/", {"file": upload}).status_code == 403
    assert not Organisation.objects.exists()
