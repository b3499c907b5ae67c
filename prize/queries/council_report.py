"""What the recommendation to the council reads beyond the ranking: the year's nominations
with their status and reason, the year's jury, every submitted score in long format, and
the audit trail of the year's score changes."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from prize.i18n import danish_sort_key
from prize.models import (Conflict, Criterion, Municipality, Nomination, PrizeYear, Score, ScoreSheet, ScoringRound,
                          User)
from prize.phases import NominationStatus
from prize.roles import Role
from prize.queries.audit import AuditFilter, audit_frame

NOMINATION_COLUMNS = ["nomination_id", "candidate", "municipality", "status", "reason", "summary"]
RAW_SCORE_COLUMNS = ["year", "round", "juror_id", "juror", "candidate", "criterion_position", "criterion", "score", "comment",
                     "submitted_at"]
SCORE_ENTITIES = ("score", "score_sheet")


def nominations_frame(session: Session, *, year_id: int) -> pd.DataFrame:
    """The year's submitted nominations (drafts left out), in Danish order of the name."""
    statement = (select(Nomination.id, Nomination.name, Municipality.name, Nomination.status,
                        Nomination.eligibility_reason, Nomination.summary)
                 .join(Municipality, Municipality.id == Nomination.municipality_id)
                 .where(Nomination.year_id == year_id, Nomination.status != NominationStatus.DRAFT))
    frame = pd.DataFrame(session.execute(statement).all(), columns=NOMINATION_COLUMNS)
    frame["status"] = frame["status"].map(NominationStatus)
    return _by_name(frame, "candidate")


def jurors(session: Session, *, year_id: int, with_active: bool) -> list[tuple[int, str, str]]:
    """(id, name, title) of the year's jury, in Danish order of the name. A juror is not
    assigned to a year: the jury is every juror who took part in it (a score sheet in one of
    its rounds, or a conflict with one of its candidates, even one who has scored nothing),
    and, ``with_active`` (the current year), every active juror as well."""
    sheets = (select(ScoreSheet.juror_id).join(ScoringRound, ScoringRound.id == ScoreSheet.round_id)
              .where(ScoringRound.year_id == year_id))
    conflicts = (select(Conflict.juror_id).join(Nomination, Nomination.id == Conflict.nomination_id)
                 .where(Nomination.year_id == year_id))
    took_part = or_(User.id.in_(sheets), User.id.in_(conflicts))
    member = or_(took_part, and_(User.role == Role.JUROR, User.active.is_(True))) if with_active else took_part
    rows = session.execute(select(User.id, User.name, User.title).where(member)).all()
    return sorted(((row.id, row.name, row.title) for row in rows), key=lambda row: (danish_sort_key(row[1]), row[0]))


def raw_scores_frame(session: Session, *, year_id: int) -> pd.DataFrame:
    """Every score of a submitted sheet of the year (``RAW_SCORE_COLUMNS``), by round, juror,
    candidate and criterion."""
    statement = (select(PrizeYear.year, ScoringRound.kind, User.id, User.name, Nomination.name, Criterion.position,
                        Criterion.title_da, Score.value, Score.comment, ScoreSheet.submitted_at)
                 .select_from(Score).join(ScoreSheet, ScoreSheet.id == Score.sheet_id)
                 .join(ScoringRound, ScoringRound.id == ScoreSheet.round_id)
                 .join(PrizeYear, PrizeYear.id == ScoringRound.year_id)
                 .join(User, User.id == ScoreSheet.juror_id)
                 .join(Nomination, Nomination.id == ScoreSheet.nomination_id)
                 .join(Criterion, Criterion.id == Score.criterion_id)
                 .where(ScoringRound.year_id == year_id, ScoreSheet.submitted_at.is_not(None)))
    frame = pd.DataFrame(session.execute(statement).all(), columns=RAW_SCORE_COLUMNS)
    frame["round"] = frame["round"].map(str)
    keys = frame.assign(juror_key=frame["juror"].map(danish_sort_key), candidate_key=frame["candidate"].map(danish_sort_key))
    order = keys.sort_values(["round", "juror_key", "candidate_key", "criterion_position"], kind="stable").index
    return frame.loc[order].reset_index(drop=True)


def score_changes_frame(session: Session, *, year_id: int) -> pd.DataFrame:
    """The audit trail of the year's scores and score sheets (``prize.queries.audit.AUDIT_COLUMNS``), oldest first."""
    ids = set(session.scalars(select(Nomination.id).where(Nomination.year_id == year_id)))
    frames = [audit_frame(session, AuditFilter(entity=entity)) for entity in SCORE_ENTITIES]
    filled = [each for each in frames if len(each)]  # pandas warns of concatenating an empty frame
    frame = pd.concat(filled, ignore_index=True) if filled else frames[0]
    frame = frame[frame["nomination_id"].isin(list(ids))]
    return frame.sort_values(["at", "id"], kind="stable").reset_index(drop=True)


def _by_name(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    order = frame[column].map(danish_sort_key).sort_values(kind="stable").index
    return frame.loc[order].reset_index(drop=True)
