from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from prize.models.base import Base, utcnow


class Finalist(Base):
    """A candidate on the year's confirmed shortlist, at ``position`` (1 first);
    ``selected_by``/``selected_at``: who confirmed the shortlist and when."""

    __tablename__ = "finalists"
    __table_args__ = (UniqueConstraint("year_id", "nomination_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("prize_years.id", ondelete="CASCADE"))
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id", ondelete="CASCADE"))
    position: Mapped[int]
    note: Mapped[str] = mapped_column(Text, default="")
    selected_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    selected_at: Mapped[datetime] = mapped_column(default=utcnow)


class Shortlist(Base):
    """The secretariat's confirmation of the year's shortlist (the finalists are
    ``Finalist`` rows). ``proposals`` keeps the top N as the app computed it by
    ``method``; ``changed``: the confirmed list differs from it; ``tie_resolved``: a tie
    at the cut was decided by a person. Either needs the written ``justification``.
    ``published_at``: from then on nominators see whether their candidates went on."""

    __tablename__ = "shortlists"

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("prize_years.id", ondelete="CASCADE"), unique=True)
    method: Mapped[str] = mapped_column(String(20))
    finalist_count: Mapped[int]
    changed: Mapped[bool] = mapped_column(default=False)
    tie_resolved: Mapped[bool] = mapped_column(default=False)
    justification: Mapped[str] = mapped_column(Text, default="")
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    confirmed_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None]

    proposals: Mapped[list[ShortlistProposal]] = relationship(order_by="ShortlistProposal.position",
                                                              cascade="all, delete-orphan")


class ShortlistProposal(Base):
    """One candidate of the proposed top N as computed, with its score and rank; ``tied``:
    it shared the rank at the cut with a candidate outside the top N."""

    __tablename__ = "shortlist_proposals"

    shortlist_id: Mapped[int] = mapped_column(ForeignKey("shortlists.id", ondelete="CASCADE"), primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int]
    rank: Mapped[int]
    score: Mapped[float]
    tied: Mapped[bool] = mapped_column(default=False)


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
    """The regional council's decision on the year's winner: a finalist of the year
    (``winner_nomination_id``), or, for a year from before the app, a winner the
    secretariat entered by hand (``winner_name``, its ``winner_villages`` comma-separated,
    ``winner_municipality``), without scores. ``note``: why the council chose another
    finalist than the recommended one (required then). ``prize_amount`` in kroner."""

    __tablename__ = "council_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("prize_years.id", ondelete="CASCADE"), unique=True)
    winner_nomination_id: Mapped[int | None] = mapped_column(ForeignKey("nominations.id"))
    winner_name: Mapped[str] = mapped_column(String(200), default="")
    winner_villages: Mapped[str] = mapped_column(String(500), default="")
    winner_municipality: Mapped[str] = mapped_column(String(100), default="")
    decided_on: Mapped[date | None]
    prize_amount: Mapped[int | None]
    body: Mapped[str] = mapped_column(String(120), default="Regionsrådet")
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def entered_by_hand(self) -> bool:
        return self.winner_nomination_id is None
