"""Id-to-name choices for select boxes, and ids looked up by name."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.i18n import danish_sort_key
from prize.models import NominatingBody, Nomination


def named_options(session: Session, model, *, active_only: bool = False) -> dict[int, str]:
    statement = select(model.id, model.name)
    if active_only:
        statement = statement.where(model.active.is_(True))
    return _in_danish_order(session.execute(statement).tuples().all())


def nomination_options(session: Session, year_id: int) -> dict[int, str]:
    statement = (select(Nomination.id, Nomination.name)
                 .where(Nomination.year_id == year_id))
    return _in_danish_order(session.execute(statement).tuples().all())


def body_id_by_name(session: Session, name: str) -> int | None:
    return session.scalar(select(NominatingBody.id).where(NominatingBody.name == name))


def nomination_id_by_name(session: Session, name: str, *, year_id: int | None) -> int | None:
    """The nomination of that name in ``year_id``; any year's when no year is given."""
    statement = select(Nomination.id).where(Nomination.name == name)
    if year_id is not None:
        statement = statement.where(Nomination.year_id == year_id)
    return session.scalars(statement.order_by(Nomination.id)).first()


def _in_danish_order(rows: list[tuple[int, str]]) -> dict[int, str]:
    return dict(sorted(rows, key=lambda row: danish_sort_key(row[1])))
