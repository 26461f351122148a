"""What the tracks add to /mijn/: the follow-up actions of the coalitions a user coordinates."""

from __future__ import annotations

from ontmoetingen.tracks import selectors
from ontmoetingen.tracks.models import ActionStatus


def mine_section(request) -> dict | None:
    coalition_ids = list(request.user.coordinated_coalitions.values_list("pk", flat=True))
    if not coalition_ids:
        return None
    return {
        "actions": selectors.actions_of_coalitions(coalition_ids),
        "statuses": ActionStatus.choices,
        "next": request.get_full_path(),
    }
