from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from prize.models.base import Base, enum_type, utcnow


class MailKind(StrEnum):
    """Why a message was written; its text comes from ``mail.<kind>`` in the catalog."""

    RECEIPT = "receipt"
    INVITATION = "invitation"
    PASSWORD_RESET = "password_reset"
    JURY_REMINDER = "jury_reminder"
    SHORTLIST_PUBLICATION = "shortlist_publication"
    SEMINAR_INVITATION = "seminar_invitation"


SUBJECT_LENGTH = 300


class OutboxMessage(Base):
    """One e-mail, written in the transaction of the action that asked for it and
    sent after that transaction has committed (``prize.mail.dispatch``).

    ``next_try_at`` is when the message is due; None once it is sent, or when it
    has failed so often that it waits for the secretariat's retry. While a sender
    holds it, ``next_try_at`` lies a lease ahead, so no other sender takes it."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254), index=True)
    locale: Mapped[str] = mapped_column(String(5), default="da")
    subject: Mapped[str] = mapped_column(String(SUBJECT_LENGTH))
    body: Mapped[str] = mapped_column(Text)
    kind: Mapped[MailKind] = mapped_column(enum_type(MailKind, length=30))
    # The object the message is about, as the audit log names one ("nomination", 12).
    related_entity: Mapped[str] = mapped_column(String(60), default="")
    related_id: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    next_try_at: Mapped[datetime | None] = mapped_column(index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
