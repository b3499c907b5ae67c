"""What a file is, decided from its content: the material a village may upload.

The magic bytes at the start of the file decide (``filetype`` reads the simple
signatures; ISO media brands, MPEG audio frames and Office packages are checked
here), never the name. A name may still contradict the content: a PDF named
``film.mp4`` is refused, so that what the jury downloads opens in the program
its name promises. Only the first bytes are read, and for a zip its central
directory and one small member: never the whole file.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from enum import StrEnum
from typing import BinaryIO

import filetype as magic

from prize.errors import FileNameMismatch, UnknownFileType
from prize.i18n import MessageKey
from prize.text import forbidden_characters

# Enough for every signature below; ``filetype`` itself never looks further.
HEAD_BYTES = 8192
# The display name's column holds this many characters.
DISPLAY_NAME_MAX = 255


class Kind(StrEnum):
    DOCUMENT = "document"
    IMAGE = "image"
    AUDIO = "audio"
    VIDEO = "video"

    @property
    def is_media(self) -> bool:
        """Audio and video have their own, larger size limit."""
        return self in (Kind.AUDIO, Kind.VIDEO)


@dataclass(frozen=True)
class FileType:
    """An accepted type: its media type, kind, the name endings that fit it (the
    first is the usual one), the catalog key of its name, and whether a browser
    shows it (inline) rather than saving it (attachment)."""

    media_type: str
    kind: Kind
    extensions: tuple[str, ...]
    label_key: str
    inline: bool = True


PDF = FileType("application/pdf", Kind.DOCUMENT, ("pdf",), "material.type.pdf")
JPEG = FileType("image/jpeg", Kind.IMAGE, ("jpg", "jpeg", "jpe"), "material.type.jpeg")
PNG = FileType("image/png", Kind.IMAGE, ("png",), "material.type.png")
DOCX = FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Kind.DOCUMENT,
                ("docx",), "material.type.docx", inline=False)
PPTX = FileType("application/vnd.openxmlformats-officedocument.presentationml.presentation", Kind.DOCUMENT,
                ("pptx",), "material.type.pptx", inline=False)
MP3 = FileType("audio/mpeg", Kind.AUDIO, ("mp3",), "material.type.mp3")
M4A = FileType("audio/mp4", Kind.AUDIO, ("m4a",), "material.type.m4a")
MP4 = FileType("video/mp4", Kind.VIDEO, ("mp4", "m4v"), "material.type.mp4")
WEBM = FileType("video/webm", Kind.VIDEO, ("webm",), "material.type.webm")
MOV = FileType("video/quicktime", Kind.VIDEO, ("mov", "qt"), "material.type.mov")

ACCEPTED: tuple[FileType, ...] = (PDF, JPEG, PNG, DOCX, PPTX, MP3, M4A, MP4, WEBM, MOV)
BY_MEDIA_TYPE = {accepted.media_type: accepted for accepted in ACCEPTED}
# What a file picker may offer; only a hint to the browser, the content decides.
PICKER_EXTENSIONS: tuple[str, ...] = tuple(ext for accepted in ACCEPTED for ext in accepted.extensions)


def of_media_type(media_type: str) -> FileType | None:
    return BY_MEDIA_TYPE.get(media_type)


def identify(stream: BinaryIO, *, name: str) -> FileType:
    """The type of what is left to read in ``stream`` (a seekable binary file, left
    where it was). Raises ``UnknownFileType`` for content that is none of the
    accepted types, ``FileNameMismatch`` when ``name`` ends in another type's extension."""
    found = sniff(stream)
    if found is None:
        raise UnknownFileType(name=name)
    extension = name_extension(name)
    if extension is not None and extension not in found.extensions:
        raise FileNameMismatch(name=name, type=MessageKey(found.label_key), extension=extension,
                               expected=found.extensions[0])
    return found


def sniff(stream: BinaryIO) -> FileType | None:
    """The accepted type the content is, or None."""
    start = stream.tell()
    try:
        head = stream.read(HEAD_BYTES)
        if head[4:8] == b"ftyp":
            return _iso_media(head)
        if head.startswith(b"PK\x03\x04"):
            stream.seek(start)
            return _office_package(stream)
        if _is_mp3(head, stream, start=start):
            return MP3
        return _by_signature(head)
    finally:
        stream.seek(start)


# ``filetype`` names the type; the whole signature must be there too (it checks fewer bytes).
_SIGNATURES = {PDF: b"%PDF-", JPEG: b"\xff\xd8\xff", PNG: b"\x89PNG\r\n\x1a\n", WEBM: b"\x1a\x45\xdf\xa3"}


def _by_signature(head: bytes) -> FileType | None:
    guess = magic.guess(head)
    found = BY_MEDIA_TYPE.get(guess.mime) if guess is not None else None
    return found if found in _SIGNATURES and head.startswith(_SIGNATURES[found]) else None


# --- ISO base media (mp4, m4a, mov) ---------------------------------------------------------

_MP4_BRANDS = frozenset({"isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "M4VP",
                         "dash", "MSNV", "f4v "})
_M4A_BRANDS = frozenset({"M4A "})
_MOV_BRANDS = frozenset({"qt  "})
# Brands whose files list "isom" among the compatible ones but are not an mp4 video.
_KNOWN_OTHER_BRANDS = frozenset({"heic", "heix", "mif1", "msf1", "avif", "3gp4", "3gp5", "3gp6", "3g2a",
                                 "crx ", "jp2 ", "M4B ", "M4P "})


def _iso_media(head: bytes) -> FileType | None:
    """The file type box's major brand decides: a QuickTime movie, an iTunes audio
    file, or an MP4 video. Other brands (3GP, HEIF pictures, ...) are not accepted."""
    box_size = int.from_bytes(head[0:4], "big")
    if not 16 <= box_size <= len(head) or (box_size - 16) % 4:
        return None
    major = head[8:12].decode("latin-1")
    compatible = {head[i:i + 4].decode("latin-1") for i in range(16, box_size, 4)}
    if major in _MOV_BRANDS:
        return MOV
    if major in _M4A_BRANDS:
        return M4A
    if major in _MP4_BRANDS or (major not in _KNOWN_OTHER_BRANDS and compatible & _MP4_BRANDS):
        return MP4
    return None



# --- Office packages (docx, pptx) -----------------------------------------------------------

# The main part of each package, and the content type [Content_Types].xml must give it.
# A macro-enabled document (docm, pptm) declares another content type and is refused.
_PACKAGES = (
    (DOCX, "word/document.xml", b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    (PPTX, "ppt/presentation.xml",
     b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
)
# [Content_Types].xml is a few kilobytes; a larger one is not an Office file (or a zip bomb).
_CONTENT_TYPES_MAX = 256 * 1024


def _office_package(stream: BinaryIO) -> FileType | None:
    """A Word or PowerPoint file: a zip whose directory holds [Content_Types].xml and the
    main part, and whose [Content_Types].xml gives the main part its content type.
    A plain zip, a spreadsheet or a damaged zip is None."""
    try:
        with zipfile.ZipFile(stream) as package:
            names = set(package.namelist())
            if "[Content_Types].xml" not in names:
                return None
            with package.open("[Content_Types].xml") as member:
                declared = member.read(_CONTENT_TYPES_MAX + 1)
    # A damaged, encrypted or strangely compressed zip is no Office file either.
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, ValueError, zlib.error):
        return None
    if len(declared) > _CONTENT_TYPES_MAX:
        return None
    for found, main_part, content_type in _PACKAGES:
        if main_part in names and _declares(declared, part=main_part, content_type=content_type):
            return found
    return None


def _declares(content_types: bytes, *, part: str, content_type: bytes) -> bool:
    """Whether [Content_Types].xml gives ``part`` ``content_type`` (an Override element,
    attributes in either order); read as bytes, no XML parser on a stranger's file."""
    for override in re.finditer(rb"<Override\b[^>]*>", content_types):
        element = override.group(0)
        if (re.search(rb'PartName\s*=\s*["\']/' + re.escape(part.encode()) + rb'["\']', element)
                and re.search(rb'ContentType\s*=\s*["\']' + re.escape(content_type) + rb'["\']', element)):
            return True
    return False


# --- MPEG audio (mp3) -----------------------------------------------------------------------

# Layer III bit rates in kbit/s by bit-rate index: MPEG-1, then MPEG-2 and 2.5.
_BITRATES = {1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
             2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)}
_SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _is_mp3(head: bytes, stream: BinaryIO, *, start: int) -> bool:
    """An ID3v2 tag, or two MPEG Layer III frames one after the other (one frame
    header alone matches too much: any file may start with 0xFFFB)."""
    if head[:3] == b"ID3":
        return head[3] in (2, 3, 4) and head[4] != 0xFF and all(byte < 0x80 for byte in head[6:10])
    length = _frame_length(head[:4])
    if length is None:
        return False
    if length + 4 > len(head):
        stream.seek(start + length)
        following = stream.read(4)
    else:
        following = head[length:length + 4]
    return _frame_length(following) is not None


def _frame_length(header: bytes) -> int | None:
    """The length in bytes of the MPEG Layer III frame starting with ``header``, or None."""
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return None
    version = (header[1] >> 3) & 0b11  # 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5, 1: reserved
    layer = (header[1] >> 1) & 0b11  # 1: Layer III
    bitrate_index = header[2] >> 4
    rate_index = (header[2] >> 2) & 0b11
    if version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    bitrate = _BITRATES[1 if version == 3 else 2][bitrate_index] * 1000
    sample_rate = _SAMPLE_RATES[version][rate_index]
    padding = (header[2] >> 1) & 1
    return (144 if version == 3 else 72) * bitrate // sample_rate + padding


# --- The name -------------------------------------------------------------------------------

# An ending that names a type: a dot, then 1-8 letters or digits with at least one letter
# ("rapport.pdf"); "version 2.0" or "Stenhøj v.2" has no extension.
_EXTENSION = re.compile(r"\.([A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*)\Z")


def name_extension(name: str) -> str | None:
    """The name's extension in lower case, or None when it has none."""
    match = _EXTENSION.search(name.strip())
    return match.group(1).lower() if match and len(match.group(1)) <= 8 else None


def display_name(filename: str, *, fallback: str) -> str:
    """``filename`` as the text the app shows and offers as the download name: never a
    path. Control characters (NUL included) and text-direction overrides are removed,
    the letters composed (NFC), ``../`` and non-Latin letters kept as typed, and a name
    longer than the column is shortened in the middle of its stem, keeping its extension.
    An empty name becomes ``fallback``."""
    text = unicodedata.normalize("NFC", filename or "")
    removed = set(forbidden_characters(text))
    text = "".join(char for char in text if char not in removed).strip()
    if not text:
        return fallback
    if len(text) <= DISPLAY_NAME_MAX:
        return text
    extension = name_extension(text)
    ending = f".{text[-len(extension):]}" if extension else ""
    return text[:DISPLAY_NAME_MAX - len(ending) - 1].rstrip() + "…" + ending
