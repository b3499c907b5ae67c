"""What a juror's scoring reads and locks: the round, the candidate's place in it,
the juror's sheet and scores, and (once allowed) the other jurors' scores."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from prize.models import (Conflict, Criterion, Finalist, Municipality, Nomination, PrizeYear, Score, ScoreSheet,
                          ScoringRound, User)
from prize.phases import IN_COMPETITION, Independence, Phase, RoundKind
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
    conflicts = select(Conflict.nomination_id).where(Conflict.juror_id == juror_id,
                                                     Conflict.withdrawn_at.is_(None)).subquery()
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


@dataclass(frozen=True)
class RoundFacts:
    """What the rule book needs to know about a scoring round and its year."""

    id: int
    year_id: int
    kind: RoundKind
    phase: Phase
    closed_at: datetime | None
    independence: Independence
    released_at: datetime | None


def round_facts(session: Session, round_id: int, *, lock: bool = False) -> RoundFacts | None:
    """The round; ``lock`` takes a shared row lock (PostgreSQL), so that closing the
    round waits for a save that has checked it is open."""
    statement = (select(ScoringRound.id, ScoringRound.year_id, ScoringRound.kind, PrizeYear.phase,
                        ScoringRound.closed_at, ScoringRound.independence, ScoringRound.released_at)
                 .join(PrizeYear, ScoringRound.year_id == PrizeYear.id).where(ScoringRound.id == round_id))
    if lock:
        statement = statement.with_for_update(read=True, of=ScoringRound)
    row = session.execute(statement).one_or_none()
    return None if row is None else RoundFacts(*row)


def candidate_in_round(session: Session, *, round: RoundFacts, nomination_id: int) -> bool:
    """The nomination takes part in the round: the round's year, eligible, and a finalist in the final round."""
    statement = select(Nomination.id).where(Nomination.id == nomination_id, Nomination.year_id == round.year_id,
                                            Nomination.status.in_(IN_COMPETITION))
    if round.kind == RoundKind.FINAL:
        statement = statement.join(Finalist, Finalist.nomination_id == Nomination.id)
    return session.scalar(statement) is not None


def has_active_conflict(session: Session, *, juror_id: int, nomination_id: int) -> bool:
    return session.scalar(select(Conflict.id).where(
        Conflict.juror_id == juror_id, Conflict.nomination_id == nomination_id,
        Conflict.withdrawn_at.is_(None))) is not None


def sheet_of(session: Session, *, round_id: int, juror_id: int, nomination_id: int,
             lock: bool = False) -> ScoreSheet | None:
    """The juror's sheet; ``lock`` takes its row lock (PostgreSQL) for a change that follows."""
    statement = select(ScoreSheet).where(ScoreSheet.round_id == round_id, ScoreSheet.juror_id == juror_id,
                                         ScoreSheet.nomination_id == nomination_id)
    if lock:
        statement = statement.with_for_update()
    return session.scalar(statement)


def create_sheet(session: Session, *, round_id: int, juror_id: int, nomination_id: int) -> ScoreSheet:
    """A new, empty sheet; when another transaction created it first (the juror's
    other tab), that one, locked."""
    try:
        with session.begin_nested():
            sheet = ScoreSheet(round_id=round_id, juror_id=juror_id, nomination_id=nomination_id, comment="")
            session.add(sheet)
        return sheet
    except IntegrityError:
        return sheet_of(session, round_id=round_id, juror_id=juror_id, nomination_id=nomination_id, lock=True)


def score_of(session: Session, *, sheet_id: int, criterion_id: int) -> Score | None:
    return session.scalar(select(Score).where(Score.sheet_id == sheet_id, Score.criterion_id == criterion_id))


def criteria_of(session: Session, year_id: int) -> list[Criterion]:
    """The year's criteria in order, their scale anchors loaded."""
    return list(session.scalars(select(Criterion).where(Criterion.year_id == year_id).order_by(Criterion.position)))


def sheet_scores(session: Session, sheet_id: int) -> list[tuple[int, int, str, int]]:
    """(criterion id, value, comment, version) of each score on the sheet."""
    return [tuple(row) for row in session.execute(
        select(Score.criterion_id, Score.value, Score.comment, Score.version).where(Score.sheet_id == sheet_id))]


OTHERS_COLUMNS = ["juror", "position", "criterion", "value", "comment"]


def others_scores_frame(session: Session, *, round_id: int, nomination_id: int, juror_id: int) -> pd.DataFrame:
    """The other jurors' scores of the candidate in the round (``_others_sheets``)."""
    rows = session.execute(
        select(User.name.label("juror"), Criterion.position, Criterion.title_da.label("criterion"), Score.value,
               Score.comment)
        .join(ScoreSheet, Score.sheet_id == ScoreSheet.id).join(User, ScoreSheet.juror_id == User.id)
        .join(Criterion, Score.criterion_id == Criterion.id)
        .where(*_others_sheets(round_id=round_id, nomination_id=nomination_id, juror_id=juror_id))
        .order_by(User.name, Criterion.position)).mappings().all()
    return pd.DataFrame(rows, columns=OTHERS_COLUMNS)


OTHERS_COMMENT_COLUMNS = ["juror", "comment"]


def others_sheet_comments(session: Session, *, round_id: int, nomination_id: int, juror_id: int) -> pd.DataFrame:
    """The other jurors' overall comments on the candidate (``_others_sheets``), the empty ones left out."""
    rows = session.execute(
        select(User.name.label("juror"), ScoreSheet.comment)
        .join(User, ScoreSheet.juror_id == User.id)
        .where(*_others_sheets(round_id=round_id, nomination_id=nomination_id, juror_id=juror_id),
               ScoreSheet.comment != "")
        .order_by(User.name)).mappings().all()
    return pd.DataFrame(rows, columns=OTHERS_COMMENT_COLUMNS)


def _others_sheets(*, round_id: int, nomination_id: int, juror_id: int) -> tuple:
    """The other jurors' submitted sheets of the candidate in the round, without jurors who
    have an active conflict: a sheet in progress is a draft, and rankings count submitted ones only."""
    conflicted = select(Conflict.juror_id).where(Conflict.nomination_id == nomination_id,
                                                 Conflict.withdrawn_at.is_(None))
    return (ScoreSheet.round_id == round_id, ScoreSheet.nomination_id == nomination_id,
            ScoreSheet.juror_id != juror_id, ScoreSheet.juror_id.not_in(conflicted),
            ScoreSheet.submitted_at.is_not(None))
