import pytest

from ontmoetingen.core.errors import ServiceError
from ontmoetingen.toolkit import uploads
from ontmoetingen.toolkit.models import FileType
from ontmoetingen.toolkit.tests.files import (
    ooxml_bytes,
    pdf_bytes,
    upload,
    zip_without_office_parts,
)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("plan.pdf", pdf_bytes(), FileType.PDF),
        ("verslag.docx", ooxml_bytes("docx"), FileType.DOCX),
        ("cijfers.xlsx", ooxml_bytes("xlsx"), FileType.XLSX),
        ("dia's.pptx", ooxml_bytes("pptx"), FileType.PPTX),
    ],
)
def test_allowed_types_are_recognised_by_content(name, content, expected):
    checked = uploads.check_upload(upload(name, content, "text/plain"))
    assert checked.file_type == expected
    assert checked.size == len(content)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("virus.pdf", b"MZ\x90\x00 not a pdf", "type"),
        ("pagina.pdf", b"<html><script>alert(1)</script>", "type"),
        ("archief.docx", zip_without_office_parts(), "type"),
        ("kapot.docx", b"PK\x03\x04 broken zip", "type"),
        ("leeg.pdf", b"", "empty"),
        # right content, wrong name
        ("plan.docx", pdf_bytes(), "extension"),
        ("verslag.xlsx", ooxml_bytes("docx"), "extension"),
        ("plan", pdf_bytes(), "extension"),
        ("plan.pdf.exe", pdf_bytes(), "extension"),
    ],
)
def test_refused_files(name, content, code):
    with pytest.raises(ServiceError) as caught:
        uploads.check_upload(upload(name, content, "application/pdf"))
    assert caught.value.code == code
    assert caught.value.field == "file"


def test_size_limit_is_20_mb():
    at_limit = upload(
        "groot.pdf", pdf_bytes() + b"0" * (uploads.MAX_UPLOAD_BYTES - len(pdf_bytes()))
    )
    assert uploads.check_upload(at_limit).size == uploads.MAX_UPLOAD_BYTES
    over = upload("te-groot.pdf", pdf_bytes() + b"0" * uploads.MAX_UPLOAD_BYTES)
    with pytest.raises(ServiceError) as caught:
        uploads.check_upload(over)
    assert caught.value.code == "too_big"
    assert "20 MB" in caught.value.message


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Plan van aanpak.PDF", "Plan_van_aanpak.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\x\\Stappenplan.pdf", "Stappenplan.pdf"),
        ('a"b<c>.pdf', "abc.pdf"),
        (".pdf", "bestand.pdf"),
    ],
)
def test_display_name_is_made_safe(name, expected):
    assert uploads.clean_name(name, FileType.PDF) == expected


def test_stored_under_a_random_name_outside_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    file = upload("plan.pdf", pdf_bytes())
    checked = uploads.check_upload(file)
    path = uploads.store(file, checked)
    assert path.startswith("toolkit/") and path.endswith(".pdf")
    assert "plan" not in path
    assert (tmp_path / path).read_bytes() == pdf_bytes()
