"""The recommendation as PDF (fpdf2, pure Python: no LibreOffice, no browser): the same
blocks in the same order as the Word document. Tables are fpdf2's ``table()``, which
breaks them across pages and repeats the heading row. A draft has "UDKAST" diagonally
across every page in light grey: the page's header draws it before the page's text, so
it lies behind the text. Text is set in DejaVu Sans when the system has it (as the
receipt is), else in Helvetica, which still prints æ, ø and å."""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from prize.exports.council.model import CouncilReport
from prize.exports.council.outline import Heading, Image, Logo, PageBreak, Paragraph, Table, outline
from prize.exports.receipt import DEJAVU_DIR

_MARGIN = 20
_LINE = 5.5
_HEADING_SIZES = {1: 15, 2: 12}
_WATERMARK_SIZE = 110  # points: "UDKAST" spans about half the page's diagonal
_WATERMARK_GREY = 215
_PT = 25.4 / 72  # millimetres in a point


class _CouncilPdf(FPDF):
    def __init__(self, *, draft_mark: str) -> None:
        super().__init__(format="A4")
        self.draft_mark = draft_mark
        self.family = "helvetica"
        self.unicode = False

    def header(self) -> None:
        """The draft's mark, centred on the page and turned 45 degrees; fpdf2 restores the
        font and the colours after the header."""
        if not self.draft_mark:
            return
        self.set_font(self.family, "B", _WATERMARK_SIZE)
        self.set_text_color(_WATERMARK_GREY)
        centre_x, centre_y = self.w / 2, self.h / 2
        with self.rotation(45, x=centre_x, y=centre_y):
            self.text(centre_x - self.get_string_width(self.draft_mark) / 2,
                      centre_y + _WATERMARK_SIZE * _PT * 0.35, self.draft_mark)


def council_pdf(report: CouncilReport, *, font_dir: Path | None = DEJAVU_DIR, compress: bool = True,
                charts: bool = True) -> bytes:
    """The recommendation as PDF bytes; ``compress=False`` leaves the text readable in the file."""
    pdf = _CouncilPdf(draft_mark=report.text("council.draft") if report.draft else "")
    pdf.set_compression(compress)
    _font(pdf, font_dir)
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_auto_page_break(auto=True, margin=_MARGIN)
    pdf.set_title(_safe(pdf, f"{report.title}: {report.text('council.title')}"))
    pdf.set_author(_safe(pdf, report.organisation.name))
    pdf.set_creation_date(report.created_at)
    pdf.add_page()
    for block in outline(report, charts=charts):
        _write(pdf, block)
    return bytes(pdf.output())


def _font(pdf: _CouncilPdf, font_dir: Path | None) -> None:
    regular, bold = (font_dir / "DejaVuSans.ttf", font_dir / "DejaVuSans-Bold.ttf") if font_dir else (None, None)
    if regular is not None and regular.is_file() and bold.is_file():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold))
        pdf.family, pdf.unicode = "DejaVu", True


def _write(pdf: _CouncilPdf, block: object) -> None:
    if isinstance(block, Heading):
        pdf.ln(3 if block.level > 1 else 5)
        pdf.set_font(pdf.family, "B", _HEADING_SIZES.get(block.level, 11))
        pdf.multi_cell(0, _HEADING_SIZES.get(block.level, 11) * 0.5, _safe(pdf, block.text), align="L",
                       new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    elif isinstance(block, Paragraph):
        pdf.set_font(pdf.family, "B" if block.bold else "", block.size)
        pdf.multi_cell(0, max(_LINE, block.size * 0.5), _safe(pdf, block.text), align="L",
                       new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    elif isinstance(block, Table):
        _table(pdf, block)
    elif isinstance(block, Image):
        pdf.image(io.BytesIO(block.png), w=pdf.epw * block.width)
        pdf.ln(2)
    elif isinstance(block, Logo):
        pdf.image(io.BytesIO(block.data), w=block.width, h=block.height)
        pdf.ln(4)
    elif isinstance(block, PageBreak):
        pdf.add_page()


def _table(pdf: _CouncilPdf, block: Table) -> None:
    has_headers = any(block.headers)
    pdf.set_font(pdf.family, "", 8)
    with pdf.table(col_widths=block.widths or None, first_row_as_headings=has_headers, text_align="LEFT",
                   line_height=_LINE, headings_style=FontFace(emphasis="BOLD")) as table:
        for values in ((block.headers,) if has_headers else ()) + block.rows:
            row = table.row()
            for text in values:
                row.cell(_safe(pdf, text))
    pdf.ln(3)


def _safe(pdf: _CouncilPdf, text: str) -> str:
    """Helvetica knows Latin-1 only: anything else becomes "?" (en dash: "-")."""
    if pdf.unicode:
        return text
    return text.replace("–", "-").replace("…", "...").encode("latin-1", "replace").decode("latin-1")
