from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from prize.models.base import Base, enum_type
from prize.phases import Independence, RoundKind

__all__ = ["RoundKind", "ScoringRound"]


class ScoringRound(Base):
    """The screening round (all candidates) or the final round (the finalists)."""

    __tablename__ = "scoring_rounds"
    __table_args__ = (UniqueConstraint("year_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("prize_years.id", ondelete="CASCADE"))
    kind: Mapped[RoundKind] = mapped_column(enum_type(RoundKind, length=16))
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # Who sees the others' scores when (a per-round choice of the secretariat).
    independence: Mapped[Independence] = mapped_column(
        enum_type(Independence, length=20), default=Independence.UNTIL_RELEASE,
        server_default=Independence.UNTIL_RELEASE.value)
    # When the secretariat released the round's results to the jurors; None: not released.
    released_at: Mapped[datetime | None]
