from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import String, false
from sqlalchemy.orm import Mapped, mapped_column

from prize.models.base import Base, enum_type, utcnow
from prize.phases import Phase

# The aggregation the shortlist is proposed by until the secretariat chooses another
# (one of ``prize.ranking.METHODS``).
DEFAULT_RANKING_METHOD = "weighted_mean"
RANKING_METHOD_MAX = 20
# How many finalists a year may have.
FINALIST_COUNT_MIN, FINALIST_COUNT_MAX = 1, 20


class PrizeYear(Base):
    """One year's prize: its phase, deadlines and size of the shortlist."""

    __tablename__ = "prize_years"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    title: Mapped[str] = mapped_column(String(200))
    prize_amount: Mapped[int]
    phase: Mapped[Phase] = mapped_column(
        enum_type(Phase),
        default=Phase.DRAFT)
    finalist_count: Mapped[int] = mapped_column(default=5)
    ranking_method: Mapped[str] = mapped_column(String(RANKING_METHOD_MAX), default=DEFAULT_RANKING_METHOD,
                                                server_default=DEFAULT_RANKING_METHOD)
    nominations_open_at: Mapped[datetime | None]
    nomination_deadline: Mapped[datetime | None]
    screening_deadline: Mapped[datetime | None]
    final_deadline: Mapped[datetime | None]
    decision_date: Mapped[date | None]
    is_demo: Mapped[bool] = mapped_column(default=False)
    # The recommendation to the council: the jurors numbered instead of named, and the
    # conflicts' written reasons printed (the secretariat's choices for the year).
    anonymous_jury: Mapped[bool] = mapped_column(default=False, server_default=false())
    print_conflict_reasons: Mapped[bool] = mapped_column(default=False, server_default=false())
    # When the year moved to "archived": the retention of personal data counts from here.
    archived_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
