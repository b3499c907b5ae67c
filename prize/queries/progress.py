"""The jury's progress in a round: every active juror against every candidate of the
round, with the juror's sheet and any active conflict. One statement whatever the
number of jurors and candidates."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Select, and_, case, func, select, true
from sqlalchemy.orm import Session

from prize.models import Conflict, Finalist, Nomination, Score, ScoreSheet, User
from prize.phases import IN_COMPETITION
from prize.roles import Role

CELL_COLUMNS = ["juror_id", "juror", "email", "nomination_id", "candidate", "conflict", "scored", "submitted_at"]


def _cells(*, year_id: int, round_id: int | None, finalists_only: bool) -> Select:
    """One row per (active juror, candidate of the round); a round that does not exist
    yet (``round_id`` None) has no sheets."""
    jurors = (select(User.id, User.name, User.email)
              .where(User.role == Role.JUROR, User.active.is_(True)).subquery())
    candidates = select(Nomination.id, Nomination.name).where(
        Nomination.year_id == year_id, Nomination.status.in_(IN_COMPETITION))
    if finalists_only:
        candidates = candidates.join(Finalist, Finalist.nomination_id == Nomination.id)
    candidates = candidates.subquery()
    sheets = (select(ScoreSheet.juror_id, ScoreSheet.nomination_id, ScoreSheet.submitted_at,
                     func.count(Score.id).label("scored"))
              .outerjoin(Score, Score.sheet_id == ScoreSheet.id)
              .where(ScoreSheet.round_id == round_id)
              .group_by(ScoreSheet.id, ScoreSheet.juror_id, ScoreSheet.nomination_id, ScoreSheet.submitted_at)
              .subquery())
    # A withdrawn conflict is kept for the record and counts no longer.
    conflicts = (select(Conflict.juror_id, Conflict.nomination_id)
                 .where(Conflict.withdrawn_at.is_(None)).subquery())
    return (select(jurors.c.id.label("juror_id"), jurors.c.name.label("juror"), jurors.c.email,
                   candidates.c.id.label("nomination_id"), candidates.c.name.label("candidate"),
                   conflicts.c.juror_id.is_not(None).label("conflict"),
                   func.coalesce(sheets.c.scored, 0).label("scored"), sheets.c.submitted_at)
            .select_from(jurors.join(candidates, true()))
            .outerjoin(sheets, and_(sheets.c.juror_id == jurors.c.id, sheets.c.nomination_id == candidates.c.id))
            .outerjoin(conflicts, and_(conflicts.c.juror_id == jurors.c.id,
                                       conflicts.c.nomination_id == candidates.c.id)))


def progress_cells(session: Session, *, year_id: int, round_id: int | None, finalists_only: bool) -> pd.DataFrame:
    """Every (juror, candidate) pair of the round, in the columns ``CELL_COLUMNS``."""
    rows = session.execute(_cells(year_id=year_id, round_id=round_id, finalists_only=finalists_only))
    return pd.DataFrame(rows.mappings().all(), columns=CELL_COLUMNS)


def sheet_totals(session: Session, *, year_id: int, round_id: int | None, finalists_only: bool) -> tuple[int, int]:
    """(sheets the round needs, of those submitted): every pair without an active conflict."""
    cells = _cells(year_id=year_id, round_id=round_id, finalists_only=finalists_only).subquery()
    needed = ~cells.c.conflict
    statement = select(func.coalesce(func.sum(case((needed, 1), else_=0)), 0),
                       func.coalesce(func.sum(case((and_(needed, cells.c.submitted_at.is_not(None)), 1),
                                                   else_=0)), 0))
    expected, submitted = session.execute(statement).one()
    return int(expected), int(submitted)
