"""The outbox's statements: take what is due, record an attempt, list for the page."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from prize.models import MailKind, OutboxMessage

OUTBOX_COLUMNS = ["id", "created_at", "kind", "recipient", "subject", "attempts", "next_try_at", "last_error",
                  "sent_at"]


def add_message(session: Session, message: OutboxMessage) -> OutboxMessage:
    session.add(message)
    session.flush()
    return message


def claim_due(session: Session, *, now: datetime, lease: timedelta, limit: int) -> list[OutboxMessage]:
    """The messages due at ``now`` (oldest first), each taken for ``lease``: its next
    try moved to ``now + lease`` and its attempts counted up, so another sender
    (the app's worker, the command line) skips it. Rows another transaction holds
    are skipped on PostgreSQL; SQLite's write lock at BEGIN serialises senders."""
    statement = (select(OutboxMessage).where(OutboxMessage.sent_at.is_(None), OutboxMessage.next_try_at <= now)
                 .order_by(OutboxMessage.next_try_at, OutboxMessage.id).limit(limit)
                 .with_for_update(skip_locked=True))
    messages = list(session.scalars(statement))
    for message in messages:
        message.next_try_at = now + lease
        message.attempts += 1
    session.flush()
    return messages


def message(session: Session, message_id: int) -> OutboxMessage | None:
    return session.get(OutboxMessage, message_id)


def record_sent(session: Session, *, message_id: int, now: datetime) -> None:
    session.execute(update(OutboxMessage).where(OutboxMessage.id == message_id)
                    .values(sent_at=now, next_try_at=None, last_error=None))


def record_failure(session: Session, *, message_id: int, error: str, next_try_at: datetime | None) -> None:
    session.execute(update(OutboxMessage).where(OutboxMessage.id == message_id, OutboxMessage.sent_at.is_(None))
                    .values(last_error=error, next_try_at=next_try_at))


def recent_count(session: Session, *, recipient: str, kind: MailKind, since: datetime) -> int:
    """How many messages of ``kind`` were written to ``recipient`` (any case) since ``since``."""
    return session.scalar(select(func.count()).select_from(OutboxMessage).where(
        func.lower(OutboxMessage.recipient) == recipient.lower(), OutboxMessage.kind == kind,
        OutboxMessage.created_at >= since))


def outbox_frame(session: Session, *, limit: int) -> pd.DataFrame:
    """The newest ``limit`` messages, newest first, with ``OUTBOX_COLUMNS`` and the ``body``."""
    statement = (select(*(getattr(OutboxMessage, name) for name in OUTBOX_COLUMNS), OutboxMessage.body)
                 .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()).limit(limit))
    rows = session.execute(statement).all()
    return pd.DataFrame(rows, columns=[*OUTBOX_COLUMNS, "body"])


def failed_unsent(session: Session) -> list[OutboxMessage]:
    """The messages not sent that failed at least once, oldest first."""
    return list(session.scalars(select(OutboxMessage).where(
        OutboxMessage.sent_at.is_(None), OutboxMessage.last_error.is_not(None)).order_by(OutboxMessage.id)))
