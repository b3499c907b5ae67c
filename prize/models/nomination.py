from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from prize.models.base import Base, enum_type, utcnow
from prize.models.place import Municipality, NominatingBody, SdgGoal
from prize.phases import NominationStatus


# Limits of a nomination's fields, read by the service that validates them and
# by the widget that shows them as the user types.
NAME_MAX = 120
CONTACT_NAME_MAX = 120
EMAIL_MAX = 254
PHONE_MAX = 40
SUMMARY_MAX = 1500
ANSWER_MAX = 5000
URL_MAX = 500
VILLAGES_MAX = 30
REASON_MAX = 2000


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
    summary: Mapped[str] = mapped_column(String(SUMMARY_MAX), default="")
    website_url: Mapped[str] = mapped_column(String(URL_MAX), default="", server_default="")
    video_url: Mapped[str] = mapped_column(String(URL_MAX), default="", server_default="")
    status: Mapped[NominationStatus] = mapped_column(
        enum_type(NominationStatus), default=NominationStatus.DRAFT)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]
    # The secretariat reopened this one nomination after the deadline, until this moment.
    reopened_until: Mapped[datetime | None]
    reopen_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The secretariat's written reason for marking the nomination eligible or
    # ineligible; who marked it and when is in the audit log.
    eligibility_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # When the contact person's name, e-mail and phone were erased (on request or by retention).
    contact_erased_at: Mapped[datetime | None]

    municipality: Mapped[Municipality] = relationship(lazy="joined")
    nominating_body: Mapped[NominatingBody] = relationship(lazy="joined")
    villages: Mapped[list[CandidateVillage]] = relationship(
        order_by="CandidateVillage.position", cascade="all, delete-orphan")
    sdgs: Mapped[list[SdgGoal]] = relationship(secondary=nomination_sdgs, order_by="SdgGoal.number")
    answers: Mapped[list[NominationAnswer]] = relationship(cascade="all, delete-orphan")


class CandidateVillage(Base):
    """A village that is part of a candidate (one, or several for a cluster)."""

    __tablename__ = "candidate_villages"
    __table_args__ = (UniqueConstraint("nomination_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id", ondelete="CASCADE"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(120))


class NominationAnswer(Base):
    """The nomination's answer to one of the guiding questions (``prize.questions``)."""

    __tablename__ = "nomination_answers"

    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id", ondelete="CASCADE"), primary_key=True)
    question: Mapped[str] = mapped_column(String(40), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
