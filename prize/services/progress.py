"""The secretariat's view of the jury's work in the round the year shows: who has
scored what, the counts, and the reminders for the jurors behind.

A conflict counts as done: the juror may not score that candidate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.i18n import danish_sort_key, format_moment, t_plain
from prize.permissions import Action, require
from prize.phases import RoundKind
from prize.queries import progress as progress_queries
from prize.queries.years import scoring_round
from prize.services.scoring import SheetState, sheet_state
from prize.services.years import YearInfo

COUNT_COLUMNS = ["submitted", "in_progress", "not_started", "conflict", "done", "total"]
_DONE = (SheetState.SUBMITTED, SheetState.CONFLICT)


@dataclass(frozen=True)
class Reminder:
    """A juror behind in the round: ``left`` of the ``total`` candidates they are to
    score (their conflicts not counted), with a ready text to send them."""

    juror: str
    email: str
    left: int
    total: int
    text: str
    juror_id: int = 0


@dataclass(frozen=True)
class ProgressMatrix:
    """``cells``: one row per juror and candidate (``prize.queries.progress.CELL_COLUMNS``)
    with its ``state``; jurors and candidates in Danish alphabetical order."""

    year: YearInfo
    round_kind: RoundKind | None
    cells: pd.DataFrame

    @property
    def deadline(self) -> datetime | None:
        return self.year.deadline_of(self.round_kind) if self.round_kind else None

    @property
    def candidates(self) -> list[str]:
        return list(dict.fromkeys(self.cells["candidate"]))

    @property
    def sheets_needed(self) -> int:
        return int((self.cells["state"] != SheetState.CONFLICT).sum())

    @property
    def sheets_missing(self) -> int:
        return int((~self.cells["state"].isin(_DONE)).sum())

    @property
    def juror_count(self) -> int:
        return int(self.cells["juror_id"].nunique())

    @property
    def jurors_done(self) -> int:
        """Jurors with every candidate submitted or conflicted."""
        counts = self.per_juror()
        return int((counts["done"] == counts["total"]).sum())

    def table(self) -> pd.DataFrame:
        """Jurors as rows, candidates as columns, each cell a ``SheetState``."""
        wide = self.cells.pivot(index="juror_id", columns="candidate", values="state")
        order = list(dict.fromkeys(self.cells["juror_id"]))
        names = self.cells.drop_duplicates("juror_id").set_index("juror_id")["juror"]
        wide = wide.reindex(index=order, columns=self.candidates)
        wide.index = pd.Index([names[juror_id] for juror_id in order], name="juror")
        wide.columns.name = None
        return wide

    def per_juror(self) -> pd.DataFrame:
        """Per juror (``id``, ``name``): how many candidates in each state, and ``done``
        (submitted or conflict) of ``total``."""
        return self._counts("juror_id", "juror")

    def per_candidate(self) -> pd.DataFrame:
        return self._counts("nomination_id", "candidate")

    def _counts(self, key: str, name: str) -> pd.DataFrame:
        frame = self.cells
        counts = pd.crosstab(frame[key], frame["state"]).reindex(columns=list(SheetState), fill_value=0)
        counts.columns = [state.value for state in counts.columns]
        counts["done"] = counts["submitted"] + counts["conflict"]
        counts["total"] = counts[[state.value for state in SheetState]].sum(axis=1)
        order = list(dict.fromkeys(frame[key]))
        names = frame.drop_duplicates(key).set_index(key)[name]
        counts = counts.reindex(order, fill_value=0)
        counts.insert(0, "name", [names[each] for each in order])
        counts.insert(0, "id", order)
        return counts.reset_index(drop=True)[["id", "name", *COUNT_COLUMNS]].astype({c: int for c in COUNT_COLUMNS})


def round_progress(session: Session, *, actor: Actor, year: YearInfo) -> ProgressMatrix:
    """The progress of the round the year's phase shows; no round: an empty matrix."""
    require(actor, Action.VIEW_PROGRESS, phase=year.phase)
    return progress_matrix(session, year=year, kind=year.round_shown)


def progress_of_round(session: Session, *, actor: Actor, year: YearInfo, kind: RoundKind) -> ProgressMatrix:
    """The progress of a named round (the command line's choice), whatever the phase."""
    require(actor, Action.VIEW_PROGRESS, phase=year.phase)
    return progress_matrix(session, year=year, kind=kind)


def progress_matrix(session: Session, *, year: YearInfo, kind: RoundKind | None) -> ProgressMatrix:
    """The matrix of round ``kind`` without a permission check: the caller (a service
    above, an exporter's ``authorise``) has asked the rule book."""
    if kind is None:
        return ProgressMatrix(year=year, round_kind=None, cells=_with_states(
            pd.DataFrame(columns=progress_queries.CELL_COLUMNS)))
    shown = scoring_round(session, year_id=year.id, kind=kind)
    cells = progress_queries.progress_cells(session, year_id=year.id, round_id=shown.id if shown else None,
                                            finalists_only=kind == RoundKind.FINAL)
    cells = cells.sort_values(["juror", "juror_id", "candidate"], key=_danish_or_id, kind="stable",
                              ignore_index=True)
    return ProgressMatrix(year=year, round_kind=kind, cells=_with_states(cells))


def _danish_or_id(column: pd.Series) -> pd.Series:
    return column.map(danish_sort_key) if column.dtype == object else column


def _with_states(cells: pd.DataFrame) -> pd.DataFrame:
    states = [sheet_state(conflict=bool(row.conflict), scored=int(row.scored),
                          submitted=row.submitted_at is not None and not pd.isna(row.submitted_at))
              for row in cells.itertuples()]
    return cells.assign(state=pd.Series(states, index=cells.index, dtype=object))


def reminders(matrix: ProgressMatrix, *, locale: str = "da") -> list[Reminder]:
    """The jurors who are not done, each with a reminder text to copy (plain text,
    Danish by default): the round, how many they have left, the deadline in Danish time."""
    if matrix.round_kind is None:
        return []
    round_name = t_plain(f"labels.roundkind.{matrix.round_kind.value}", locale)
    emails = matrix.cells.drop_duplicates("juror_id").set_index("juror_id")["email"]
    deadline = (t_plain("progress.reminder.deadline", locale, deadline=format_moment(matrix.deadline, locale))
                if matrix.deadline else t_plain("progress.reminder.no_deadline", locale))
    behind = []
    for row in matrix.per_juror().itertuples():
        left, to_score = row.total - row.done, row.total - row.conflict
        if left:
            text = t_plain("progress.reminder.text", locale, name=row.name, round=round_name,
                           title=matrix.year.title, left=left, total=to_score, deadline=deadline)
            behind.append(Reminder(juror=row.name, email=emails[row.id] or "", left=left, total=to_score,
                                   text=text, juror_id=int(row.id)))
    return behind
