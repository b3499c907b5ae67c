"""A year's criteria and their scale anchors."""

from __future__ import annotations

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from prize.models import Criterion, PrizeYear, Score


def criteria_of_year(session: Session, year_id: int, *, fresh: bool = False) -> list[Criterion]:
    """The year's criteria in their order, anchors loaded; ``fresh``: read again
    from the database (after the year is locked), not from the session's copies."""
    statement = select(Criterion).where(Criterion.year_id == year_id).order_by(Criterion.position)
    if fresh:
        statement = statement.execution_options(populate_existing=True)
    return list(session.scalars(statement))


def criterion_by_id(session: Session, criterion_id: int) -> Criterion | None:
    return session.get(Criterion, criterion_id)


def last_position(session: Session, year_id: int) -> int:
    """The highest position among the year's criteria; 0 when it has none."""
    return session.scalar(select(func.coalesce(func.max(Criterion.position), 0))
                          .where(Criterion.year_id == year_id))


def year_has_scores(session: Session, year_id: int) -> bool:
    """True once any juror has given any of the year's criteria a value."""
    scored = exists().where(Score.criterion_id == Criterion.id, Criterion.year_id == year_id)
    return session.scalar(select(scored))


def latest_earlier_year_with_criteria(session: Session, year: int) -> int | None:
    """The id of the newest year before ``year`` (a year number) that has criteria."""
    has_criteria = exists().where(Criterion.year_id == PrizeYear.id)
    return session.scalar(select(PrizeYear.id).where(PrizeYear.year < year, has_criteria)
                          .order_by(PrizeYear.year.desc()).limit(1))
