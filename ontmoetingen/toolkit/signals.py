"""The search index follows every write, whatever path it takes (services, admin, shell)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ontmoetingen.toolkit import search
from ontmoetingen.toolkit.models import Resource


@receiver(post_save, sender=Resource, dispatch_uid="toolkit_resource_index")
def _index(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        search.index_resources([instance])


@receiver(post_delete, sender=Resource, dispatch_uid="toolkit_resource_unindex")
def _unindex(sender, instance, **kwargs) -> None:
    search.unindex_resource(instance.pk)
