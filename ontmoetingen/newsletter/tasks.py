"""Sending a digest in batches through the task queue: each batch enqueues the next."""

from django_tasks import task

from ontmoetingen.newsletter import services


@task()
def send_digest_batch(digest_id: int) -> int:
    remaining = services.digest_send_batch(digest_id=digest_id)
    if remaining:
        send_digest_batch.enqueue(digest_id)
    return remaining
