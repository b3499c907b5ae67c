"""Conflicts of interest: which are active, the scores that count despite them, the
proposals the data makes, and the list of all conflicts of a year.

An active conflict is one not withdrawn (``withdrawn_at`` is NULL); only active
conflicts bar a juror from a candidate or keep their scores out of an aggregate.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from prize.i18n import danish_sort_key
from prize.models import Conflict, ConflictReason, Municipality, Nomination, Score, ScoreSheet, User
from prize.phases import IN_COMPETITION
from prize.queries.nominations import sort_by_name
from prize.roles import Role

# True for a conflict that counts: one not withdrawn.
IS_ACTIVE = Conflict.withdrawn_at.is_(None)

COUNTED_SCORE_COLUMNS = ["sheet_id", "juror_id", "nomination_id", "criterion_id", "value"]
PROPOSAL_COLUMNS = ["juror_id", "juror", "nomination_id", "candidate", "municipality", "reason"]
CONFLICT_COLUMNS = ["id", "juror_id", "juror", "nomination_id", "candidate", "reason", "note", "declared_by",
                    "declared_at", "withdrawn_at", "withdrawal_reason", "active"]


def active_conflict_ids(session: Session, *, juror_id: int, year_id: int) -> set[int]:
    """The candidates (nomination ids) of the year the juror has an active conflict with."""
    statement = (select(Conflict.nomination_id)
                 .join(Nomination, Nomination.id == Conflict.nomination_id)
                 .where(Conflict.juror_id == juror_id, Nomination.year_id == year_id, IS_ACTIVE))
    return set(session.scalars(statement))


def is_conflicted(session: Session, *, juror_id: int, nomination_id: int) -> bool:
    """Whether the juror has an active conflict with the candidate."""
    statement = select(Conflict.id).where(Conflict.juror_id == juror_id, Conflict.nomination_id == nomination_id,
                                          IS_ACTIVE)
    return session.scalar(statement) is not None


def counted_scores_frame(session: Session, *, round_id: int) -> pd.DataFrame:
    """The scores that count in the round's aggregates (``COUNTED_SCORE_COLUMNS``): those of
    submitted sheets whose juror has no active conflict with the candidate. The others are
    kept in the database, only left out here."""
    active = aliased(Conflict)
    statement = (select(Score.sheet_id, ScoreSheet.juror_id, ScoreSheet.nomination_id, Score.criterion_id,
                        Score.value)
                 .join(ScoreSheet, ScoreSheet.id == Score.sheet_id)
                 .outerjoin(active, and_(active.juror_id == ScoreSheet.juror_id,
                                         active.nomination_id == ScoreSheet.nomination_id,
                                         active.withdrawn_at.is_(None)))
                 .where(ScoreSheet.round_id == round_id, ScoreSheet.submitted_at.is_not(None), active.id.is_(None))
                 .order_by(ScoreSheet.nomination_id, ScoreSheet.juror_id, Score.criterion_id))
    return pd.DataFrame(session.execute(statement).all(), columns=COUNTED_SCORE_COLUMNS)


def conflict_of(session: Session, *, juror_id: int, nomination_id: int, lock: bool = False) -> Conflict | None:
    """The juror's conflict row for the candidate, active or withdrawn; ``lock``: locked
    (PostgreSQL) for a change that follows."""
    statement = select(Conflict).where(Conflict.juror_id == juror_id, Conflict.nomination_id == nomination_id)
    return session.scalar(statement.with_for_update() if lock else statement)


def conflict_by_id_for_update(session: Session, conflict_id: int) -> Conflict | None:
    return session.scalar(select(Conflict).where(Conflict.id == conflict_id).with_for_update())


def proposals_frame(session: Session, *, year_id: int, juror_id: int | None = None) -> pd.DataFrame:
    """Conflicts the data suggests (``PROPOSAL_COLUMNS``): an active juror whose home municipality
    is the candidate's, with no active conflict for it; only ``juror_id``'s when given. In order
    of the candidate's name, then the juror's."""
    active = aliased(Conflict)
    statement = (select(User.id, User.name, Nomination.id, Nomination.name, Municipality.name)
                 .join(Nomination, Nomination.municipality_id == User.home_municipality_id)
                 .join(Municipality, Municipality.id == Nomination.municipality_id)
                 .outerjoin(active, and_(active.juror_id == User.id, active.nomination_id == Nomination.id,
                                         active.withdrawn_at.is_(None)))
                 .where(User.role == Role.JUROR, User.active.is_(True), Nomination.year_id == year_id,
                        Nomination.status.in_(IN_COMPETITION), active.id.is_(None)))
    if juror_id is not None:
        statement = statement.where(User.id == juror_id)
    rows = [(*row, ConflictReason.OWN_MUNICIPALITY) for row in session.execute(statement)]
    frame = pd.DataFrame(rows, columns=PROPOSAL_COLUMNS)
    return sort_by_name(sort_by_name(frame, "juror"), "candidate")


def conflicts_frame(session: Session, *, year_id: int) -> pd.DataFrame:
    """Every conflict of the year's candidates, withdrawn ones too (``CONFLICT_COLUMNS``), in
    order of the candidate's name, then the juror's."""
    juror, declarer = aliased(User), aliased(User)
    statement = (select(Conflict.id, Conflict.juror_id, juror.name, Conflict.nomination_id, Nomination.name,
                        Conflict.reason, Conflict.note, declarer.name, Conflict.declared_at, Conflict.withdrawn_at,
                        Conflict.withdrawal_reason, IS_ACTIVE)
                 .join(juror, juror.id == Conflict.juror_id)
                 .join(Nomination, Nomination.id == Conflict.nomination_id)
                 .outerjoin(declarer, declarer.id == Conflict.declared_by_id)
                 .where(Nomination.year_id == year_id))
    frame = pd.DataFrame(session.execute(statement).all(), columns=CONFLICT_COLUMNS)
    frame["reason"] = frame["reason"].map(ConflictReason)
    frame["active"] = frame["active"].astype(bool)
    return sort_by_name(sort_by_name(frame, "juror"), "candidate")


def juror_options(session: Session) -> list[tuple[int, str]]:
    """The active jurors as (id, name), in Danish order of the name."""
    rows = session.execute(select(User.id, User.name).where(User.role == Role.JUROR, User.active.is_(True))).all()
    return sorted(((row.id, row.name) for row in rows), key=lambda row: danish_sort_key(row[1]))


def candidate_options(session: Session, *, year_id: int) -> list[tuple[int, str]]:
    """The year's candidates in competition as (id, name), in Danish order of the name."""
    rows = session.execute(select(Nomination.id, Nomination.name).where(
        Nomination.year_id == year_id, Nomination.status.in_(IN_COMPETITION))).all()
    return sorted(((row.id, row.name) for row in rows), key=lambda row: danish_sort_key(row[1]))
