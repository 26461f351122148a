"""Bearer tokens: ``Authorization: Bearer ko_…``. Reads work without a token; a token that is
sent must be valid (a wrong or revoked one gives 401, never a silent anonymous read)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from ontmoetingen.api import selectors, services
from ontmoetingen.api.models import ApiToken


@dataclass(frozen=True)
class Anonymous:
    """request.auth for a read without a token."""

    user = None
    token = None

    def __bool__(self) -> bool:
        return True


ANONYMOUS = Anonymous()
MAX_TOKEN_LENGTH = 200


class TokenAuth(HttpBearer):
    """A valid, unrevoked token whose user is active; ``request.auth`` becomes the token."""

    openapi_bearerFormat = "ko_…"

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        if not token or len(token) > MAX_TOKEN_LENGTH:
            return None
        found = selectors.token_for_key(services.hash_key(token))
        if found is None or not found.user.is_active:
            return None
        services.token_mark_used(token=found)
        return found


class OptionalTokenAuth(TokenAuth):
    """For reads: anonymous without an Authorization header, else the token must be valid."""

    def __call__(self, request: HttpRequest):
        if not request.headers.get(self.header):
            return ANONYMOUS
        token = super().__call__(request)
        if token is None:
            raise AuthenticationError()
        return token


def token_of(request) -> ApiToken | None:
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, ApiToken) else None
