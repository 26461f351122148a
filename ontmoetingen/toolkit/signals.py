"""The search index follows every write, whatever path it takes (services, admin, shell),
including a change of an item's themes and the renaming of a theme (its name is indexed)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from ontmoetingen.core.models import Theme
from ontmoetingen.toolkit import search
from ontmoetingen.toolkit.models import Resource

THEME_CHANGES = {"post_add", "post_remove", "post_clear"}


@receiver(post_save, sender=Resource, dispatch_uid="toolkit_resource_index")
def _index(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        search.index_resources([instance])


@receiver(post_delete, sender=Resource, dispatch_uid="toolkit_resource_unindex")
def _unindex(sender, instance, **kwargs) -> None:
    search.unindex_resource(instance.pk)


@receiver(m2m_changed, sender=Resource.themes.through, dispatch_uid="toolkit_themes_index")
def _themes_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action not in THEME_CHANGES:
        return
    if not reverse:
        search.reindex([instance.pk])
    elif pk_set:
        search.reindex(pk_set)
    else:  # theme.resources.clear(): the ids are gone from the link table already
        search.reindex(Resource.objects.values_list("pk", flat=True))


@receiver(post_save, sender=Theme, dispatch_uid="toolkit_theme_renamed")
def _theme_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if not raw and not created:
        search.reindex(instance.resources.values_list("pk", flat=True))
