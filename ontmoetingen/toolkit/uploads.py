"""Files attached to resources: checked by content, stored under a random name, never served
from a public directory.

The type is decided by the bytes, not by the name or the browser's content type: a PDF starts
with ``%PDF-``; DOCX, XLSX and PPTX are ZIP archives whose members name the Office part
(``word/document.xml``, ``xl/workbook.xml``, ``ppt/presentation.xml``) next to
``[Content_Types].xml``. The extension of the name must agree with what the content is.
"""

from __future__ import annotations

import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.text import get_valid_filename

from ontmoetingen.core.errors import ServiceError
from ontmoetingen.toolkit.models import FileType

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_NAME_LENGTH = 120
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OOXML_PARTS = {
    FileType.DOCX: "word/document.xml",
    FileType.XLSX: "xl/workbook.xml",
    FileType.PPTX: "ppt/presentation.xml",
}
MIME_TYPES = {
    FileType.PDF: "application/pdf",
    FileType.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileType.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileType.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
ALLOWED_TEXT = "PDF, Word (.docx), Excel (.xlsx) of PowerPoint (.pptx)"


@dataclass(frozen=True)
class CheckedFile:
    file_type: FileType
    name: str
    size: int


def private_storage() -> FileSystemStorage:
    root = getattr(settings, "PRIVATE_MEDIA_ROOT", None) or settings.MEDIA_ROOT
    return FileSystemStorage(location=str(root), base_url=None)


def detect_type(uploaded) -> FileType | None:
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(PDF_MAGIC):
        return FileType.PDF
    if not head.startswith(ZIP_MAGIC):
        return None
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        uploaded.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    for file_type, part in OOXML_PARTS.items():
        if part in names:
            return file_type
    return None


def clean_name(name: str, file_type: FileType) -> str:
    """A safe display name that ends in the extension of the detected type."""
    base = PurePath(unicodedata.normalize("NFC", name or "").replace("\\", "/")).name
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = stem.strip(" ._")
    try:
        stem = get_valid_filename(stem) if stem else "bestand"
    except Exception:
        stem = "bestand"
    stem = stem[: MAX_NAME_LENGTH - 6]
    return f"{stem}.{file_type.value}"


def check_upload(uploaded) -> CheckedFile:
    """Raise ServiceError (field "file") unless the upload is an allowed type within the limit."""
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ServiceError(
            "Het bestand is te groot: het mag hoogstens 20 MB zijn.", code="too_big", field="file"
        )
    if uploaded.size == 0:
        raise ServiceError("Het bestand is leeg.", code="empty", field="file")
    file_type = detect_type(uploaded)
    if file_type is None:
        raise ServiceError(
            f"Dit soort bestand kan niet. Kies een {ALLOWED_TEXT}.", code="type", field="file"
        )
    extension = PurePath(uploaded.name or "").suffix.lower().lstrip(".")
    if extension != file_type.value:
        raise ServiceError(
            f"De naam van het bestand past niet bij de inhoud: het is een {file_type.label}, "
            f"dus de naam moet eindigen op .{file_type.value}.",
            code="extension",
            field="file",
        )
    return CheckedFile(
        file_type=file_type, name=clean_name(uploaded.name, file_type), size=uploaded.size
    )


def store(uploaded, checked: CheckedFile) -> str:
    """Save under a random name; returns the stored path (relative to the private root)."""
    path = f"toolkit/{secrets.token_hex(16)}.{checked.file_type.value}"
    return private_storage().save(path, uploaded)


def delete_stored(path: str) -> None:
    if path:
        private_storage().delete(path)
