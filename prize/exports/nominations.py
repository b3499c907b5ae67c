"""The year's nominations as CSV, for the secretariat's own checks and spreadsheets."""

from __future__ import annotations

import csv
import io

import pandas as pd
from sqlalchemy.orm import Session

from prize.exports.base import Exporter
from prize.i18n import format_moment, t_plain
from prize.permissions import Action
from prize.queries.nominations import nominations_frame

_COLUMNS = ("name", "villages", "kind", "municipality", "nominating_body", "contact_name", "status",
            "submitted_at")


class NominationsCsv(Exporter):
    identifier = "nominations-csv"
    file_stem = "indstillinger"
    extension = "csv"
    media_type = "text/csv; charset=utf-8"
    title = "exports.nominations_csv"
    action = Action.VIEW_ALL_NOMINATIONS

    def render(self, session: Session) -> bytes:
        """Semicolons and a byte order mark, so Danish Excel opens it with æ, ø and å
        in their own columns; values as a reader sees them (labels, Danish time)."""
        frame = nominations_frame(session, year_id=self.year.id)
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow([t_plain(f"exports.col.{column}", self.locale) for column in _COLUMNS])
        for row in frame.itertuples():
            writer.writerow([row.name, row.villages, self._label("candidatekind", row.kind), row.municipality,
                             row.nominating_body, row.contact_name, self._label("nominationstatus", row.status),
                             str(format_moment(row.submitted_at, self.locale)) if pd.notna(row.submitted_at)
                             else ""])
        return ("\ufeff" + out.getvalue()).encode("utf-8")

    def _label(self, area: str, value: object) -> str:
        return t_plain(f"labels.{area}.{getattr(value, 'value', value)}", self.locale)
