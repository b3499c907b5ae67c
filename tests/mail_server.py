"""A real SMTP server on 127.0.0.1 for the e-mail tests (aiosmtpd), and the settings
that point the app at it. It can be stopped and started again on the same port, so
a test can send while it is down and retry once it is up."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from prize.settings import Settings

SENDER = "landsbyprisen@rm.dk"
SENDER_NAME = "Landsbyprisen, Region Midtjylland"
PUBLIC_URL = "https://landsbyprisen.rm.dk"
COOKIE_KEY = "mail-test-cookie-key-long-enough-for-hs256"


@dataclass(frozen=True)
class Received:
    """One message as the server received it: the envelope and the bytes on the wire."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.raw, policy=policy.default)

    def raw_header(self, name: str) -> str:
        """A header exactly as sent (encoded, unfolded)."""
        head = self.raw.split(b"\r\n\r\n", 1)[0].decode("ascii").replace("\r\n ", " ")
        return next(line.split(": ", 1)[1] for line in head.split("\r\n") if line.lower().startswith(f"{name.lower()}:"))


class _Collector:
    def __init__(self) -> None:
        self.received: list[Received] = []
        self._arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        with self._arrived:
            self.received.append(Received(mail_from=envelope.mail_from, rcpt_tos=tuple(envelope.rcpt_tos),
                                          raw=envelope.original_content))
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float) -> bool:
        """True once ``count`` messages have arrived; False if they have not within ``timeout`` seconds."""
        with self._arrived:
            return self._arrived.wait_for(lambda: len(self.received) >= count, timeout=timeout)


@dataclass
class MailServer:
    port: int
    collector: _Collector = field(default_factory=_Collector)
    controller: Controller | None = None

    @property
    def received(self) -> list[Received]:
        return self.collector.received

    def wait_for(self, count: int, *, timeout: float = 60) -> bool:
        return self.collector.wait_for(count, timeout)

    def environment(self) -> dict[str, str]:
        """The PRIZE_* variables that point a server or the command line at this SMTP server."""
        return {"PRIZE_SMTP_HOST": "127.0.0.1", "PRIZE_SMTP_PORT": str(self.port), "PRIZE_SMTP_SECURITY": "none",
                "PRIZE_MAIL_SENDER_ADDRESS": SENDER, "PRIZE_MAIL_SENDER_NAME": SENDER_NAME,
                "PRIZE_PUBLIC_URL": PUBLIC_URL}

    def start(self) -> None:
        self.controller = Controller(self.collector, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def settings(self, **changes: str) -> Settings:
        env = {**self.environment(), "PRIZE_COOKIE_KEY": COOKIE_KEY, **changes}
        return Settings.load(env=env, secrets={})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_server() -> Iterator[MailServer]:
    """A running SMTP server on a free port of 127.0.0.1."""
    server = MailServer(port=free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mail_server_down() -> Iterator[MailServer]:
    """An SMTP server that is not running yet; ``start()`` brings it up on its port."""
    server = MailServer(port=free_port())
    yield server
    server.stop()
