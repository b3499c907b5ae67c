"""The same data gives the same text, numbers and tables; only the creation time differs."""

import io
from datetime import UTC, datetime

from docx import Document
from openpyxl import load_workbook

from prize.exports import exporter_for
from prize.exports.council.model import gather_report
from prize.exports.council.pdf import council_pdf
from prize.services.years import require_current_year
from tests.pages.finals import secretariat_of
from tests.pdf_text import pdf_text_lines

FIRST = datetime(2020, 3, 1, 13, 5, tzinfo=UTC)
LATER = datetime(2020, 3, 2, 9, 30, tzinfo=UTC)


def _export(session, kind: str, now: datetime) -> bytes:
    exporter = exporter_for(f"recommendation-{kind}")(year=require_current_year(session))
    return exporter.export(session, actor=secretariat_of(session), now=now).content


def _docx_text(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    return ([paragraph.text for paragraph in document.paragraphs]
            + [cell.text for table in document.tables for row in table.rows for cell in row.cells])


def _xlsx_values(content: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(io.BytesIO(content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book}


def test_two_exports_hold_the_same_text_and_numbers_but_for_the_creation_time(recommended_session):
    session = recommended_session

    first = {kind: _export(session, kind, FIRST) for kind in ("docx", "pdf", "xlsx")}
    later = {kind: _export(session, kind, LATER) for kind in ("docx", "pdf", "xlsx")}

    docx_first, docx_later = _docx_text(first["docx"]), _docx_text(later["docx"])
    differing = [(a, b) for a, b in zip(docx_first, docx_later, strict=True) if a != b]
    assert differing == [("1. marts 2020", "2. marts 2020"),
                         ("Udskrevet 1. marts 2020 kl. 14:05", "Udskrevet 2. marts 2020 kl. 10:30")]
    assert _xlsx_values(first["xlsx"]) == _xlsx_values(later["xlsx"])
    pdf_first, pdf_later = (pdf_text_lines(council_pdf(gather_report(session, year=require_current_year(session),
                                                                      now=now), compress=False))
                            for now in (FIRST, LATER))
    assert len(pdf_first) > 300
    assert [(a, b) for a, b in zip(pdf_first, pdf_later, strict=True) if a != b] == differing
