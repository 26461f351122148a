"""Two transactions indexing the same toolkit item at once (a theme added while the item is
saved, a theme renamed while another is added): the second waits for the first instead of
inserting the same terms and failing on the terms table's key. PostgreSQL only: SQLite opens
every write transaction with the database-wide write lock (BEGIN IMMEDIATE)."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from ontmoetingen.toolkit import search
from ontmoetingen.toolkit.tests.factories import ResourceFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only"),
]


def _terms_of(pk: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM {search.TERMS_TABLE} WHERE resource_id = %s",
            [pk],
        )
        return cursor.fetchone()[0]


def test_two_index_writes_of_one_item_wait_for_each_other():
    resource = ResourceFactory(title="Gesprekskaart voor de kraamweek", summary="Samen praten.")
    expected = _terms_of(resource.pk)
    start = threading.Barrier(2)
    errors: list[Exception] = []

    def reindex() -> None:
        try:
            with transaction.atomic():
                start.wait(timeout=10)
                search.reindex([resource.pk])
                time.sleep(0.3)  # keep the transaction open: the other one overlaps it
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reindex) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert _terms_of(resource.pk) == expected > 0
