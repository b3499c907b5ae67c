from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from prize.models.base import Base, utcnow


class Finalist(Base):
    """A candidate on the year's shortlist."""

    __tablename__ = "finalists"
    __table_args__ = (UniqueConstraint("year_id", "nomination_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("prize_years.id", ondelete="CASCADE"))
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id", ondelete="CASCADE"))
    position: Mapped[int]
    note: Mapped[str] = mapped_column(Text, default="")
    selected_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    selected_at: Mapped[datetime] = mapped_column(default=utcnow)


class Video(Base):
    """A finalist's presentation video: a stored file or an external URL."""

    __tablename__ = "videos"

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(500), default="")
    storage_key: Mapped[str | None] = mapped_column(String(255), unique=True)
    content_type: Mapped[str] = mapped_column(String(100), default="")
    size_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)


class CouncilDecision(Base):
    """The regional council's decision on the year's winner."""

    __tablename__ = "council_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("prize_years.id", ondelete="CASCADE"), unique=True)
    winner_nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id"))
    decided_on: Mapped[date]
    body: Mapped[str] = mapped_column(String(120), default="Regionsrådet")
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
