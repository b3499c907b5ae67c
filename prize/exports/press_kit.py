"""The press kit of a year's public finalists page: a zip, written as it is sent.

One folder per finalist ("1 Løvel"), with its summary (``Resumé.txt``), one picture
(``Billede.jpg``) and the links to its published videos (``Videoer.txt``), and a
``LÆS MIG.txt`` naming the page. Names and texts in Danish; text files in UTF-8
with Windows line endings, which every newsroom's editor opens. Nothing but what
the public page shows goes in: no scores, no contact data, no unpublished video.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime

from prize.i18n import DEFAULT_LOCALE, t_plain
from prize.models.base import utcnow
from prize.services.videos import PressKit, PublicFinalist
from prize.storage import CHUNK_SIZE, Storage

MEDIA_TYPE = "application/zip"
# The server's route for press kits (serve.py) and the address of the public page: stable per year.
ROUTE_PREFIX = "/pressekit/"
PUBLIC_PAGE = "finalister"
# Characters no file name in a zip should carry on Windows, macOS or Linux.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def press_kit_path(year: int) -> str:
    return f"{ROUTE_PREFIX}{year}.zip"


def public_page_path(year: int) -> str:
    return f"/{PUBLIC_PAGE}?year={year}"


def press_kit_filename(year: int) -> str:
    return f"landsbyprisen-{year}-pressemateriale.zip"


def stream_press_kit(kit: PressKit, storage: Storage, *, page_address: str, locale: str = DEFAULT_LOCALE,
                     now: datetime | None = None) -> Iterator[bytes]:
    """The zip in pieces; only one picture's piece is in memory at a time."""
    moment = (now or utcnow()).timetuple()[:6]
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _text(archive, t_plain("videos.press.readme_name", locale), _readme(kit, page_address, locale), moment)
        yield pipe.take()
        for finalist in kit.public.finalists:
            folder = folder_name(finalist)
            _text(archive, f"{folder}/{t_plain('videos.press.summary_name', locale)}",
                  _summary(finalist, locale), moment)
            _text(archive, f"{folder}/{t_plain('videos.press.videos_name', locale)}",
                  _videos(finalist, page_address, locale), moment)
            yield pipe.take()
            image = kit.images.get(finalist.nomination_id)
            if image is not None:
                name = f"{folder}/{t_plain('videos.press.image_stem', locale)}.{image.extension}"
                yield from _file(archive, pipe, storage, image.storage_key, name=name, moment=moment)
    yield pipe.take()


def folder_name(finalist: PublicFinalist) -> str:
    """"1 Løvel": the finalist's place and name, without characters a file system refuses."""
    name = _UNSAFE.sub("-", finalist.name).strip(" .-") or str(finalist.nomination_id)
    return f"{finalist.position} {name}"


def _readme(kit: PressKit, page_address: str, locale: str) -> str:
    return _lines([t_plain("videos.press.readme_title", locale, year=kit.public.year), "",
                   t_plain("videos.press.readme_page", locale, address=page_address), "",
                   t_plain("videos.press.readme_contents", locale)])


def _summary(finalist: PublicFinalist, locale: str) -> str:
    heading = t_plain("videos.press.summary_heading", locale, name=finalist.name, municipality=finalist.municipality)
    return _lines([heading, "", finalist.summary or t_plain("videos.public.no_summary", locale)])


def _videos(finalist: PublicFinalist, page_address: str, locale: str) -> str:
    lines = [t_plain("videos.press.videos_heading", locale, name=finalist.name), ""]
    for video in finalist.videos:
        if video.platform is not None:
            lines.append(t_plain("videos.press.video_line", locale, title=video.title, address=video.url))
        else:
            lines.append(t_plain("videos.press.video_on_page", locale, title=video.title, address=page_address))
        if video.description:
            lines.append(f"  {video.description}")
    if not finalist.videos:
        lines.append(t_plain("videos.press.no_videos", locale))
    return _lines(lines)


def _lines(lines: list[str]) -> str:
    return "\r\n".join(line.replace("\r\n", "\n").replace("\n", "\r\n") for line in lines) + "\r\n"


def _text(archive: zipfile.ZipFile, name: str, text: str, moment: tuple) -> None:
    archive.writestr(zipfile.ZipInfo(name, date_time=moment), text.encode("utf-8"),
                     compress_type=zipfile.ZIP_DEFLATED)


def _file(archive: zipfile.ZipFile, pipe: _Pipe, storage: Storage, key: str, *, name: str,
          moment: tuple) -> Iterator[bytes]:
    entry = zipfile.ZipInfo(name, date_time=moment)
    entry.compress_type = zipfile.ZIP_STORED  # a JPEG or PNG is compressed already
    with storage.open(key) as source, archive.open(entry, "w", force_zip64=True) as target:
        while chunk := source.read(CHUNK_SIZE):
            target.write(chunk)
            yield pipe.take()


class _Pipe(io.RawIOBase):
    """A write-only stream the zip writes into; ``take`` hands over what was written so far.
    It cannot seek, so the zip writes each entry's sizes after its data."""

    def __init__(self) -> None:
        super().__init__()
        self._pieces: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._pieces.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        taken = b"".join(self._pieces)
        self._pieces.clear()
        return taken
