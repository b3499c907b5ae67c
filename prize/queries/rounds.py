from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from prize.models import ScoreSheet, ScoringRound
from prize.phases import RoundKind


def lock_round(session: Session, *, year_id: int, kind: RoundKind) -> ScoringRound | None:
    """The round, read afresh and locked until the transaction ends: a close and a
    juror's save that reads the round the same way are served one after the other."""
    statement = (select(ScoringRound).where(ScoringRound.year_id == year_id, ScoringRound.kind == kind)
                 .with_for_update().execution_options(populate_existing=True))
    return session.scalar(statement)


def submitted_sheets(session: Session, round_id: int) -> int:
    return session.scalar(select(func.count()).select_from(ScoreSheet).where(
        ScoreSheet.round_id == round_id, ScoreSheet.submitted_at.is_not(None)))
