"""Keeping client data out: refuse texts that look like they identify a client, and
anonymise texts before they are published.

The platform is for professionals' questions, never for case files. A BSN (nine digits that
pass the eleven test) or a name together with a date of birth is refused before anything is
stored. The check is deliberately on the cautious side: a refused text costs the sender a small
edit, an accepted BSN is a data breach.
"""

from __future__ import annotations

import re

BSN_REFUSED = (
    "Uw tekst lijkt een burgerservicenummer (BSN) te bevatten. Zet geen gegevens van cliënten "
    "in uw vraag: haal het nummer weg en verstuur de vraag opnieuw. Er is niets opgeslagen."
)
BIRTH_DATE_REFUSED = (
    "Uw tekst lijkt een naam met een geboortedatum te bevatten. Zet geen gegevens van cliënten "
    "in uw vraag: haal de naam of de datum weg en verstuur de vraag opnieuw. Er is niets "
    "opgeslagen."
)

# nine digits, optionally grouped with spaces, dots or dashes (123.456.782, 1234 56 782)
_NINE_DIGITS = re.compile(r"(?<![\d\w])(?:\d[ .\-]?){8}\d(?![\d\w])")

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE = re.compile(
    r"(?<!\d)(?:"
    r"\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})"  # 12-03-2019, 1/3/19
    r"|(?:\d{4})[-/.]\d{1,2}[-/.]\d{1,2}"  # 2019-03-12
    rf"|\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}}"  # 12 maart 2019
    r")(?!\d)",
    re.IGNORECASE,
)
_BIRTH_WORDS = re.compile(
    r"\b(?:geboren|geb\.|geb\b|geboortedatum|geb\.?\s?datum|d\.o\.b|dob|geboortedag)",
    re.IGNORECASE,
)
_PARTICLES = r"(?:(?:van|de|der|den|ter|ten|te|het|el|al|bin|da|di|du|la|le|op|in 't|van 't)\s+)*"
_CAP = r"[A-ZÀ-Ý][a-zà-ÿ'\u2019\-]+"
# "mevrouw Jansen", "dhr. De Vries", "baby Noah", and two capitalised words "Anna de Vries"
_TITLED_NAME = re.compile(
    r"\b(?i:mevrouw|mevr\.?|mw\.?|meneer|mr\.?|dhr\.?|de heer|heer|baby|cliënte?|client|"
    r"moeder|vader|zoon|dochter|kind|zwangere|patiënte?|patient)\s+" + _PARTICLES + _CAP
)
_FULL_NAME = re.compile(r"\b" + _CAP + r"\s+" + _PARTICLES + _CAP)
# Capitalised pairs that are organisations or places, not people
_NOT_NAMES = {
    "gemeente",
    "kansrijke",
    "start",
    "ggd",
    "jgz",
    "centrum",
    "jeugd",
    "gezin",
    "college",
    "perinatale",
    "zorg",
    "stichting",
    "team",
    "wijkteam",
    "sociaal",
    "domein",
    "den",
    "haag",
    "veilig",
    "thuis",
    # sentence openers that are capitalised without being a name
    "bij",
    "in",
    "op",
    "de",
    "het",
    "een",
    "voor",
    "met",
    "na",
    "vanaf",
    "tot",
    "wij",
    "we",
    "ik",
    "onze",
    "mijn",
    "hoe",
    "wat",
    "waar",
    "wanneer",
    "welke",
    "graag",
    "sinds",
}
NAME_WINDOW = 60  # characters around a date in which a name counts as "with" that date


def passes_eleven_test(digits: str) -> bool:
    """The BSN eleven test: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11 (and not 0)."""
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0


def find_bsn(text: str) -> str | None:
    for match in _NINE_DIGITS.finditer(text or ""):
        digits = re.sub(r"\D", "", match.group())
        if passes_eleven_test(digits):
            return match.group()
    return None


def _looks_like_name(fragment: str) -> bool:
    if _TITLED_NAME.search(fragment):
        return True
    for match in _FULL_NAME.finditer(fragment):
        words = {w.casefold() for w in re.findall(r"\w+", match.group())}
        if not words & _NOT_NAMES:
            return True
    return False


def find_name_with_birth_date(text: str) -> str | None:
    """A full date next to a person's name, or any full date with a word like "geboren"."""
    text = text or ""
    for match in _DATE.finditer(text):
        start = max(0, match.start() - NAME_WINDOW)
        around = text[start : match.end() + NAME_WINDOW]
        if _BIRTH_WORDS.search(around) or _looks_like_name(around):
            return match.group()
    return None


def client_data_problem(text: str) -> str | None:
    """The Dutch explanation why ``text`` may not be stored, or None when it is fine."""
    if find_bsn(text):
        return BSN_REFUSED
    if find_name_with_birth_date(text):
        return BIRTH_DATE_REFUSED
    return None


_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_PHONE = re.compile(r"(?<![\d\w])(?:\+31|0031|0)[\s\-]?(?:\d[\s\-]?){8,9}(?![\d\w])")
_LONG_NUMBER = re.compile(r"(?<![\d\w])(?:\d[ .\-]?){7,}\d(?![\d\w])")


def anonymise(text: str, *, names: list[str] | tuple[str, ...] = ()) -> str:
    """Remove what could identify someone: the given names, e-mail addresses, phone numbers
    and long numbers. Used on every text before it is published."""
    result = text or ""
    result = _EMAIL.sub("[e-mailadres]", result)
    result = _PHONE.sub("[telefoonnummer]", result)
    result = _LONG_NUMBER.sub("[nummer]", result)
    for name in names:
        parts = {piece.strip(" ,.()") for piece in (name, *name.split())}
        for part in sorted(parts, key=len, reverse=True):
            if len(part) >= 3 and part[0].isupper():
                result = re.sub(rf"\b{re.escape(part)}\b", "[naam]", result)
    return result
