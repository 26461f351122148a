"""Copy the directory's own edit log into the shared audit log (core.AuditLog).

Kept per entry: when, who, what, the object's description and the changes. ``object_type``
becomes the content type of the coalition or organisation the entry is about.
"""

from django.db import migrations

CONTENT_TYPES = {
    "coalition": ("coalitions", "coalition"),
    "organisation": ("directory", "organisation"),
}


def _content_type(ContentType, object_type: str):
    app_label, model = CONTENT_TYPES.get(object_type, ("", object_type))
    if app_label:
        return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]
    return ContentType.objects.filter(model=model).first()


def copy_forward(apps, schema_editor):
    EditLog = apps.get_model("directory", "EditLog")
    AuditLog = apps.get_model("core", "AuditLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = {}
    for old in EditLog.objects.order_by("id").iterator():
        if old.object_type not in content_types:
            content_types[old.object_type] = _content_type(ContentType, old.object_type)
        content_type = content_types[old.object_type]
        if content_type is None:
            continue  # no such kind of object any more; nothing to point the entry at
        new = AuditLog.objects.create(
            actor_id=old.actor_id,
            content_type=content_type,
            object_id=old.object_id,
            object_repr=old.object_repr,
            action=old.action,
            changes=old.changes,
        )
        # ``at`` is auto_now_add: set the original moment after the insert
        AuditLog.objects.filter(pk=new.pk).update(at=old.at)


def copy_backward(apps, schema_editor):
    EditLog = apps.get_model("directory", "EditLog")
    AuditLog = apps.get_model("core", "AuditLog")
    by_model = {model: object_type for object_type, (_, model) in CONTENT_TYPES.items()}
    entries = AuditLog.objects.filter(
        content_type__app_label__in=["coalitions", "directory"],
        content_type__model__in=list(by_model),
    ).select_related("content_type")
    for entry in entries.order_by("id").iterator():
        old = EditLog.objects.create(
            actor_id=entry.actor_id,
            object_type=by_model[entry.content_type.model],
            object_id=entry.object_id,
            object_repr=entry.object_repr,
            action=entry.action,
            changes=entry.changes,
        )
        EditLog.objects.filter(pk=old.pk).update(at=entry.at)
    entries.delete()  # so that migrating forward again does not copy them twice


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0003_audit_log"),
        ("directory", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_forward, copy_backward)]
