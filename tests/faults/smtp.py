"""A fake SMTP server on 127.0.0.1 (aiosmtpd) that misbehaves on purpose.

Per step of each conversation it may answer 421 (MAIL FROM), 451 (RCPT TO or after DATA), hang
after the message body without answering, or drop the connection after the body without
answering (to the client: the connection died during DATA, no 250). Recipients containing
``onbereikbaar`` always get 550. Only a message answered with 250 counts as received; it is
recorded with its Message-ID, recipients and the moment of the 250.
"""

from __future__ import annotations

import asyncio
import random
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email import message_from_bytes

from aiosmtpd.controller import Controller

HANG_SECONDS = 30


@dataclass
class Received:
    message_id: str
    to: list[str]
    at: float


@dataclass
class FaultyHandler:
    seed: int = 15
    # probabilities per step
    p_421_mail: float = 0.05
    p_451_rcpt: float = 0.07
    p_hang_data: float = 0.04
    p_drop_data: float = 0.06
    p_451_data: float = 0.05
    enabled: bool = True
    hang_seconds: float = HANG_SECONDS
    received: list[Received] = field(default_factory=list)
    faults: Counter = field(default_factory=Counter)

    def __post_init__(self):
        self.rng = random.Random(self.seed)
        self.lock = threading.Lock()

    def _roll(self, probability: float) -> bool:
        with self.lock:
            return self.enabled and self.rng.random() < probability

    def _count(self, fault: str) -> None:
        with self.lock:
            self.faults[fault] += 1

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self._roll(self.p_421_mail):
            self._count("421")
            return "421 4.3.2 Dienst tijdelijk niet beschikbaar"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "onbereikbaar" in address:
            self._count("550")
            return "550 5.1.1 Mailbox onbekend"
        if self._roll(self.p_451_rcpt):
            self._count("451")
            return "451 4.3.0 Probeer het later nog eens"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self._roll(self.p_hang_data):
            self._count("hang")
            await asyncio.sleep(self.hang_seconds)
            return "451 4.3.0 Te laat"
        if self._roll(self.p_drop_data):
            self._count("drop")
            server.transport.abort()
            return "451 4.3.0 Verbinding verbroken"
        if self._roll(self.p_451_data):
            self._count("451")
            return "451 4.3.0 Wachtrij vol"
        message = message_from_bytes(envelope.content)
        with self.lock:
            self.received.append(
                Received(str(message["Message-ID"]), list(envelope.rcpt_tos), time.monotonic())
            )
        return "250 2.0.0 Geaccepteerd"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(handler: FaultyHandler) -> Controller:
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller
