"""The app's sender: one daemon thread per server process that sends the outbox.

The server starts it once (``serve.py``'s lifespan) and stops it when the server
stops. It sends what is due, then sleeps until a transaction that wrote a
message has committed (``nudge``) or ``POLL_SECONDS`` have passed: a retry
falls due, or another process (the command line) wrote a message. It reads the
settings on every round, so SMTP settings changed in secrets.toml apply without
a restart; without an SMTP server it sends nothing and the messages wait.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy import Engine

from prize.db import make_engine
from prize.mail.dispatch import send_due
from prize.mail.smtp import SmtpTransport
from prize.settings import Settings

POLL_SECONDS = 30.0
_log = logging.getLogger(__name__)
# Set after a commit that wrote a message (see prize.services.mail); the worker wakes at once.
_QUEUED = threading.Event()


def nudge() -> None:
    """Tell this process's worker that a message waits."""
    _QUEUED.set()


class OutboxWorker:
    def __init__(self, *, load_settings: Callable[[], Settings], poll_seconds: float = POLL_SECONDS) -> None:
        self._load_settings = load_settings
        self._engine: Engine | None = None
        self._url: str | None = None
        self._poll_seconds = poll_seconds
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox-worker", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stopping.set()
        _QUEUED.set()
        self._thread.join(timeout)
        if self._engine is not None:
            self._engine.dispose()

    def send_once(self) -> None:
        """One round: everything due, in batches, while there is something to send."""
        settings = self._load_settings()
        if not settings.sends_mail:
            return
        engine = self._engine_for(settings.database_url)
        transport = SmtpTransport(settings)
        try:
            while not self._stopping.is_set() and send_due(engine, transport=transport).tried:
                pass
        finally:
            transport.close()

    def _engine_for(self, url: str) -> Engine:
        """The worker's own engine (a small pool of its own), new when the database URL changed."""
        if self._engine is None or self._url != url:
            if self._engine is not None:
                self._engine.dispose()
            self._engine, self._url = make_engine(url), url
        return self._engine

    def _run(self) -> None:
        while not self._stopping.is_set():
            _QUEUED.clear()
            try:
                self.send_once()
            except Exception:  # the thread must outlive a bad setting or a database that is away
                _log.exception("The outbox could not be sent; trying again in %s s", self._poll_seconds)
            _QUEUED.wait(self._poll_seconds)
