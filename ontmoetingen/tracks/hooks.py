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


def backoffice_attention() -> list[dict]:
    """Overdue follow-up actions of the regiotour, for the team's start page."""
    from django.urls import reverse

    from ontmoetingen.tracks.models import FollowUpAction

    return [
        {
            "label": "vervolgacties regiotour over de datum",
            "count": FollowUpAction.objects.overdue().count(),
            "url": reverse("tracks:manage_visits") + "?status=open",
            "hint": "Afspraken uit regiotourbezoeken die nog open staan na hun datum.",
        }
    ]


def home_section(request) -> dict | None:
    """The next regiotour visits on the home page (none planned: no section)."""
    from django.utils import timezone

    from ontmoetingen.tracks.models import Visit

    visits = list(
        Visit.objects.public()
        .filter(date__gte=timezone.localdate())
        .exclude(status="bezocht")
        .order_by("date", "pk")[:3]
    )
    return {"visits": visits} if visits else None
