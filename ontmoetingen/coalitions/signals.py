"""Receivers for other areas' signals (connected in CoalitionsConfig.ready)."""

from django.dispatch import receiver

from ontmoetingen.coalitions.mergers import coalition_links_follow_merger
from ontmoetingen.regions.signals import municipalities_merged


@receiver(municipalities_merged, dispatch_uid="coalitions_follow_merger")
def follow_merger(sender, *, merged: dict[str, str], year: int, **kwargs) -> None:
    coalition_links_follow_merger(merged=merged, year=year)
