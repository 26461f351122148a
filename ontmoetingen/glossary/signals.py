"""Every change to a term invalidates the marking matcher in every process (through the cache)."""

from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from ontmoetingen.glossary import marking
from ontmoetingen.glossary.models import Term


@receiver(post_save, sender=Term, dispatch_uid="glossary_term_saved")
@receiver(post_delete, sender=Term, dispatch_uid="glossary_term_deleted")
def _term_changed(sender, **kwargs) -> None:
    marking.invalidate()


@receiver(m2m_changed, sender=Term.related.through, dispatch_uid="glossary_related_changed")
def _related_changed(sender, **kwargs) -> None:
    marking.invalidate()


@receiver(request_started, dispatch_uid="glossary_request_started")
def _request_started(sender, **kwargs) -> None:
    marking.begin_request()


@receiver(request_finished, dispatch_uid="glossary_request_finished")
def _request_finished(sender, **kwargs) -> None:
    marking.end_request()
