from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from prize.models.base import Base, utcnow

# Limits of a juror's comments, read by the scoring service and the score sheet.
SCORE_COMMENT_MAX = 1000
SHEET_COMMENT_MAX = 4000


class ScoreSheet(Base):
    """One juror's assessment of one candidate in one round; submitted once complete."""

    __tablename__ = "score_sheets"
    __table_args__ = (UniqueConstraint("round_id", "juror_id", "nomination_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("scoring_rounds.id", ondelete="CASCADE"), index=True)
    juror_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id", ondelete="CASCADE"), index=True)
    comment: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime | None]
    # Counts the changes of the sheet's own fields (overall comment, submission):
    # a save based on an older version is refused, never applied silently.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    scores: Mapped[list[Score]] = relationship(cascade="all, delete-orphan")


class Score(Base):
    """A juror's value for one criterion; ``version`` counts its changes."""

    __tablename__ = "scores"
    __table_args__ = (UniqueConstraint("sheet_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("score_sheets.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id"))
    value: Mapped[int]
    comment: Mapped[str] = mapped_column(String(SCORE_COMMENT_MAX), default="")
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
