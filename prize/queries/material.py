"""A nomination's material: the attachment rows (the bytes are in storage)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from prize.models import Attachment


@dataclass(frozen=True)
class AttachmentRow:
    """One attachment as its row holds it; ``filename`` is the display name, never a path."""

    id: int
    nomination_id: int
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    storage_key: str
    uploaded_at: datetime


_COLUMNS = (Attachment.id, Attachment.nomination_id, Attachment.filename, Attachment.content_type,
            Attachment.size_bytes, Attachment.sha256, Attachment.storage_key, Attachment.uploaded_at)


def attachments_of(session: Session, nomination_id: int) -> list[AttachmentRow]:
    """The nomination's attachments, oldest first."""
    rows = session.execute(select(*_COLUMNS).where(Attachment.nomination_id == nomination_id)
                           .order_by(Attachment.uploaded_at, Attachment.id))
    return [AttachmentRow(*row) for row in rows]


def attachment(session: Session, attachment_id: int) -> AttachmentRow | None:
    row = session.execute(select(*_COLUMNS).where(Attachment.id == attachment_id)).one_or_none()
    return None if row is None else AttachmentRow(*row)


def material_bytes(session: Session, nomination_id: int) -> int:
    """The size of all the nomination's attachments together, in bytes."""
    # int(): PostgreSQL sums a bigint column as numeric, which arrives as a Decimal.
    return int(session.scalar(select(func.coalesce(func.sum(Attachment.size_bytes), 0))
                              .where(Attachment.nomination_id == nomination_id)))


def attachment_with_checksum(session: Session, *, nomination_id: int, sha256: str) -> AttachmentRow | None:
    row = session.execute(select(*_COLUMNS).where(Attachment.nomination_id == nomination_id,
                                                  Attachment.sha256 == sha256)).first()
    return None if row is None else AttachmentRow(*row)


def delete_attachment(session: Session, attachment_id: int) -> None:
    session.execute(delete(Attachment).where(Attachment.id == attachment_id))
