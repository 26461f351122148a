"""Background work: forget what is no longer needed."""

from django.utils import timezone
from django_tasks import task

from ontmoetingen.questions.models import Question
from ontmoetingen.questions.services import RATE_WINDOW

# The sender's (hashed) IP address is only needed to count the last hour's questions.
SENDER_ADDRESS_KEPT = RATE_WINDOW * 2


@task()
def forget_sender_addresses() -> int:
    """Clear the hashed IP address of questions older than two hours; returns how many."""
    cutoff = timezone.now() - SENDER_ADDRESS_KEPT
    return Question.objects.filter(created_at__lt=cutoff).exclude(ip_hash="").update(ip_hash="")
