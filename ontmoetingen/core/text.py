"""Text that people and files bring in: decoded, normalised, stripped of invisible tricks."""

from __future__ import annotations

import unicodedata

from ontmoetingen.core.errors import ServiceError

# Characters that change how text is displayed without being visible: bidirectional overrides
# and isolates (a name that reads backwards), zero-width spaces and joiners, the BOM.
INVISIBLE = frozenset(
    [
        *(0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
)
_STRIP_INVISIBLE = dict.fromkeys(INVISIBLE)
ALLOWED_CONTROL = frozenset("\t\n\r")


def normalise(text: str) -> str:
    """One Unicode form (NFC), so "Café" typed two ways is one and the same text."""
    return unicodedata.normalize("NFC", text or "")


def clean_name(text: str) -> str:
    """A person's or organisation's name: NFC, without bidi overrides, zero-width characters
    and control characters, whitespace collapsed."""
    text = normalise(text).translate(_STRIP_INVISIBLE)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in " \t")
    return " ".join(text.split())


def has_control_characters(text: str) -> bool:
    """Whether ``text`` holds a control character other than tab and line breaks (NUL, ...)."""
    return any(unicodedata.category(ch) == "Cc" and ch not in ALLOWED_CONTROL for ch in text)


def decode_upload(data: bytes) -> str:
    """Bytes of an uploaded text file: UTF-8 (with or without BOM) or else Windows-1252 (what
    Excel on Windows saves as "CSV"). Refused, with the expected encoding named, when neither
    fits."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ServiceError(
            "De tekens in dit bestand zijn niet te lezen. Sla het op als 'CSV UTF-8' (in Excel: "
            "Opslaan als → CSV UTF-8) of als Excelbestand (.xlsx) en probeer het opnieuw.",
            code="encoding",
            field="file",
        ) from exc
