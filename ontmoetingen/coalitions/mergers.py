"""Municipal mergers: a coalition follows its municipalities to their successor."""

from __future__ import annotations

from django.db import transaction

from ontmoetingen.coalitions.models import Coalition, CoalitionMunicipality
from ontmoetingen.core.audit import record
from ontmoetingen.regions.models import Municipality


@transaction.atomic
def coalition_links_follow_merger(*, merged: dict[str, str], year: int) -> list[Coalition]:
    """After a municipal merger the successor joins the coalition of its predecessors (unless
    it already belongs to another active coalition); the predecessor's link is kept, inactive,
    and the change is logged on the coalition."""
    changed = []
    successors = {m.code: m for m in Municipality.objects.filter(code__in=set(merged.values()))}
    links = CoalitionMunicipality.objects.filter(
        active=True, municipality_id__in=list(merged)
    ).select_related("coalition", "municipality")
    for link in links:
        successor = successors.get(merged[link.municipality_id])
        if successor is None:
            continue
        link.active = False
        link.save(update_fields=["active"])
        taken = CoalitionMunicipality.objects.filter(active=True, municipality=successor)
        if not taken.exists():
            CoalitionMunicipality.objects.update_or_create(
                coalition=link.coalition, municipality=successor, defaults={"active": True}
            )
        record(
            link.coalition,
            "gemeentelijke herindeling verwerkt",
            changes={"Gemeente": [link.municipality.name, successor.name], "Jaar": str(year)},
        )
        changed.append(link.coalition)
    return changed
