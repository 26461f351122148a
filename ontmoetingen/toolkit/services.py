"""Every write in the toolkit: proposals from the field, moderation, mirrored pairs, files."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ontmoetingen.core.audit import display_value, record
from ontmoetingen.core.errors import ServiceError
from ontmoetingen.core.mail import send_templated_mail
from ontmoetingen.toolkit import uploads
from ontmoetingen.toolkit.models import Resource, Status

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
    source_organisation, origin, domains, phases). A link or a file is required. Who may
    propose is checked by the view (permissions.can_propose).
    """
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
            record(resource, "voorgesteld", user)
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
        record(
            resource,
            "geplaatst",
            actor,
            {"Status": [Status.PROPOSED.label, Status.PUBLISHED.label]},
        )
        if resource.proposed_by and resource.proposed_by.email:
            send_templated_mail(
                to=resource.proposed_by.email,
                template="toolkit/mail/proposal_approved",
                context={"resource": resource, "user": resource.proposed_by},
            )
    return resource


def resource_reject(*, resource: Resource, actor, reason: str) -> Resource:
    """The project team rejects a proposal with a reason; the reason is mailed to the proposer."""
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
        record(
            resource,
            "afgewezen",
            actor,
            {
                "Status": [Status.PROPOSED.label, Status.REJECTED.label],
                "Reden": [None, reason],
                # what was turned down, readable even if the proposal is removed later
                "Voorstel": [resource.title, None],
                "Samenvatting": [resource.summary, None],
                "Link": [resource.url or None, None],
                "Bestand": [resource.file_name or None, None],
                "Ingediend door": [str(resource.proposed_by or "onbekend"), None],
            },
        )
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


# Fields whose before/after the audit log keeps when the team edits an item.
AUDITED_FIELDS = ("title", "slug", "kind", "status", "url", "source_organisation")
# A proposal is published or rejected by moderation (with its mail), never by an edit.
MODERATED = (Status.PROPOSED, Status.REJECTED)


def _check_status_change(before: Resource | None, resource: Resource) -> None:
    status_before = before.status if before else None
    if resource.status == status_before:
        return
    if status_before in MODERATED or resource.status in MODERATED:
        raise ServiceError(
            "Een voorstel uit het veld plaatst of wijst u af op de pagina 'Voorstellen voor de "
            "toolkit', zodat de indiener bericht krijgt.",
            code="moderated",
            field="status",
        )


def _changes(before: Resource | None, resource: Resource) -> dict:
    changes = {}
    for name in AUDITED_FIELDS:
        old = getattr(before, name) if before else None
        new = getattr(resource, name)
        if old != new and (old or new):
            label = str(Resource._meta.get_field(name).verbose_name).capitalize()
            changes[label] = [display_value(old), display_value(new)]
    return changes


def resource_save(
    *,
    resource: Resource,
    themes,
    mirror: Resource | None,
    actor,
    upload=None,
) -> Resource:
    """The project team adds or edits a toolkit item (Django admin calls this).

    One transaction: the row, its themes, a checked file and the mirrored pair. A published
    item gets its publication date; a proposal's status is left to moderation
    (resource_approve / resource_reject), which mails the proposer.
    """
    stored = ""
    old_path = ""
    try:
        with transaction.atomic():
            before = None
            if resource.pk:
                before = Resource.objects.select_for_update(of=("self",)).get(pk=resource.pk)
                old_path = before.file_path
            _check_status_change(before, resource)
            if not resource.slug:
                resource.slug = unique_slug(resource.title)
            if resource.status == Status.PUBLISHED and resource.published_at is None:
                resource.published_at = timezone.now()
            if upload is not None:
                stored = _attach(resource, upload)
            resource.full_clean(exclude=["mirror"])
            resource.save()
            resource.themes.set(themes)
            if (mirror.pk if mirror else None) != resource.mirror_id:
                resource = resource_set_mirror(resource=resource, mirror=mirror)
            record(
                resource, "gewijzigd" if before else "aangemaakt", actor, _changes(before, resource)
            )
    except Exception:
        uploads.delete_stored(stored)  # the row was rolled back: do not keep an orphan file
        raise
    if stored and old_path and old_path != stored:
        transaction.on_commit(lambda: uploads.delete_stored(old_path))
    return resource


def resource_publish(*, resource: Resource, publish: bool, actor) -> Resource:
    """The project team puts an item online or takes it offline (back to concept).

    A proposal from the field is not published this way: moderation mails the proposer."""
    with transaction.atomic():
        resource = _locked(resource)
        before = resource.status
        after = Status.PUBLISHED if publish else Status.DRAFT
        if before in MODERATED:
            raise ServiceError(
                "Een voorstel uit het veld plaatst of wijst u af op de pagina 'Voorstellen voor "
                "de toolkit'.",
                code="moderated",
            )
        if before == after:
            return resource
        resource.status = after
        if publish and resource.published_at is None:
            resource.published_at = timezone.now()
        resource.save(update_fields=["status", "published_at", "updated_at"])
        record(
            resource,
            "gepubliceerd" if publish else "offline gehaald",
            actor,
            {"Status": [Status(before).label, Status(after).label]},
        )
    return resource


def resource_delete(*, resource: Resource, actor) -> None:
    """Remove a toolkit item; its stored file goes once the removal is committed."""
    with transaction.atomic():
        resource = Resource.objects.select_for_update(of=("self",)).get(pk=resource.pk)
        path = resource.file_path
        record(resource, "verwijderd", actor)
        resource.delete()
    if path:
        transaction.on_commit(lambda: uploads.delete_stored(path))
