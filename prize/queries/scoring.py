from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from prize.models import Conflict, Criterion, Finalist, Municipality, Nomination, Score, ScoreSheet
from prize.phases import IN_COMPETITION
from prize.queries.nominations import sort_by_name

WORKLIST_COLUMNS = ["id", "name", "kind", "municipality", "conflict", "scored", "submitted_at"]


def criteria_count(session: Session, year_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Criterion).where(Criterion.year_id == year_id))


def juror_worklist_frame(session: Session, *, year_id: int, round_id: int, juror_id: int,
                         finalists_only: bool) -> pd.DataFrame:
    """The round's candidates with this juror's own progress on each, in one statement."""
    sheets = (select(ScoreSheet.nomination_id, ScoreSheet.submitted_at,
                     func.count(Score.id).label("scored"))
              .outerjoin(Score, Score.sheet_id == ScoreSheet.id)
              .where(ScoreSheet.round_id == round_id, ScoreSheet.juror_id == juror_id)
              .group_by(ScoreSheet.id, ScoreSheet.nomination_id, ScoreSheet.submitted_at)
              .subquery())
    conflicts = select(Conflict.nomination_id).where(Conflict.juror_id == juror_id).subquery()
    statement = (
        select(Nomination.id, Nomination.name, Nomination.kind, Municipality.name.label("municipality"),
               conflicts.c.nomination_id.is_not(None).label("conflict"),
               func.coalesce(sheets.c.scored, 0).label("scored"), sheets.c.submitted_at)
        .join(Municipality, Nomination.municipality_id == Municipality.id)
        .outerjoin(sheets, sheets.c.nomination_id == Nomination.id)
        .outerjoin(conflicts, conflicts.c.nomination_id == Nomination.id)
        .where(Nomination.year_id == year_id, Nomination.status.in_(IN_COMPETITION))
        .order_by(Nomination.name))
    if finalists_only:
        statement = statement.join(Finalist, Finalist.nomination_id == Nomination.id)
    rows = session.execute(statement).mappings().all()
    return sort_by_name(pd.DataFrame(rows, columns=WORKLIST_COLUMNS))
