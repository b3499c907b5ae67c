"""A submitted nomination's receipt as PDF, written with fpdf2 (pure Python).

The text is set in DejaVu Sans when the system has it (Debian: fonts-dejavu-core),
which holds every letter a name may have. Without it, the PDF's own Helvetica is
used; it covers Latin-1, so æ, ø and å print, and any other character prints as
"?" rather than failing the receipt.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from babel.dates import format_datetime
from babel.numbers import format_decimal
from fpdf import FPDF
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.exports.base import Exporter
from prize.i18n import normalise_locale, t_plain, to_local
from prize.permissions import Action
from prize.services.reach import require_on_nomination
from prize.services.receipts import Receipt

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
_MOMENT = {"da": "d. MMMM y 'kl.' HH.mm", "en": "d MMMM y 'at' HH:mm"}
_LABEL_WIDTH = 45
_LINE = 6


class NominationReceipt(Exporter):
    identifier = "nomination-receipt"
    file_stem = "kvittering"
    extension = "pdf"
    media_type = "application/pdf"
    title = "form.receipt.title"
    action = Action.VIEW_NOMINATION

    def __init__(self, *, receipt: Receipt, locale: str = "da", font_dir: Path | None = DEJAVU_DIR) -> None:
        super().__init__(year=receipt.year, locale=locale)
        self.receipt = receipt
        self.font_dir = font_dir

    def filename(self, *, now: datetime) -> str:
        """Named by the moment of submission, so every download of one receipt has one name."""
        stamp = to_local(self.receipt.submitted_at).strftime("%Y%m%d-%H%M")
        return (f"landsbyprisen-{self.year.year}-{self.file_stem}-{self.receipt.nomination_id}-{stamp}"
                f".{self.extension}")

    def authorise(self, session: Session, *, actor: Actor) -> None:
        require_on_nomination(session, actor=actor, action=self.action, nomination_id=self.receipt.nomination_id)

    def render(self, session: Session) -> bytes:
        return receipt_pdf(self.receipt, locale=self.locale, font_dir=self.font_dir)


def receipt_pdf(receipt: Receipt, *, locale: str = "da", font_dir: Path | None = DEJAVU_DIR,
                compress: bool = True) -> bytes:
    """The receipt as PDF bytes; ``compress=False`` leaves the text readable in the file."""
    writer = _ReceiptWriter(locale=normalise_locale(locale), font_dir=font_dir)
    writer.pdf.set_compression(compress)
    writer.write(receipt)
    return bytes(writer.pdf.output())


def receipt_rows(receipt: Receipt, locale: str) -> list[tuple[str, str]]:
    """The receipt's facts as (label, value) in the order both the PDF and the page show them."""
    text = lambda key, **params: t_plain(key, locale, **params)  # noqa: E731
    return [
        (text("fields.candidate_name"), receipt.candidate),
        (text("fields.candidate_kind"), text(f"labels.candidatekind.{receipt.kind.value}")),
        (text("fields.villages"), ", ".join(receipt.villages)),
        (text("fields.municipality"), receipt.municipality),
        (text("form.receipt.body"), receipt.nominating_body),
        (text("fields.contact_name"), receipt.contact_name),
        (text("form.receipt.submitted_at"), format_receipt_moment(receipt.submitted_at, locale)),
        (text("form.receipt.id"), receipt.receipt_id),
    ]


def material_lines(receipt: Receipt, locale: str) -> list[str]:
    """One line per file ("name (2,4 MB)") and per link, or one line saying there is none."""
    files = [f"{file.filename} ({format_size(file.size_bytes, locale)})" for file in receipt.material]
    links = [t_plain(key, locale, link=link) for key, link in (("form.receipt.website", receipt.website_url),
                                                                ("form.receipt.video", receipt.video_url)) if link]
    return files + links or [t_plain("form.receipt.no_material", locale)]


def format_receipt_moment(value: datetime, locale: str) -> str:
    """"15. januar 2020 kl. 11.32" in Danish time (English: "15 January 2020 at 11:32")."""
    locale = normalise_locale(locale)
    return format_datetime(to_local(value), _MOMENT[locale], locale=locale)


def format_size(size_bytes: int, locale: str) -> str:
    """"2,4 MB" or "312 kB" (1 MB = 1024 × 1024 bytes, as the upload limits count)."""
    locale = normalise_locale(locale)
    if size_bytes >= 1024 * 1024:
        return f"{format_decimal(round(size_bytes / 1024 / 1024, 1), format='#,##0.0', locale=locale)} MB"
    return f"{max(1, -(-size_bytes // 1024))} kB"


class _ReceiptWriter:
    def __init__(self, *, locale: str, font_dir: Path | None) -> None:
        self.locale = locale
        self.pdf = FPDF(format="A4")
        self.pdf.set_margins(20, 20, 20)
        self.pdf.set_auto_page_break(auto=True, margin=20)
        self.family, self.unicode = self._font(font_dir)

    def _font(self, font_dir: Path | None) -> tuple[str, bool]:
        regular, bold = (font_dir / "DejaVuSans.ttf", font_dir / "DejaVuSans-Bold.ttf") if font_dir else (None, None)
        if regular is None or not (regular.is_file() and bold.is_file()):
            return "helvetica", False
        self.pdf.add_font("DejaVu", "", str(regular))
        self.pdf.add_font("DejaVu", "B", str(bold))
        return "DejaVu", True

    def write(self, receipt: Receipt) -> None:
        self.pdf.set_title(self._safe(t_plain("form.receipt.title", self.locale)))
        self.pdf.set_creation_date(receipt.submitted_at)
        self.pdf.add_page()
        self._line(receipt.year.title, size=10)
        self._line(t_plain("form.receipt.title", self.locale), size=16, bold=True)
        self.pdf.ln(2)
        for label, value in receipt_rows(receipt, self.locale):
            self._row(label, value)
        self._section(t_plain("fields.summary", self.locale), [receipt.summary])
        self._section(t_plain("form.receipt.material", self.locale), material_lines(receipt, self.locale))
        self.pdf.ln(4)
        self._line(t_plain("form.receipt.note", self.locale), size=8)

    def _section(self, heading: str, lines: list[str]) -> None:
        self.pdf.ln(3)
        self._line(heading, size=12, bold=True)
        for line in lines:
            self._line(line)

    def _row(self, label: str, value: str) -> None:
        self.pdf.set_font(self.family, "B", 10)
        self.pdf.cell(_LABEL_WIDTH, _LINE, self._safe(label))
        self.pdf.set_font(self.family, "", 10)
        self.pdf.multi_cell(0, _LINE, self._safe(value), align="L", new_x="LMARGIN", new_y="NEXT")

    def _line(self, text: str, *, size: int = 10, bold: bool = False) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)
        self.pdf.multi_cell(0, _LINE if size <= 10 else size * 0.5, self._safe(text), align="L",
                            new_x="LMARGIN", new_y="NEXT")

    def _safe(self, text: str) -> str:
        """Helvetica knows Latin-1 only: anything else becomes "?"."""
        return text if self.unicode else text.encode("latin-1", "replace").decode("latin-1")
