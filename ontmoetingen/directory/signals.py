"""Receivers for other areas' signals (connected in DirectoryConfig.ready)."""

from django.dispatch import receiver

from ontmoetingen.directory.services import service_areas_follow_merger
from ontmoetingen.regions.signals import municipalities_merged


@receiver(municipalities_merged, dispatch_uid="directory_follow_merger")
def follow_merger(sender, *, merged: dict[str, str], year: int, **kwargs) -> None:
    service_areas_follow_merger(merged=merged, year=year)
