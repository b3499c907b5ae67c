"""Sending the outbox: every message that is due goes to the SMTP server, after the
transaction that wrote it has committed.

A message is taken for a short lease in one transaction, sent outside any
transaction, and its outcome recorded in another: a slow server never holds a
lock, and a sender that dies mid-send leaves the message to be taken again when
the lease runs out (a message may then arrive twice; it is never lost). A failed
message is tried again after a wait that doubles with each attempt, up to a cap;
after ``MAX_ATTEMPTS`` it waits for the secretariat's retry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine

from prize.db import session_scope
from prize.mail.message import Letter
from prize.mail.smtp import MailFailed, Transport
from prize.models.base import utcnow
from prize.queries import outbox as outbox_queries

FIRST_RETRY = timedelta(minutes=1)
RETRY_CAP = timedelta(hours=6)
MAX_ATTEMPTS = 12
LEASE = timedelta(minutes=5)
BATCH = 50


@dataclass(frozen=True)
class SendReport:
    sent: int
    failed: int

    @property
    def tried(self) -> int:
        return self.sent + self.failed


def retry_delay(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: 1, 2, 4, 8 … minutes, at most ``RETRY_CAP``."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), RETRY_CAP)


def next_try_after_failure(attempts: int, now: datetime) -> datetime | None:
    """When a message that failed its ``attempts``-th try is due again; None: it waits for a retry by hand."""
    return None if attempts >= MAX_ATTEMPTS else now + retry_delay(attempts)


def send_due(engine: Engine, *, transport: Transport, now: Callable[[], datetime] = utcnow,
             limit: int = BATCH) -> SendReport:
    """Send the messages due now, at most ``limit``; the transport stays open for the caller to close."""
    with session_scope(engine) as session:
        letters = [_letter(message) for message in outbox_queries.claim_due(session, now=now(), lease=LEASE,
                                                                            limit=limit)]
    sent = failed = 0
    for letter, tries in letters:
        try:
            transport.send(letter)
        except MailFailed as error:
            failed += 1
            with session_scope(engine) as session:
                outbox_queries.record_failure(session, message_id=letter.id, error=str(error),
                                              next_try_at=next_try_after_failure(tries, now()))
        else:
            sent += 1
            with session_scope(engine) as session:
                outbox_queries.record_sent(session, message_id=letter.id, now=now())
    return SendReport(sent=sent, failed=failed)


def _letter(message) -> tuple[Letter, int]:
    return (Letter(id=message.id, recipient=message.recipient, locale=message.locale, subject=message.subject,
                   body=message.body), message.attempts)
