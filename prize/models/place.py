from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from prize.models.base import Base, enum_type


class Municipality(Base):
    __tablename__ = "municipalities"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[int] = mapped_column(unique=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)


class SdgGoal(Base):
    """One of the UN's 17 Sustainable Development Goals (FN's verdensmål)."""

    __tablename__ = "sdg_goals"

    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name_da: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))


# Limits of a nominating body, read by the service that validates them and by the form.
BODY_NAME_MAX = 120
NOMINATION_LIMIT_MAX = 20


class BodyKind(StrEnum):
    LAG = "lag"
    MUNICIPALITY = "municipality"


body_municipalities = Table(
    "nominating_body_municipalities",
    Base.metadata,
    Column("body_id", ForeignKey("nominating_bodies.id", ondelete="CASCADE"), primary_key=True),
    Column("municipality_id", ForeignKey("municipalities.id"), primary_key=True),
)


class NominatingBody(Base):
    """A LAG or a municipality without one: it nominates candidates."""

    __tablename__ = "nominating_bodies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[BodyKind] = mapped_column(
        enum_type(BodyKind))
    active: Mapped[bool] = mapped_column(default=True)
    # How many nominations the body may make in one year.
    nomination_limit: Mapped[int] = mapped_column(default=1, server_default="1")

    municipalities: Mapped[list[Municipality]] = relationship(
        secondary=body_municipalities, order_by="Municipality.name")
