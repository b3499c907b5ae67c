"""The nominating bodies: LAGs and municipalities without one."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from prize.models import Municipality, NominatingBody, Nomination


def all_bodies(session: Session) -> list[NominatingBody]:
    """Every body, active or not, with the municipalities it covers."""
    return list(session.scalars(select(NominatingBody).options(selectinload(NominatingBody.municipalities))
                                .order_by(NominatingBody.id)))


def body_by_id(session: Session, body_id: int) -> NominatingBody | None:
    return session.get(NominatingBody, body_id)


def body_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(NominatingBody.id, NominatingBody.name)).tuples().all())


def body_is_active(session: Session, body_id: int) -> bool:
    """True when the body exists and is active: only an active body's nominators
    may create nominations. Its past nominations stay either way."""
    return bool(session.scalar(select(NominatingBody.active).where(NominatingBody.id == body_id)))


def municipalities_by_ids(session: Session, ids: list[int]) -> list[Municipality]:
    return list(session.scalars(select(Municipality).where(Municipality.id.in_(ids))))


def all_municipalities(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Municipality.id, Municipality.name)).tuples().all())


def nomination_counts(session: Session, year_id: int) -> dict[int, int]:
    """How many nominations each body has in the year."""
    rows = session.execute(select(Nomination.nominating_body_id, func.count())
                           .where(Nomination.year_id == year_id).group_by(Nomination.nominating_body_id))
    return dict(rows.tuples().all())


def flush_unless_name_taken(session: Session, change: Callable[[], None]) -> bool:
    """Make ``change`` (to a new or renamed body) and flush it in a savepoint. False,
    with nothing of the change kept, when the name's unique constraint refuses it:
    another secretary took the name between the service's check and this flush.
    The change is made inside the savepoint because opening one flushes first."""
    try:
        with session.begin_nested():
            change()
            session.flush()
    except IntegrityError:
        return False
    return True
