import pytest

from ontmoetingen.accounts.tests.factories import UserFactory
from ontmoetingen.api import services


@pytest.fixture
def make_token(db):
    """``make_token(role=...)`` -> (token, secret) for a fresh user with that role."""

    def make(role: str | None = "partner", **user_fields):
        traits = {role: True} if role else {}
        user = UserFactory(**traits, **user_fields)
        return services.token_create(name=f"token {user.email}", user=user, actor=None)

    return make


@pytest.fixture
def bearer():
    def header(secret: str) -> dict:
        return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    return header
