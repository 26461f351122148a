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
