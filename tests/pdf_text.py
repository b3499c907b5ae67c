"""The text of an uncompressed PDF written by fpdf2, one string per text object
(fpdf2 writes each cell and each line of a multi-line cell as one), for exact
checks without a PDF reader in the dependencies; and page by page, the text and the
images each page draws.

A core font (Helvetica) holds its text as Latin-1 bytes; an embedded TrueType font
as two-byte glyph codes, which its ``/ToUnicode`` map turns back into characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_FONT_RESOURCE = re.compile(rb"/(F\d+) (\d+) 0 R")
_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)> <([0-9A-Fa-f]+)>")
_TOKEN = re.compile(rb"\(|/(F\d+) [\d.]+ Tf|\bET\b")
_KIDS = re.compile(rb"/Kids \[([\d\s0R]*)\]")
_CONTENTS = re.compile(rb"/Contents (\d+) 0 R")
_RESOURCES = re.compile(rb"/Resources (\d+) 0 R")
_XOBJECT = re.compile(rb"/(I\d+) (\d+) 0 R")
_DRAWN = re.compile(rb"/(I\d+) Do")
_SIZE = re.compile(rb"/(Width|Height) (\d+)")
_ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f"}


def pdf_text_lines(pdf: bytes) -> list[str]:
    if not pdf.startswith(b"%PDF-"):
        raise ValueError("not a PDF")
    objects = {int(number): body for number, body in _OBJECT.findall(pdf)}
    maps = _unicode_maps(objects)
    lines: list[str] = []
    for body in objects.values():
        if b"stream" in body and (b" Tj" in body or b" TJ" in body):
            lines += _text_objects(_stream(body), maps)
    return lines


@dataclass(frozen=True)
class PdfPage:
    """One page: its text objects in the order drawn, and the pixel size (width, height)
    of each image it draws."""

    lines: list[str]
    images: list[tuple[int, int]]


def pdf_pages(pdf: bytes) -> list[PdfPage]:
    """The pages of an uncompressed fpdf2 PDF, in order."""
    objects = {int(number): body for number, body in _OBJECT.findall(pdf)}
    maps = _unicode_maps(objects)
    kids = next(match for body in objects.values() if (match := _KIDS.search(body)))
    pages = []
    for number in re.findall(rb"(\d+) 0 R", kids.group(1)):
        page = objects[int(number)]
        content = _stream(objects[int(_CONTENTS.search(page).group(1))])
        resources = objects[int(_RESOURCES.search(page).group(1))]
        named = {name: int(ref) for name, ref in _XOBJECT.findall(resources)}
        images = [_image_size(objects[named[name]]) for name in _DRAWN.findall(content)]
        pages.append(PdfPage(lines=_text_objects(content, maps), images=images))
    return pages


def _image_size(body: bytes) -> tuple[int, int]:
    header = body[:body.index(b"stream")]
    sizes = {key.decode(): int(value) for key, value in _SIZE.findall(header)}
    return sizes["Width"], sizes["Height"]


def _unicode_maps(objects: dict[int, bytes]) -> dict[str, dict[bytes, str]]:
    """Each font resource name's code-to-text map; None for a core font."""
    maps = {}
    for name, number in {(name.decode(), int(number)) for body in objects.values()
                         for name, number in _FONT_RESOURCE.findall(body)}:
        to_unicode = _TO_UNICODE.search(objects.get(number, b""))
        if to_unicode:
            cmap = objects[int(to_unicode.group(1))]
            maps[name] = {bytes.fromhex(code.decode()): bytes.fromhex(text.decode()).decode("utf-16-be")
                          for code, text in _BFCHAR.findall(cmap)}
    return maps


def _stream(body: bytes) -> bytes:
    start = body.index(b"stream") + len(b"stream")
    return body[start:body.rindex(b"endstream")].strip(b"\r\n")


def _text_objects(content: bytes, maps: dict[str, dict[bytes, str]]) -> list[str]:
    lines, current, font, position = [], [], "", 0
    while match := _TOKEN.search(content, position):
        if match.group(0) == b"(":
            raw, position = _string(content, match.end())
            current.append(_decode(raw, maps.get(font)))
            continue
        if match.group(1):
            font = match.group(1).decode()
        elif current:
            lines.append("".join(current))
            current = []
        position = match.end()
    return lines


def _string(content: bytes, position: int) -> tuple[bytes, int]:
    """The bytes of the literal string that starts at ``position`` (after its "("),
    escapes undone, and the position after its closing ")"."""
    out, depth = bytearray(), 1
    while True:
        char = content[position]
        position += 1
        if char == ord("\\"):
            escaped = content[position]
            octal = re.match(rb"[0-7]{1,3}", content[position:position + 3])
            if octal:
                out.append(int(octal.group(0), 8))
                position += len(octal.group(0))
                continue
            out += _ESCAPES.get(escaped, bytes([escaped]))
            position += 1
            continue
        if char == ord("("):
            depth += 1
        elif char == ord(")"):
            depth -= 1
            if depth == 0:
                return bytes(out), position
        out.append(char)


def _decode(raw: bytes, codes: dict[bytes, str] | None) -> str:
    if codes is None:
        return raw.decode("latin-1")
    return "".join(codes[raw[i:i + 2]] for i in range(0, len(raw), 2))
