"""The audit trail as a table: who changed what when, filtered by the person who acted,
the kind of object, the candidate and a time span.

An entry names the object it changed (``entity``, ``entity_id``). The candidate an
entry concerns is the nomination itself, or the nomination of the score sheet, the
score or the conflict it changed; entries about other objects concern no candidate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pandas as pd
from sqlalchemy import ColumnElement, Select, and_, case, false, or_, select
from sqlalchemy.orm import Session

from prize.i18n import TIMEZONE
from prize.models import AuditEntry, Conflict, Nomination, PrizeYear, Score, ScoreSheet, User

AUDIT_COLUMNS = ["id", "at", "actor_id", "actor_label", "action", "entity", "entity_id", "nomination_id",
                 "candidate", "old_value", "new_value"]


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show; None lets everything through. ``since`` and ``until`` are
    days in Danish time, both included."""

    actor_id: int | None = None
    entity: str | None = None
    nomination_id: int | None = None
    since: date | None = None
    until: date | None = None


def _sheet_ids(nomination_id: int) -> Select:
    return select(ScoreSheet.id).where(ScoreSheet.nomination_id == nomination_id)


def _concerns(nomination_id: int) -> ColumnElement[bool]:
    """The entries about ``nomination_id``: the nomination, its sheets, their scores, its conflicts."""
    entity, entity_id = AuditEntry.entity, AuditEntry.entity_id
    return or_(
        and_(entity == "nomination", entity_id == nomination_id),
        and_(entity == "score_sheet", entity_id.in_(_sheet_ids(nomination_id))),
        and_(entity == "score", entity_id.in_(select(Score.id).where(Score.sheet_id.in_(_sheet_ids(nomination_id))))),
        and_(entity == "conflict", entity_id.in_(select(Conflict.id).where(Conflict.nomination_id == nomination_id))))


def _candidate_id() -> ColumnElement[int | None]:
    entity_id = AuditEntry.entity_id
    return case(
        (AuditEntry.entity == "nomination", entity_id),
        (AuditEntry.entity == "score_sheet",
         select(ScoreSheet.nomination_id).where(ScoreSheet.id == entity_id).scalar_subquery()),
        (AuditEntry.entity == "score",
         select(ScoreSheet.nomination_id).join(Score, Score.sheet_id == ScoreSheet.id)
         .where(Score.id == entity_id).scalar_subquery()),
        (AuditEntry.entity == "conflict",
         select(Conflict.nomination_id).where(Conflict.id == entity_id).scalar_subquery()),
        else_=None)


def local_day_start(day: date) -> datetime:
    """Midnight at the start of ``day`` in Danish time (summer time included)."""
    return datetime.combine(day, time(0), tzinfo=TIMEZONE)


def _conditions(chosen: AuditFilter) -> list[ColumnElement[bool]]:
    conditions = []
    if chosen.actor_id is not None:
        conditions.append(AuditEntry.actor_id == chosen.actor_id)
    if chosen.entity is not None:
        conditions.append(AuditEntry.entity == chosen.entity)
    if chosen.nomination_id is not None:
        conditions.append(_concerns(chosen.nomination_id))
    if chosen.since is not None:
        conditions.append(AuditEntry.at >= local_day_start(chosen.since))
    if chosen.until is not None:
        conditions.append(AuditEntry.at < local_day_start(chosen.until + timedelta(days=1)))
    if chosen.since is not None and chosen.until is not None and chosen.since > chosen.until:
        conditions.append(false())
    return conditions


def audit_frame(session: Session, chosen: AuditFilter, *, limit: int | None = None) -> pd.DataFrame:
    """The entries ``chosen`` lets through, newest first, one row each (``AUDIT_COLUMNS``)."""
    candidate_id = _candidate_id().label("nomination_id")
    inner = select(AuditEntry.id, AuditEntry.at, AuditEntry.actor_id, AuditEntry.actor_label, AuditEntry.action,
                   AuditEntry.entity, AuditEntry.entity_id, candidate_id, AuditEntry.old_value,
                   AuditEntry.new_value).where(*_conditions(chosen)).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if limit is not None:
        inner = inner.limit(limit)
    inner = inner.subquery()
    statement = (select(*[inner.c[name] for name in AUDIT_COLUMNS if name != "candidate"],
                        Nomination.name.label("candidate"))
                 .outerjoin(Nomination, Nomination.id == inner.c.nomination_id)
                 .order_by(inner.c.at.desc(), inner.c.id.desc()))
    rows = session.execute(statement).mappings().all()
    frame = pd.DataFrame([{name: row[name] for name in AUDIT_COLUMNS} for row in rows], columns=AUDIT_COLUMNS)
    return frame.astype({"id": "int64"})


def acting_users(session: Session) -> list[tuple[int, str]]:
    """The users who have changed something, as (id, name), by name."""
    statement = (select(User.id, User.name).where(User.id.in_(select(AuditEntry.actor_id)))
                 .order_by(User.name, User.id))
    return [(row.id, row.name) for row in session.execute(statement)]


def object_types(session: Session) -> list[str]:
    """The kinds of object the trail names, alphabetically."""
    return sorted(session.scalars(select(AuditEntry.entity).distinct()))


def candidates(session: Session) -> list[tuple[int, str, int]]:
    """Every nomination, as (id, name, year), newest year first, then by name."""
    statement = (select(Nomination.id, Nomination.name, PrizeYear.year)
                 .join(PrizeYear, PrizeYear.id == Nomination.year_id)
                 .order_by(PrizeYear.year.desc(), Nomination.name))
    return [(row.id, row.name, row.year) for row in session.execute(statement)]
