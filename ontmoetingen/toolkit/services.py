"""Every write in the toolkit: proposals from the field, moderation, mirrored pairs, files."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.mail import send_templated_mail
from ontmoetingen.toolkit import uploads
from ontmoetingen.toolkit.models import Resource, Status
from ontmoetingen.toolkit.permissions import can_moderate, can_propose

logger = logging.getLogger(__name__)

RESERVED_SLUGS = {"voorstellen", "feed", "beheer", "bestand", "naast", "mijn"}
MAX_SLUG_LENGTH = 180


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:MAX_SLUG_LENGTH].strip("-") or "item"
    if base in RESERVED_SLUGS:
        base = f"{base}-tool"
    slug, n = base, 2
    taken = Resource.objects.filter(slug__startswith=base)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    existing = set(taken.values_list("slug", flat=True))
    while slug in existing:
        slug = f"{base}-{n}"
        n += 1
    return slug


def _attach(resource: Resource, upload) -> str:
    checked = uploads.check_upload(upload)
    path = uploads.store(upload, checked)
    resource.file_path = path
    resource.file_name = checked.name
    resource.file_type = checked.file_type
    resource.file_size = checked.size
    return path


def resource_propose(*, user, data: dict, themes=(), upload=None) -> Resource:
    """A professional proposes a tool or good practice; it waits for the project team.

    ``data`` holds the model fields from the proposal form (title, kind, summary, body, url,
    source_organisation, origin, domains, phases). A link or a file is required.
    """
    if not can_propose(user):
        raise ServiceError("U kunt geen voorstel doen met dit account.", code="forbidden")
    if not data.get("url") and upload is None:
        raise ServiceError(
            "Geef een link op of voeg een bestand toe.", code="no_content", field="url"
        )
    stored = ""
    try:
        with transaction.atomic():
            resource = Resource(
                title=data["title"],
                kind=data["kind"],
                summary=data["summary"],
                body=data.get("body", ""),
                url=data.get("url", ""),
                source_organisation=data.get("source_organisation", ""),
                origin=data.get("origin"),
                status=Status.PROPOSED,
                proposed_by=user,
            )
            resource.domains = data.get("domains", [])
            resource.phase_list = data.get("phases", [])
            resource.slug = unique_slug(resource.title)
            if upload is not None:
                stored = _attach(resource, upload)
            resource.full_clean(exclude=["slug"])
            resource.save()
            resource.themes.set(themes)
            send_templated_mail(
                to=user.email,
                template="toolkit/mail/proposal_received",
                context={"resource": resource, "user": user},
            )
    except Exception:
        uploads.delete_stored(stored)  # the row was rolled back: do not keep an orphan file
        raise
    return resource


def _locked(resource: Resource) -> Resource:
    return (
        Resource.objects.select_for_update(of=("self",))
        .select_related("proposed_by")
        .get(pk=resource.pk)
    )


def resource_approve(*, resource: Resource, actor) -> Resource:
    """The project team publishes a proposal; the proposer gets a mail."""
    if not can_moderate(actor):
        raise ServiceError("Alleen het projectteam beoordeelt voorstellen.", code="forbidden")
    with transaction.atomic():
        resource = _locked(resource)
        if resource.status != Status.PROPOSED:
            raise ServiceError("Dit voorstel is al beoordeeld.", code="not_proposed")
        now = timezone.now()
        resource.status = Status.PUBLISHED
        resource.published_at = now
        resource.moderated_by = actor
        resource.moderated_at = now
        resource.rejection_reason = ""
        resource.save()
        if resource.proposed_by and resource.proposed_by.email:
            send_templated_mail(
                to=resource.proposed_by.email,
                template="toolkit/mail/proposal_approved",
                context={"resource": resource, "user": resource.proposed_by},
            )
    return resource


def resource_reject(*, resource: Resource, actor, reason: str) -> Resource:
    """The project team rejects a proposal with a reason; the reason is mailed to the proposer."""
    if not can_moderate(actor):
        raise ServiceError("Alleen het projectteam beoordeelt voorstellen.", code="forbidden")
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(
            "Schrijf op waarom het voorstel niet geplaatst wordt.", code="no_reason", field="reason"
        )
    with transaction.atomic():
        resource = _locked(resource)
        if resource.status != Status.PROPOSED:
            raise ServiceError("Dit voorstel is al beoordeeld.", code="not_proposed")
        resource.status = Status.REJECTED
        resource.rejection_reason = reason
        resource.moderated_by = actor
        resource.moderated_at = timezone.now()
        resource.save()
        if resource.proposed_by and resource.proposed_by.email:
            send_templated_mail(
                to=resource.proposed_by.email,
                template="toolkit/mail/proposal_rejected",
                context={"resource": resource, "user": resource.proposed_by, "reason": reason},
            )
    return resource


def resource_set_mirror(*, resource: Resource, mirror: Resource | None) -> Resource:
    """Make two resources each other's counterpart (or unlink); old partners are released."""
    if mirror is not None and mirror.pk == resource.pk:
        raise ServiceError("Een tool kan niet zijn eigen tegenhanger zijn.", field="mirror")
    with transaction.atomic():
        pks = {resource.pk} | ({mirror.pk} if mirror else set())
        locked = {r.pk: r for r in Resource.objects.select_for_update().filter(pk__in=pks)}
        resource = locked[resource.pk]
        # release everything that pointed at either side
        Resource.objects.filter(mirror_id__in=pks).exclude(pk__in=pks).update(mirror=None)
        old = resource.mirror_id
        if old and old not in pks:
            Resource.objects.filter(pk=old).update(mirror=None)
        if mirror is not None:
            other = locked[mirror.pk]
            if other.mirror_id and other.mirror_id not in pks:
                Resource.objects.filter(pk=other.mirror_id).update(mirror=None)
            Resource.objects.filter(pk=resource.pk).update(mirror=None)
            Resource.objects.filter(pk=other.pk).update(mirror=resource)
            Resource.objects.filter(pk=resource.pk).update(mirror=other)
        else:
            Resource.objects.filter(pk=resource.pk).update(mirror=None)
        resource.refresh_from_db()
    return resource


def resource_attach_file(*, resource: Resource, upload) -> Resource:
    """Replace the resource's file with a checked upload (used by the back-office)."""
    stored = ""
    old_path = resource.file_path
    try:
        with transaction.atomic():
            stored = _attach(resource, upload)
            resource.save()
    except Exception:
        uploads.delete_stored(stored)
        raise
    if old_path and old_path != stored:
        transaction.on_commit(lambda: uploads.delete_stored(old_path))
    return resource
