"""The audit trail as CSV: the entries the secretariat's filter lets through, newest
first, for the data protection officer's or an auditor's own spreadsheet."""

from __future__ import annotations

import io
from datetime import datetime

import pandas as pd
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.exports.base import Exporter, ExportFile
from prize.exports.spreadsheet_csv import SpreadsheetWriter
from prize.i18n import catalog, normalise_locale, t_plain, to_local
from prize.models.base import utcnow
from prize.permissions import Action, require
from prize.queries.audit import AuditFilter, audit_frame

_COLUMNS = ("at", "actor", "action", "action_code", "entity", "entity_id", "candidate", "old", "new")


def action_label(action: str, locale: str) -> str:
    """The action's name for a reader ("Indstilling indsendt"); its code when the catalog has none."""
    return _label_or_code(f"audit.action.{action}", action, locale)


def entity_label(entity: str, locale: str) -> str:
    """The object type's name for a reader ("Bedømmelsesark"); its code when the catalog has none."""
    return _label_or_code(f"audit.entity.{entity}", entity, locale)


def _label_or_code(key: str, code: str, locale: str) -> str:
    return t_plain(key, locale) if key in catalog(normalise_locale(locale)) else code


class AuditCsv(Exporter):
    identifier = "audit-csv"
    file_stem = "revisionsspor"
    extension = "csv"
    media_type = "text/csv; charset=utf-8"
    title = "audit.csv.title"
    action = Action.VIEW_AUDIT

    def __init__(self, *, chosen: AuditFilter = AuditFilter(), locale: str = "da") -> None:
        self.chosen = chosen
        self.locale = locale

    def filename(self, *, now: datetime) -> str:
        """E.g. ``landsbyprisen-revisionsspor-20200325-1405.csv``, in Danish time: the trail spans years."""
        return f"landsbyprisen-{self.file_stem}-{to_local(now):%Y%m%d-%H%M}.{self.extension}"

    def authorise(self, session: Session, *, actor: Actor) -> None:
        require(actor, self.action, phase=None)

    def render(self, session: Session) -> bytes:
        return self.content_of(audit_frame(session, self.chosen))

    def export_rows(self, frame: pd.DataFrame, *, actor: Actor, now: datetime | None = None) -> ExportFile:
        """The entries the page shows (``prize.queries.audit.AUDIT_COLUMNS``) as the file."""
        require(actor, self.action, phase=None)
        return ExportFile(filename=self.filename(now=now or utcnow()), media_type=self.media_type,
                          content=self.content_of(frame))

    def content_of(self, frame: pd.DataFrame) -> bytes:
        """Semicolons and a byte order mark, as Danish Excel opens a file."""
        return ("\ufeff" + self.text_of(frame)).encode("utf-8")

    def text_of(self, frame: pd.DataFrame, *, line_end: str = "\r\n") -> str:
        out = io.StringIO()
        writer = SpreadsheetWriter(out, line_end=line_end)
        writer.writerow([t_plain(f"audit.csv.{column}", self.locale) for column in _COLUMNS])
        writer.writerows(self._values(row) for row in frame.itertuples())
        return out.getvalue()

    def _values(self, row) -> list[str]:
        return [f"{to_local(row.at):%Y-%m-%d %H:%M:%S}", row.actor_label, action_label(row.action, self.locale),
                row.action, entity_label(row.entity, self.locale), _text(row.entity_id), _text(row.candidate),
                _text(row.old_value), _text(row.new_value)]


def _text(value: object) -> str:
    """A cell: empty for a missing value, whole numbers without a decimal point."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
