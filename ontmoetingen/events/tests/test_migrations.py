"""The rename of Question to RegistrationQuestion keeps the rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

RENAME_SUFFIX = "rename_question_to_registrationquestion"


def executor() -> MigrationExecutor:
    found = MigrationExecutor(connection)
    found.loader.build_graph()
    return found


def test_registration_questions_survive_the_rename():
    graph = executor().loader.graph
    [rename] = [key for key in graph.nodes if key[0] == "events" and key[1].endswith(RENAME_SUFFIX)]
    before = [parent for parent in graph.node_map[rename].parents if parent.key[0] == "events"]
    before_targets = [parent.key for parent in before]
    old = executor()
    old.migrate(before_targets)
    try:
        old_apps = old.loader.project_state(before_targets).apps
        Event = old_apps.get_model("events", "Event")
        Question = old_apps.get_model("events", "Question")
        start = timezone.now() + timedelta(days=7)
        event = Event.objects.create(
            title="Oud", slug="oud", kind="webinar", starts_at=start, ends_at=start
        )
        Question.objects.create(event=event, label="Lunch?", kind="yesno")
    finally:
        latest = executor()
        leaves = latest.loader.graph.leaf_nodes()
        latest.migrate(leaves)
    RegistrationQuestion = latest.loader.project_state(leaves).apps.get_model(
        "events", "RegistrationQuestion"
    )
    assert list(RegistrationQuestion.objects.values_list("event__slug", "label")) == [
        ("oud", "Lunch?")
    ]
