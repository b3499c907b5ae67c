"""The demo year's material, made when the demo loads: a one-page PDF with each
candidate's summary and a small picture for a few of them. Plain values in,
bytes out; the same values give the same bytes, so they are made once per process."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from functools import cache

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

# The PDF's core font (Helvetica) holds Latin-1 only: æ, ø, å and «» are in it, these are not.
_LATIN_1 = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"',
                          "\u201d": '"', "\u2026": "...", "\u2082": "2", "\u00b2": "2"})
# A fixed creation date: the same candidate gives the same file, byte for byte.
_CREATED = datetime(2020, 1, 1, tzinfo=UTC)
PICTURE_SIZE = (800, 500)


def latin_1(text: str) -> str:
    """``text`` with the few characters the PDF font lacks replaced by their nearest kin."""
    return text.translate(_LATIN_1).encode("latin-1", "replace").decode("latin-1")


@cache
def summary_pdf(*, name: str, facts: str, summary: str, footer: str) -> bytes:
    """One A4 page: the candidate's name as heading, a line of facts, the summary and a footer."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(_CREATED)
    pdf.set_title(latin_1(name))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 22)
    pdf.multi_cell(0, 11, latin_1(name), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.set_text_color(80, 80, 80)
    pdf.multi_cell(0, 6, latin_1(facts), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Helvetica", "", 13)
    pdf.multi_cell(0, 7, latin_1(summary), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(-30)
    pdf.set_font("Helvetica", "I", 9)
    pdf.set_text_color(110, 110, 110)
    pdf.multi_cell(0, 5, latin_1(footer), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@cache
def picture_png(*, caption: str, sky: str, land: str) -> bytes:
    """A small landscape: sky, sun, a rolling field, a house with a red roof, and a caption."""
    width, height = PICTURE_SIZE
    image = Image.new("RGB", PICTURE_SIZE, sky)
    draw = ImageDraw.Draw(image)
    draw.ellipse((width - 190, 50, width - 100, 140), fill="#ffd45c")
    draw.ellipse((-200, height * 0.55, width * 0.8, height * 1.6), fill=land)
    draw.ellipse((width * 0.3, height * 0.62, width + 250, height * 1.7), fill=_darker(land))
    house_left, ground = int(width * 0.18), int(height * 0.72)
    draw.rectangle((house_left, ground - 90, house_left + 150, ground), fill="#f4efe4")
    draw.polygon([(house_left - 15, ground - 90), (house_left + 75, ground - 150), (house_left + 165, ground - 90)],
                 fill="#b23a30")
    draw.rectangle((house_left + 60, ground - 50, house_left + 90, ground), fill="#6b4b32")
    draw.rectangle((0, height - 56, width, height), fill="#1f2a33")
    font, text = _caption_font(caption, size=28)
    draw.text((24, height - 44), text, fill="white", font=font)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


# Fonts that hold æ, ø and å, where the system has them (Debian: fonts-dejavu, fonts-liberation).
_CAPTION_FONTS = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf")
# Pillow's own font lacks æ, ø, å and the dash; without a system font the caption is spelt out.
_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa", "\u2013": "-"})


def _caption_font(caption: str, *, size: int) -> tuple[ImageFont.ImageFont | ImageFont.FreeTypeFont, str]:
    for name in _CAPTION_FONTS:
        try:
            return ImageFont.truetype(name, size), caption
        except OSError:
            continue
    return ImageFont.load_default(size=size), caption.translate(_ASCII)


def _darker(colour: str) -> str:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(part * 0.8):02x}" for part in (red, green, blue))
