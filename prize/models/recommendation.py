from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from prize.models.base import Base, utcnow

# The limits of what the secretariat writes; the services validate them, the forms show them.
PLACE_MAX_LENGTH = 200
ONLINE_URL_MAX_LENGTH = 500
NOTES_MAX_LENGTH = 10_000
RATIONALE_MAX_LENGTH = 6_000
REMARK_MAX_LENGTH = 600


class Presentation(Base):
    """A finalist's presentation to the jury: when (``starts_at``, UTC) and where (a
    ``place``, an ``online_url``, or both), and the jury's shared ``notes``.
    ``notes_version`` counts the saves of the notes, so two writers at once do not
    overwrite each other unseen."""

    __tablename__ = "presentations"

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id", ondelete="CASCADE"), unique=True)
    starts_at: Mapped[datetime | None]
    place: Mapped[str] = mapped_column(String(PLACE_MAX_LENGTH), default="")
    online_url: Mapped[str] = mapped_column(String(ONLINE_URL_MAX_LENGTH), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    notes_version: Mapped[int] = mapped_column(default=0)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Recommendation(Base):
    """The jury's recommendation (*indstilling*) of the year's winner: the recommended
    finalist, the written ``rationale`` and a short word on each other finalist
    (``remarks``). Drafted by the secretariat with the jury; once ``approved_at`` it is
    locked, and a change needs a reason (kept in the audit trail)."""

    __tablename__ = "recommendations"

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("prize_years.id", ondelete="CASCADE"), unique=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id"))
    rationale: Mapped[str] = mapped_column(Text)
    drafted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    drafted_at: Mapped[datetime] = mapped_column(default=utcnow)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None]

    remarks: Mapped[list[RecommendationRemark]] = relationship(cascade="all, delete-orphan",
                                                               order_by="RecommendationRemark.nomination_id")


class RecommendationRemark(Base):
    """The recommendation's short word on one other finalist."""

    __tablename__ = "recommendation_remarks"

    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id", ondelete="CASCADE"),
                                                   primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id", ondelete="CASCADE"), primary_key=True)
    text: Mapped[str] = mapped_column(String(REMARK_MAX_LENGTH))
