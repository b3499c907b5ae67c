"""The recommendation as a Word document (python-docx), ready for the council's agenda
system: the outline's blocks in order, table headings repeated on every page a table
runs onto, and "UDKAST" in the header of every page when the year is not yet at the
recommendation."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from prize.exports.council.model import CouncilReport
from prize.exports.council.outline import Heading, Image, PageBreak, Paragraph, Table, outline
from prize.i18n import to_local

_TEXT_WIDTH_CM = 16.0
_DRAFT_COLOUR = RGBColor(0xB0, 0x00, 0x20)


def council_docx(report: CouncilReport, *, charts: bool = True) -> bytes:
    document = Document()
    _page(document, report)
    for block in outline(report, charts=charts):
        _write(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _page(document: WordDocument, report: CouncilReport) -> None:
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10)
    properties = document.core_properties
    properties.title = f"{report.title}: {report.text('council.title')}"
    properties.author = properties.last_modified_by = report.organisation
    properties.language = report.locale
    properties.created = properties.modified = to_local(report.created_at).replace(tzinfo=None)
    properties.revision = 1
    if report.draft:
        run = section.header.paragraphs[0].add_run(report.text("council.draft"))
        run.bold, run.font.size, run.font.color.rgb = True, Pt(20), _DRAFT_COLOUR


def _write(document: WordDocument, block: object) -> None:
    if isinstance(block, Heading):
        document.add_heading(block.text, level=block.level)
    elif isinstance(block, Paragraph):
        run = document.add_paragraph().add_run(block.text)
        run.bold, run.font.size = block.bold, Pt(block.size)
    elif isinstance(block, Table):
        _table(document, block)
    elif isinstance(block, Image):
        document.add_picture(io.BytesIO(block.png), width=Cm(_TEXT_WIDTH_CM * block.width))
    elif isinstance(block, PageBreak):
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _table(document: WordDocument, block: Table) -> None:
    has_headers = any(block.headers)
    table = document.add_table(rows=0, cols=len(block.headers))
    table.style = "Table Grid"
    if has_headers:
        cells = table.add_row().cells
        for cell, text in zip(cells, block.headers, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        _repeat_as_heading(table.rows[0])
    for values in block.rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    total = sum(block.widths) or len(block.headers)
    for index, column in enumerate(table.columns):
        share = (block.widths[index] if block.widths else 1) / total
        for cell in column.cells:
            cell.width = Cm(_TEXT_WIDTH_CM * share)
    document.add_paragraph()


def _repeat_as_heading(row) -> None:
    """Word repeats a row marked ``tblHeader`` at the top of every page the table continues on."""
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)
