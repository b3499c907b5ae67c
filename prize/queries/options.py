"""Id-to-name choices for select boxes."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.i18n import danish_sort_key
from prize.models import Nomination


def named_options(session: Session, model, *, active_only: bool = False) -> dict[int, str]:
    statement = select(model.id, model.name)
    if active_only:
        statement = statement.where(model.active.is_(True))
    return _in_danish_order(session.execute(statement).tuples().all())


def nomination_options(session: Session, year_id: int) -> dict[int, str]:
    statement = (select(Nomination.id, Nomination.name)
                 .where(Nomination.year_id == year_id))
    return _in_danish_order(session.execute(statement).tuples().all())


def _in_danish_order(rows: list[tuple[int, str]]) -> dict[int, str]:
    return dict(sorted(rows, key=lambda row: danish_sort_key(row[1])))
