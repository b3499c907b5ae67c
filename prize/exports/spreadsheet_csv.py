"""CSV for spreadsheets: semicolons (Danish Excel's list separator) and no formulas.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read by Excel and LibreOffice as a formula, so a candidate named
``=HYPERLINK("https://…"&A1)`` would run in the secretariat's spreadsheet
(CSV injection, CWE-1236). Such a cell gets a leading apostrophe, which the
spreadsheet shows as text; a plain number (a negative z-score) stays a number.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import TextIO

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d[\d.,]*")


def neutralise(value: object) -> object:
    """``value`` as a spreadsheet shows it as text, never as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


class SpreadsheetWriter:
    """``csv.writer`` with ``;`` between cells and every cell neutralised."""

    def __init__(self, out: TextIO, *, line_end: str) -> None:
        self._writer = csv.writer(out, delimiter=";", lineterminator=line_end)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)
