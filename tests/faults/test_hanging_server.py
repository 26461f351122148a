"""Issue 15 §1 / issue 14 §3: a hanging mail server costs one attempt, never the worker.

Old code (no EMAIL_TIMEOUT): the worker waited as long as the server hung and heard its late
answer; no other mail went out meanwhile.
"""

import pytest
from django.core.mail import EmailMessage

from ontmoetingen.core import mail
from ontmoetingen.core.models import MailDelivery
from tests.faults import smtp

pytestmark = pytest.mark.django_db


@pytest.fixture
def server(settings):
    handler = smtp.FaultyHandler(
        p_421_mail=0, p_451_rcpt=0, p_drop_data=0, p_451_data=0, p_hang_data=1, hang_seconds=5
    )
    controller = smtp.start(handler)
    settings.MAIL_DELIVERY_BACKEND = "ontmoetingen.core.mail_smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 0.5
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    yield handler
    controller.stop()


def test_hanging_server_costs_one_attempt_and_the_next_mail_goes_out(server):
    first = mail.message_to_data(EmailMessage("Eerste", "Tekst", to=["a@voorbeeld.nl"]))
    assert mail.deliver_mail.call(first, 1) == "retry"
    delivery = MailDelivery.objects.get()
    # the client gave up (EMAIL_TIMEOUT) before the server's late 451 came
    assert delivery.status == "queued" and "timed out" in delivery.last_error

    server.enabled = False  # the server recovers
    second = mail.message_to_data(EmailMessage("Tweede", "Tekst", to=["b@voorbeeld.nl"]))
    assert mail.deliver_mail.call(second, 1) == "sent"
    assert [r.to for r in server.received] == [["b@voorbeeld.nl"]]
