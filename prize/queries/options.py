"""Id-to-name choices for select boxes."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.models import Nomination


def named_options(session: Session, model, *, active_only: bool = False) -> dict[int, str]:
    statement = select(model.id, model.name).order_by(model.name)
    if active_only:
        statement = statement.where(model.active.is_(True))
    return dict(session.execute(statement).tuples().all())


def nomination_options(session: Session, year_id: int) -> dict[int, str]:
    statement = (select(Nomination.id, Nomination.name)
                 .where(Nomination.year_id == year_id).order_by(Nomination.name))
    return dict(session.execute(statement).tuples().all())
