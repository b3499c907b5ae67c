"""The scores behind the recommendation as an Excel workbook (openpyxl): every submitted
score in long format, the ranking of each round under every method with the robustness
statements, the per-criterion means, the conflicts and the audit trail of score changes.
Headers in Danish; numbers and moments are cells of their own type, never text.

A text cell that starts with "=" would be read as a formula (CSV injection's cousin), so
every text is stored as a string cell explicitly."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from prize.exports.council.model import CONFLICT_REASON_COLUMNS, CouncilReport, RoundSection
from prize.i18n import t_plain, to_local

_MAX_WIDTH = 60
# How Excel shows a moment and a decimal number: "25. marts 2020 14:05" (the month named in
# Danish whatever the reader's Excel speaks) and "4,35"; the cell keeps the exact number.
_MOMENT_FORMATS = {"da": "[$-406]d. mmmm yyyy hh:mm", "en": "[$-809]d mmmm yyyy hh:mm"}
_DECIMAL_FORMAT = "0.00"
# The widest moment shown: "28. september 2020 14:05".
_MOMENT_WIDTH = 24


def council_xlsx(report: CouncilReport) -> bytes:
    book = Workbook()
    book.remove(book.active)
    book.properties.creator = report.organisation.name
    book.properties.title = f"{report.title}: {report.text('council.title')}"
    book.properties.created = book.properties.modified = _moment(report.created_at)
    _raw(book, report)
    _ranking(book, report)
    _robustness(book, report)
    _means(book, report)
    _conflicts(book, report)
    _audit(book, report)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _raw(book: Workbook, report: CouncilReport) -> None:
    raw = report.raw_scores
    rows = ((int(r.year), r.round, r.juror, r.candidate, r.criterion, int(r.score), r.comment, _moment(r.submitted_at))
            for r in raw.itertuples())
    _sheet(book, report, "raw", ["year", "round", "juror", "candidate", "criterion", "score", "comment",
                                 "submitted_at"], rows)


def _ranking(book: Workbook, report: CouncilReport) -> None:
    rows = ((r.round, r.method, int(r.rank), r.candidate, float(r.score), int(r.n_jurors))
            for section in (report.screening, report.final) for r in section.by_method.itertuples())
    _sheet(book, report, "ranking", ["round", "method", "rank", "candidate", "score", "jurors"], rows)


def _robustness(book: Workbook, report: CouncilReport) -> None:
    rows = ((_round_name(report, section), line) for section in (report.screening, report.final)
            for line in section.robustness)
    _sheet(book, report, "robustness", ["round", "line"], rows)


def _means(book: Workbook, report: CouncilReport) -> None:
    titles = [line.title for line in report.criteria]
    rows = ((_round_name(report, section), candidate, *(_number(section.means.at[candidate, title])
                                                         for title in titles))
            for section in (report.screening, report.final) for candidate in section.means.index)
    _sheet(book, report, "means", ["round", "candidate"], rows, extra_headers=titles)


def _conflicts(book: Workbook, report: CouncilReport) -> None:
    """Juror, candidate, type and whether it counts; the reasons too when the year prints them."""
    yes_no = {True: "Ja" if report.locale == "da" else "Yes", False: "Nej" if report.locale == "da" else "No"}
    reasons = CONFLICT_REASON_COLUMNS if report.conflict_reasons else []
    rows = ((r.juror, r.candidate, r.type, yes_no[bool(r.active)], *(getattr(r, column) for column in reasons))
            for r in report.conflicts.itertuples())
    _sheet(book, report, "conflicts", ["juror", "candidate", "type", "active", *reasons], rows)


def _audit(book: Workbook, report: CouncilReport) -> None:
    rows = ((_moment(r.at), r.actor_label, r.action, r.candidate or "", r.old_value or "", r.new_value or "")
            for r in report.score_changes.itertuples())
    _sheet(book, report, "audit", ["at", "actor", "action", "candidate", "old", "new"], rows)


def _sheet(book: Workbook, report: CouncilReport, name: str, columns: Sequence[str], rows: Iterable[Sequence],
           *, extra_headers: Sequence[str] = ()) -> Worksheet:
    sheet = book.create_sheet(report.text(f"council.sheet.{name}"))
    sheet.append([report.text(f"council.col.{column}") for column in columns] + list(extra_headers))
    for row in rows:
        sheet.append(list(row))
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = TYPE_STRING
            elif isinstance(cell.value, datetime):
                cell.number_format = _MOMENT_FORMATS[report.locale]
            elif isinstance(cell.value, float):
                cell.number_format = _DECIMAL_FORMAT
    sheet.freeze_panes = "A2"
    _widths(sheet)
    return sheet


def _widths(sheet: Worksheet) -> None:
    for index, column in enumerate(sheet.iter_cols(), 1):
        width = max((_MOMENT_WIDTH if isinstance(cell.value, datetime) else len(str(cell.value))
                     for cell in column if cell.value is not None), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(_MAX_WIDTH, width + 2)


def _round_name(report: CouncilReport, section: RoundSection) -> str:
    return t_plain(f"labels.roundkind.{section.kind.value}", report.locale)


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _moment(value: datetime | None) -> datetime | None:
    """Excel knows no time zones: a moment is written in Danish time."""
    if value is None or pd.isna(value):
        return None
    return to_local(pd.Timestamp(value).to_pydatetime()).replace(tzinfo=None)
