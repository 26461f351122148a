"""Login lockout glue for django-axes: who is locked out, and how a lockout ends early.

A lockout is keyed on the account *and* the real client address (``core.http.client_ip``, which
honours ``TRUSTED_PROXY_COUNT``): colleagues behind one office NAT or load balancer do not lock
each other out, and a stranger cannot lock a person out from elsewhere. A successful password
reset ends the lockout of that account (the lockout page points there).
"""

from __future__ import annotations

from django.conf import settings

from ontmoetingen.core.http import client_ip


def login_client_ip(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: the same address the rate limits use."""
    return client_ip(request)


def login_username(request, credentials: dict | None) -> str:
    """AXES_USERNAME_CALLABLE: e-mail addresses are matched case-insensitively when logging in,
    so ``Vera@X.nl`` and ``vera@x.nl`` count as one account for the lockout too."""
    field = settings.AXES_USERNAME_FORM_FIELD
    value = (credentials or {}).get(field)
    if value is None:
        value = getattr(request, "POST", {}).get(field, "")
    return str(value or "").strip().lower()


def login_unlock(email: str) -> int:
    """Forget the failed logins of an account (from every address); returns how many."""
    from axes.utils import reset

    return reset(username=email.strip().lower())


ZIP_MAGIC = b"PK\x03\x04"


def sniff_table_file(uploaded) -> str | None:
    """What an uploaded table really is, from its first bytes rather than its name or the
    browser's content type: ``"xlsx"`` (a ZIP archive holding a workbook), ``"csv"`` (text:
    few control characters, not HTML or PDF), or None."""
    import zipfile

    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(uploaded) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            uploaded.seek(0)
        return "xlsx" if "xl/workbook.xml" in names else None
    # a text file has few control characters (a stray one is reported per line by the import;
    # an undecodable text gets the import's own message about saving as CSV UTF-8)
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    if not head or controls * 20 > len(head) or head.lstrip().startswith((b"<", b"%PDF")):
        return None
    return "csv"
