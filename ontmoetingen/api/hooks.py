"""What the API app contributes to shared pages (core/registry.py)."""

from ontmoetingen.api import selectors


def personal_data(user) -> dict:
    """The API tokens that act for this user (never the secret: only its hash is kept)."""
    return {
        "api_tokens": [
            {
                "naam": token.name,
                "begint_met": f"ko_{token.prefix}_",
                "aangemaakt_op": token.created_at.isoformat(),
                "laatst_gebruikt": token.last_used_at.isoformat() if token.last_used_at else None,
                "ingetrokken_op": token.revoked_at.isoformat() if token.revoked_at else None,
            }
            for token in selectors.tokens_of(user)
        ]
    }
