"""The jury's progress in a round as CSV: a row per juror, a column per candidate, each
cell the sheet's state, then the juror's done and total. For the command line and the
jury page's download."""

from __future__ import annotations

import io

from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.exports.base import Exporter
from prize.exports.spreadsheet_csv import SpreadsheetWriter
from prize.i18n import t_plain
from prize.permissions import Action, require
from prize.phases import RoundKind
from prize.services.progress import ProgressMatrix, progress_matrix
from prize.services.years import YearInfo


class ProgressCsv(Exporter):
    identifier = "progress-csv"
    file_stem = "juryens-arbejde"
    extension = "csv"
    media_type = "text/csv; charset=utf-8"
    title = "progress.csv.title"
    action = Action.VIEW_PROGRESS

    def __init__(self, *, year: YearInfo, kind: RoundKind | None = None, locale: str = "da") -> None:
        super().__init__(year=year, locale=locale)
        self.kind = kind or year.round_shown or RoundKind.SCREENING

    def render(self, session: Session) -> bytes:
        return self.content_of(progress_matrix(session, year=self.year, kind=self.kind))

    def export_text(self, session: Session, *, actor: Actor, line_end: str = "\n") -> str:
        """The matrix as CSV text without a byte order mark, for standard output."""
        require(actor, self.action, phase=self.year.phase)
        return self.text_of(progress_matrix(session, year=self.year, kind=self.kind), line_end=line_end)

    def content_of(self, matrix: ProgressMatrix) -> bytes:
        """Semicolons and a byte order mark, as Danish Excel opens a file."""
        return ("\ufeff" + self.text_of(matrix)).encode("utf-8")

    def text_of(self, matrix: ProgressMatrix, *, line_end: str = "\r\n") -> str:
        table, counts = matrix.table(), matrix.per_juror()
        out = io.StringIO()
        writer = SpreadsheetWriter(out, line_end=line_end)
        writer.writerow([t_plain("progress.csv.juror", self.locale), *table.columns,
                         t_plain("progress.csv.done", self.locale), t_plain("progress.csv.total", self.locale)])
        for (name, states), done, total in zip(table.iterrows(), counts["done"], counts["total"], strict=True):
            writer.writerow([name, *(t_plain(f"labels.sheetstate.{state.value}", self.locale) for state in states),
                             done, total])
        return out.getvalue()
