"""The jury's recommendation and the council's decision of a year, and the names they show."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from prize.models import CouncilDecision, Finalist, Nomination, Recommendation, User


def finalist_names(session: Session, *, year_id: int) -> list[tuple[int, str]]:
    """The year's finalists as (nomination id, name), in the shortlist's order."""
    rows = session.execute(select(Nomination.id, Nomination.name)
                           .join(Finalist, Finalist.nomination_id == Nomination.id)
                           .where(Finalist.year_id == year_id).order_by(Finalist.position))
    return [tuple(row) for row in rows]


def recommendation_of(session: Session, *, year_id: int, lock: bool = False) -> Recommendation | None:
    statement = (select(Recommendation).where(Recommendation.year_id == year_id)
                 .options(selectinload(Recommendation.remarks)))
    if lock:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    return session.scalar(statement)


def decision_of(session: Session, *, year_id: int) -> CouncilDecision | None:
    return session.scalar(select(CouncilDecision).where(CouncilDecision.year_id == year_id))


def user_name(session: Session, user_id: int | None) -> str:
    if user_id is None:
        return ""
    return session.scalar(select(User.name).where(User.id == user_id)) or ""


def nomination_name(session: Session, nomination_id: int | None) -> str:
    if nomination_id is None:
        return ""
    return session.scalar(select(Nomination.name).where(Nomination.id == nomination_id)) or ""
