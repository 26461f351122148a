"""The directory's own edit log moved into the shared audit log without losing an entry."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("directory", "0001_initial")]
AFTER = [("directory", "0003_delete_editlog")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_edit_log_entries_are_copied_into_the_audit_log():
    old_apps = _migrate(BEFORE)
    User = old_apps.get_model("accounts", "User")
    EditLog = old_apps.get_model("directory", "EditLog")
    actor = User.objects.create(email="team@voorbeeld.nl")
    at = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    for object_type, object_id in (("coalition", "7"), ("organisation", "12")):
        entry = EditLog.objects.create(
            actor=actor,
            object_type=object_type,
            object_id=object_id,
            object_repr=f"{object_type} {object_id}",
            action="gegevens gewijzigd",
            changes={"naam": ["A", "B"]},
        )
        EditLog.objects.filter(pk=entry.pk).update(at=at)
    new_apps = _migrate(AFTER)
    AuditLog = new_apps.get_model("core", "AuditLog")
    entries = {
        (e.content_type.app_label, e.content_type.model, e.object_id): e
        for e in AuditLog.objects.select_related("content_type")
    }
    assert set(entries) == {
        ("coalitions", "coalition", "7"),
        ("directory", "organisation", "12"),
    }
    for entry in entries.values():
        assert entry.at == at and entry.actor_id == actor.pk
        assert entry.action == "gegevens gewijzigd" and entry.changes == {"naam": ["A", "B"]}
    assert entries["directory", "organisation", "12"].object_repr == "organisation 12"
