from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from prize.models.base import Base

# Limits of a criterion, read by the service that validates them and by the editor.
TITLE_MAX = 200
DESCRIPTION_MAX = 2000
ANCHOR_MAX = 200
WEIGHT_MAX = 100.0
SCALE_LOWEST = 0
SCALE_HIGHEST = 100


class Criterion(Base):
    """One of a year's criteria, with its own weight and scale."""

    __tablename__ = "criteria"
    __table_args__ = (
        UniqueConstraint("year_id", "position"),
        CheckConstraint("scale_min < scale_max", name="scale_order"),
        CheckConstraint("weight >= 0", name="weight_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("prize_years.id", ondelete="CASCADE"))
    position: Mapped[int]
    title_da: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200), default="")
    description_da: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[float] = mapped_column(default=1.0)
    scale_min: Mapped[int] = mapped_column(default=1)
    scale_max: Mapped[int] = mapped_column(default=5)

    anchors: Mapped[list[ScaleAnchor]] = relationship(
        order_by="ScaleAnchor.value", cascade="all, delete-orphan", lazy="selectin")

    def title(self, locale: str) -> str:
        return self.title_en if locale == "en" and self.title_en else self.title_da


class ScaleAnchor(Base):
    """The short text that says what one step of a criterion's scale means."""

    __tablename__ = "scale_anchors"
    __table_args__ = (UniqueConstraint("criterion_id", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id", ondelete="CASCADE"))
    value: Mapped[int]
    text_da: Mapped[str] = mapped_column(String(200))
    text_en: Mapped[str] = mapped_column(String(200), default="")
