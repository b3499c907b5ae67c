from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from prize.models.base import Base, enum_type, utcnow
from prize.models.place import Municipality, NominatingBody, SdgGoal
from prize.phases import NominationStatus


class CandidateKind(StrEnum):
    VILLAGE = "village"
    CLUSTER = "cluster"
    PARISH = "parish"


nomination_sdgs = Table(
    "nomination_sdgs",
    Base.metadata,
    Column("nomination_id", ForeignKey("nominations.id", ondelete="CASCADE"), primary_key=True),
    Column("sdg_number", ForeignKey("sdg_goals.number"), primary_key=True),
)


class Nomination(Base):
    """A candidate for the year's prize: one village, a cluster of villages or a parish."""

    __tablename__ = "nominations"
    __table_args__ = (UniqueConstraint("year_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("prize_years.id", ondelete="CASCADE"), index=True)
    nominating_body_id: Mapped[int] = mapped_column(ForeignKey("nominating_bodies.id"), index=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"))
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[CandidateKind] = mapped_column(enum_type(CandidateKind), default=CandidateKind.VILLAGE)
    contact_name: Mapped[str] = mapped_column(String(120), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    summary: Mapped[str] = mapped_column(String(300), default="")
    application: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[NominationStatus] = mapped_column(
        enum_type(NominationStatus), default=NominationStatus.DRAFT)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]

    municipality: Mapped[Municipality] = relationship(lazy="joined")
    nominating_body: Mapped[NominatingBody] = relationship(lazy="joined")
    villages: Mapped[list[CandidateVillage]] = relationship(
        order_by="CandidateVillage.position", cascade="all, delete-orphan")
    sdgs: Mapped[list[SdgGoal]] = relationship(secondary=nomination_sdgs, order_by="SdgGoal.number")


class CandidateVillage(Base):
    """A village that is part of a candidate (one, or several for a cluster)."""

    __tablename__ = "candidate_villages"
    __table_args__ = (UniqueConstraint("nomination_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id", ondelete="CASCADE"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(120))
