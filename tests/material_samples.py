"""Small, real files of every type the material accepts, and some it refuses.

Pictures come from Pillow, the PDF from fpdf2, the Office files are real zip
packages; the audio and video files have real headers (an MPEG frame, an ISO
file type box, an EBML header) followed by filler, which is all the type check reads.
"""

from __future__ import annotations

import io
import zipfile

from fpdf import FPDF
from PIL import Image

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
SLIDES_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
SHEET_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def pdf_bytes(text: str = "Stenhøj Vestermark") -> bytes:
    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=14)
    document.cell(text=text.encode("latin-1", "replace").decode("latin-1"))
    return bytes(document.output())


def _picture(kind: str, colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), colour).save(buffer, format=kind)
    return buffer.getvalue()


def jpeg_bytes(colour: tuple[int, int, int] = (31, 111, 80)) -> bytes:
    return _picture("JPEG", colour)


def png_bytes(colour: tuple[int, int, int] = (242, 245, 243)) -> bytes:
    return _picture("PNG", colour)


def _package(main_part: str, content_type: str, *, extra: dict[str, bytes] | None = None) -> bytes:
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/{main_part}" ContentType="{content_type}"/></Types>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", types)
        package.writestr("_rels/.rels", "<Relationships/>")
        package.writestr(main_part, "<document>Stenhøj Vestermark</document>")
        for name, data in (extra or {}).items():
            package.writestr(name, data)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return _package("word/document.xml", WORD_MAIN)


def docm_bytes() -> bytes:
    """A macro-enabled Word document: the same parts, another main content type, a macro project."""
    return _package("word/document.xml", WORD_MACRO_MAIN, extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"})


def pptx_bytes() -> bytes:
    return _package("ppt/presentation.xml", SLIDES_MAIN)


def xlsx_bytes() -> bytes:
    return _package("xl/workbook.xml", SHEET_MAIN)


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("billeder/kirken.txt", "ikke et Word-dokument")
    return buffer.getvalue()


# MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding: 417-byte frames.
MP3_FRAME_HEADER = b"\xff\xfb\x90\x64"
MP3_FRAME_LENGTH = 417


def mp3_bytes(frames: int = 4) -> bytes:
    return (MP3_FRAME_HEADER + b"\x00" * (MP3_FRAME_LENGTH - 4)) * frames


def id3_mp3_bytes() -> bytes:
    tag = b"ID3\x04\x00\x00\x00\x00\x00\x0a" + b"\x00" * 10
    return tag + mp3_bytes()


def iso_media_bytes(major: bytes, compatible: tuple[bytes, ...] = (), *, size: int = 2048) -> bytes:
    """An ISO base media file: a file type box, then a free box filling it up to ``size`` bytes."""
    ftyp = b"ftyp" + major + b"\x00\x00\x02\x00" + b"".join(compatible)
    head = (len(ftyp) + 4).to_bytes(4, "big") + ftyp
    filler = size - len(head)
    return head + filler.to_bytes(4, "big") + b"free" + b"\x00" * (filler - 8)


def mp4_bytes(size: int = 2048) -> bytes:
    return iso_media_bytes(b"isom", (b"isom", b"iso2", b"avc1", b"mp41"), size=size)


def m4a_bytes() -> bytes:
    return iso_media_bytes(b"M4A ", (b"M4A ", b"mp42", b"isom"))


def mov_bytes() -> bytes:
    return iso_media_bytes(b"qt  ", (b"qt  ",))


def heic_bytes() -> bytes:
    return iso_media_bytes(b"heic", (b"mif1", b"heic"))


def webm_bytes() -> bytes:
    # EBML header: version fields, then DocType "webm"; then a Segment element's start.
    header = (b"\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08"
              b"\x42\x82\x84webm\x42\x87\x81\x04\x42\x85\x81\x02")
    return b"\x1a\x45\xdf\xa3" + bytes([0x80 | len(header)]) + header + b"\x18\x53\x80\x67" + b"\x00" * 512


def mkv_bytes() -> bytes:
    header = b"\x42\x82\x88matroska"
    return b"\x1a\x45\xdf\xa3" + bytes([0x80 | len(header)]) + header + b"\x00" * 512


def elf_bytes() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 1024


def exe_bytes() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 1024


def html_bytes() -> bytes:
    return b"<!DOCTYPE html><html><script>alert(1)</script></html>"
