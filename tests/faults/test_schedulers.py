"""Issue 14 §3: scheduled work is enqueued once per period with several schedulers running.

Three real ``ontmoetingen scheduler --once`` processes start together on the test database (a
file for SQLite, or PostgreSQL). Old code: each enqueued every periodic task, three times over.
"""

import subprocess
from collections import Counter

import pytest
from django_tasks_db.models import DBTaskResult

from ontmoetingen.core import registry
from ontmoetingen.core.models import PeriodicRun
from tests.faults.conftest import CLI

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

SCHEDULERS = 3
# one period of about three years: the processes cannot straddle a period boundary
INTERVAL = "100000000"


def test_several_schedulers_enqueue_each_periodic_task_once(worker_env):
    processes = [
        subprocess.Popen(
            [*CLI, "scheduler", "--once", "--interval", INTERVAL],
            env=worker_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for _ in range(SCHEDULERS)
    ]
    outputs = [process.communicate(timeout=120)[0].decode() for process in processes]
    assert [process.returncode for process in processes] == [0] * SCHEDULERS, outputs

    expected = {task.module_path for task in registry.periodic_tasks()}
    enqueued = Counter(DBTaskResult.objects.values_list("task_path", flat=True))
    assert set(enqueued) == expected
    assert set(enqueued.values()) == {1}
    assert PeriodicRun.objects.count() == len(expected)
