"""The juror's side of judging."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import pandas as pd
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.permissions import Action, require
from prize.phases import JUDGING_PHASES, RoundKind
from prize.queries import scoring as scoring_queries
from prize.queries.years import scoring_round
from prize.services.years import YearInfo


class SheetState(StrEnum):
    CONFLICT = "conflict"
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"


def sheet_state(*, conflict: bool, scored: int, submitted: bool) -> SheetState:
    """Where a juror stands with one candidate (pure rule)."""
    if conflict:
        return SheetState.CONFLICT
    if submitted:
        return SheetState.SUBMITTED
    return SheetState.IN_PROGRESS if scored else SheetState.NOT_STARTED


@dataclass(frozen=True)
class Worklist:
    round_kind: RoundKind | None
    is_open: bool
    criteria_count: int
    candidates: pd.DataFrame
    deadline: datetime | None = None

    @property
    def to_score(self) -> int:
        return int((~self.candidates["conflict"].astype(bool)).sum())

    @property
    def submitted(self) -> int:
        return int(self.candidates["submitted_at"].notna().sum())

    def states(self) -> list[SheetState]:
        return [sheet_state(conflict=bool(row.conflict), scored=int(row.scored),
                            submitted=row.submitted_at is not None and not pd.isna(row.submitted_at))
                for row in self.candidates.itertuples()]


def juror_worklist(session: Session, *, actor: Actor, year: YearInfo) -> Worklist:
    """The candidates of the round the year is in, with the juror's own progress only."""
    require(actor, Action.VIEW_OWN_SHEETS, phase=year.phase)
    kind = year.round_shown
    shown = scoring_round(session, year_id=year.id, kind=kind) if kind else None
    if shown is None:
        empty = pd.DataFrame(columns=scoring_queries.WORKLIST_COLUMNS)
        return Worklist(round_kind=None, is_open=False, criteria_count=0, candidates=empty)
    frame = scoring_queries.juror_worklist_frame(
        session, year_id=year.id, round_id=shown.id, juror_id=actor.id,
        finalists_only=kind == RoundKind.FINAL)
    return Worklist(round_kind=kind, is_open=year.phase in JUDGING_PHASES and shown.closed_at is None,
                    criteria_count=scoring_queries.criteria_count(session, year.id), candidates=frame,
                    deadline=year.deadline_of(kind))
