"""The year's nominations as CSV: the secretariat's list (``prize.services.review``)
for its own checks and spreadsheets, from the page and from the command line."""

from __future__ import annotations

import io
from datetime import datetime

import pandas as pd
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.exports.base import Exporter, ExportFile
from prize.exports.spreadsheet_csv import SpreadsheetWriter
from prize.i18n import format_moment, format_size, t_plain
from prize.models.base import utcnow
from prize.permissions import Action, require
from prize.services.review import review_frame
from prize.services.years import YearInfo
from prize.settings import Settings

_COLUMNS = ("name", "villages", "kind", "municipality", "nominating_body", "contact_name", "status", "submitted_at",
            "complete", "missing", "attachments", "attachment_size", "precheck", "eligibility_reason")


class NominationsCsv(Exporter):
    identifier = "nominations-csv"
    file_stem = "indstillinger"
    extension = "csv"
    media_type = "text/csv; charset=utf-8"
    title = "exports.nominations_csv"
    action = Action.VIEW_ALL_NOMINATIONS

    def __init__(self, *, year: YearInfo, locale: str = "da",
                 quarantine_years: int = Settings.winner_quarantine_years) -> None:
        super().__init__(year=year, locale=locale)
        self.quarantine_years = quarantine_years

    def render(self, session: Session) -> bytes:
        return self.content_of(review_frame(session, year_id=self.year.id, quarantine_years=self.quarantine_years))

    def export_rows(self, frame: pd.DataFrame, *, actor: Actor, now: datetime | None = None) -> ExportFile:
        """The rows of the list the page shows (filtered and sorted) as the file."""
        require(actor, self.action, phase=self.year.phase)
        return ExportFile(filename=self.filename(now=now or utcnow()), media_type=self.media_type,
                          content=self.content_of(frame))

    def export_text(self, session: Session, *, actor: Actor, line_end: str = "\n") -> str:
        """The whole year's list as CSV text without a byte order mark, for standard output."""
        require(actor, self.action, phase=self.year.phase)
        return self.text_of(review_frame(session, year_id=self.year.id, quarantine_years=self.quarantine_years),
                            line_end=line_end)

    def content_of(self, frame: pd.DataFrame) -> bytes:
        """Semicolons and a byte order mark, so Danish Excel opens it with æ, ø and å
        in their own columns."""
        return ("\ufeff" + self.text_of(frame)).encode("utf-8")

    def text_of(self, frame: pd.DataFrame, *, line_end: str = "\r\n") -> str:
        """The rows of ``frame`` (``prize.services.review.LIST_COLUMNS``) as CSV text, values
        as a reader sees them: labels, Danish time, the pre-checks' reasons."""
        out = io.StringIO()
        writer = SpreadsheetWriter(out, line_end=line_end)
        writer.writerow([t_plain(f"exports.col.{column}", self.locale) for column in _COLUMNS])
        writer.writerows(self._values(row) for row in frame.itertuples())
        return out.getvalue()

    def _values(self, row) -> list[str]:
        return [row.name, row.villages, self._label("candidatekind", row.kind), row.municipality,
                row.nominating_body, row.contact_name, self._label("nominationstatus", row.status),
                str(format_moment(row.submitted_at, self.locale)) if pd.notna(row.submitted_at) else "",
                t_plain("common.yes" if row.complete else "common.no", self.locale),
                ", ".join(t_plain(part, self.locale) for part in row.missing), str(row.attachments),
                str(format_size(row.attachment_bytes, self.locale)),
                " ".join(failure.message(self.locale, plain=True) for failure in row.precheck),
                row.eligibility_reason]

    def _label(self, area: str, value: object) -> str:
        return t_plain(f"labels.{area}.{getattr(value, 'value', value)}", self.locale)
