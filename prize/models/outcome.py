from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from prize.models.base import Base, enum_type, utcnow


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


class VideoKind(StrEnum):
    FILE = "file"
    LINK = "link"


# Limits of a video's texts, read by the service that validates them and by the form.
VIDEO_TITLE_MAX = 200
VIDEO_DESCRIPTION_MAX = 1000
VIDEO_URL_MAX = 500


class Video(Base):
    """A finalist's presentation video: a stored file (``storage_key``, the display name
    ``filename``, its type, size and checksum) or a link to a platform or any https
    address (``url``). Only a ``published`` video is shown on the public page."""

    __tablename__ = "videos"

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id", ondelete="CASCADE"), index=True)
    kind: Mapped[VideoKind] = mapped_column(enum_type(VideoKind, length=10), default=VideoKind.LINK,
                                            server_default=VideoKind.LINK.value)
    title: Mapped[str] = mapped_column(String(VIDEO_TITLE_MAX))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    url: Mapped[str] = mapped_column(String(VIDEO_URL_MAX), default="")
    storage_key: Mapped[str | None] = mapped_column(String(255), unique=True)
    filename: Mapped[str] = mapped_column(String(255), default="", server_default="")
    content_type: Mapped[str] = mapped_column(String(100), default="")
    size_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    sha256: Mapped[str] = mapped_column(String(64), default="", server_default="")
    published: Mapped[bool] = mapped_column(default=False, server_default=false())
    published_at: Mapped[datetime | None]
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime | None]


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
