"""The recommendation as a Word document (python-docx), ready for the council's agenda
system: the outline's blocks in order, table headings repeated on every page a table
runs onto, and, when the year is not yet at the recommendation, "UDKAST" as a diagonal
light-grey watermark behind the text of every page.

The watermark is built the way Word builds its own ("Design > Watermark"): a VML text
shape (``v:shape`` of type ``#_x0000_t136``, whose ``v:textpath`` holds the word) in the
section's header, placed at the page's centre behind the text. Word repeats a header on
every page, so the mark is on every page."""

from __future__ import annotations

import io
from xml.sax.saxutils import quoteattr

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Mm, Pt

from prize.exports.council.model import CouncilReport
from prize.exports.council.outline import Heading, Image, Logo, PageBreak, Paragraph, Table, outline
from prize.i18n import to_local

_TEXT_WIDTH_CM = 16.0
# Word's own shape type for WordArt text along a path, as its "DRAFT" watermark declares it.
_TEXT_SHAPE_TYPE = """
<v:shapetype xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
    id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">
  <v:formulas>
    <v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>
    <v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/>
    <v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>
    <v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/>
  </v:formulas>
  <v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"
      o:connectangles="270,180,90,0"/>
  <v:textpath on="t" fitshape="t"/>
  <v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>
  <o:lock v:ext="edit" text="t" shapetype="t"/>
</v:shapetype>"""
# The mark: 45 degrees up from left to right (rotation 315), centred on the page, behind the text
# (a negative z-index), light grey and half transparent, no outline.
_WATERMARK = """
<w:pict xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
    xmlns:w10="urn:schemas-microsoft-com:office:word">
  {shape_type}
  <v:shape id="PowerPlusWaterMarkObject" o:spid="_x0000_s2049" type="#_x0000_t136" o:allowincell="f"
      fillcolor="#d0d0d0" stroked="f"
      style="position:absolute;margin-left:0;margin-top:0;width:460pt;height:115pt;rotation:315;z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin">
    <v:fill opacity=".5"/>
    <v:textpath style="font-family:&quot;Calibri&quot;;font-size:1pt" string={text}/>
    <w10:wrap anchorx="margin" anchory="margin"/>
  </v:shape>
</w:pict>"""


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
    properties.author = properties.last_modified_by = report.organisation.name
    properties.language = report.locale
    properties.created = properties.modified = to_local(report.created_at).replace(tzinfo=None)
    properties.revision = 1
    if report.draft:
        _watermark(section, report.text("council.draft"))


def _watermark(section: Section, text: str) -> None:
    """``text`` diagonally across every page of ``section``, behind the text."""
    run = section.header.paragraphs[0].add_run()
    run._r.append(parse_xml(_WATERMARK.format(shape_type=_TEXT_SHAPE_TYPE, text=quoteattr(text))))


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
    elif isinstance(block, Logo):
        document.add_picture(io.BytesIO(block.data), width=Mm(block.width), height=Mm(block.height))
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
