from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from prize.models.base import Base, enum_type, utcnow


# The longest written reason of a conflict or of its withdrawal; read by the service and the forms.
NOTE_MAX = 500


class ConflictReason(StrEnum):
    OWN_MUNICIPALITY = "own_municipality"
    PERSONAL = "personal"
    PROFESSIONAL = "professional"
    OTHER = "other"


class Conflict(Base):
    """A juror's conflict of interest with a candidate, declared or set by the secretariat.
    A conflicted juror may not score the candidate, and their scores never count."""

    __tablename__ = "conflicts"
    __table_args__ = (UniqueConstraint("juror_id", "nomination_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    juror_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id", ondelete="CASCADE"), index=True)
    reason: Mapped[ConflictReason] = mapped_column(enum_type(ConflictReason))
    note: Mapped[str] = mapped_column(String(NOTE_MAX), default="")
    declared_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    declared_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A withdrawn conflict is kept for the record and counts no longer.
    withdrawn_at: Mapped[datetime | None]
    withdrawal_reason: Mapped[str] = mapped_column(String(NOTE_MAX), default="", server_default="")
