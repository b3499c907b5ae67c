"""A file's type comes from its content; its name may only agree with it."""

from __future__ import annotations

import io
import random

import pytest

from prize.errors import FileNameMismatch, UnknownFileType
from prize.filetypes import (DISPLAY_NAME_MAX, DOCX, HEAD_BYTES, JPEG, M4A, MOV, MP3, MP4, PDF, PNG, PPTX, WEBM,
                             Kind, display_name, identify, name_extension, sniff)
from tests import material_samples as samples


class RecordingStream(io.BytesIO):
    """A real in-memory file that remembers where each read started and how many bytes it gave."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.reads: list[tuple[int, int]] = []

    def read(self, size: int | None = -1) -> bytes:
        start = self.tell()
        data = super().read(size)
        self.reads.append((start, len(data)))
        return data


@pytest.mark.parametrize(("content", "name", "expected"), [
    pytest.param(samples.pdf_bytes(), "ansøgning.pdf", (PDF, "application/pdf", Kind.DOCUMENT), id="pdf"),
    pytest.param(samples.jpeg_bytes(), "kirken.jpg", (JPEG, "image/jpeg", Kind.IMAGE), id="jpeg"),
    pytest.param(samples.jpeg_bytes(), "kirken.JPEG", (JPEG, "image/jpeg", Kind.IMAGE), id="jpeg-upper-case"),
    pytest.param(samples.png_bytes(), "kort.png", (PNG, "image/png", Kind.IMAGE), id="png"),
    pytest.param(samples.docx_bytes(), "ansøgning.docx", (DOCX, DOCX.media_type, Kind.DOCUMENT), id="docx"),
    pytest.param(samples.pptx_bytes(), "oplæg.pptx", (PPTX, PPTX.media_type, Kind.DOCUMENT), id="pptx"),
    pytest.param(samples.mp3_bytes(), "podcast.mp3", (MP3, "audio/mpeg", Kind.AUDIO), id="mp3-frames"),
    pytest.param(samples.id3_mp3_bytes(), "podcast.mp3", (MP3, "audio/mpeg", Kind.AUDIO), id="mp3-id3"),
    pytest.param(samples.m4a_bytes(), "interview.m4a", (M4A, "audio/mp4", Kind.AUDIO), id="m4a"),
    pytest.param(samples.mp4_bytes(), "film.mp4", (MP4, "video/mp4", Kind.VIDEO), id="mp4"),
    pytest.param(samples.webm_bytes(), "film.webm", (WEBM, "video/webm", Kind.VIDEO), id="webm"),
    pytest.param(samples.mov_bytes(), "film.mov", (MOV, "video/quicktime", Kind.VIDEO), id="mov"),
    pytest.param(samples.pdf_bytes(), "ansøgning", (PDF, "application/pdf", Kind.DOCUMENT), id="no-extension"),
    pytest.param(samples.pdf_bytes(), "Stenhøj v.2", (PDF, "application/pdf", Kind.DOCUMENT),
                 id="a-dot-and-a-number-is-no-extension"),
])
def test_an_accepted_file_is_known_by_its_content(content, name, expected):
    found = identify(io.BytesIO(content), name=name)

    assert (found, found.media_type, found.kind) == expected


@pytest.mark.parametrize(("content", "name", "shown"), [
    pytest.param(samples.pdf_bytes(), "film.mp4", ("film.mp4", "PDF-fil", "mp4", "pdf"), id="pdf-renamed-mp4"),
    pytest.param(samples.png_bytes(), "kirken.jpg", ("kirken.jpg", "PNG-billede", "jpg", "png"), id="png-as-jpg"),
    pytest.param(samples.mp4_bytes(), "podcast.m4a", ("podcast.m4a", "MP4-video", "m4a", "mp4"), id="mp4-as-m4a"),
    pytest.param(samples.jpeg_bytes(), "kirken.exe", ("kirken.exe", "JPEG-billede", "exe", "jpg"), id="jpeg-as-exe"),
])
def test_an_accepted_content_under_another_types_name_is_refused(content, name, shown):
    with pytest.raises(FileNameMismatch) as refused:
        identify(io.BytesIO(content), name=name)

    name, label, extension, expected = shown
    assert refused.value.message("da", plain=True) == (
        f"«{name}» er en {label}, men navnet ender på .{extension}. "
        f"Giv filen et navn, der ender på .{expected}, og prøv igen.")


@pytest.mark.parametrize(("content", "name"), [
    pytest.param(samples.elf_bytes(), "ansøgning.pdf", id="elf-renamed-pdf"),
    pytest.param(samples.exe_bytes(), "ansøgning.pdf", id="exe-renamed-pdf"),
    pytest.param(samples.zip_bytes(), "ansøgning.docx", id="zip-renamed-docx"),
    pytest.param(samples.xlsx_bytes(), "ansøgning.docx", id="xlsx-renamed-docx"),
    pytest.param(samples.docm_bytes(), "ansøgning.docx", id="macro-enabled-word-renamed-docx"),
    pytest.param(samples.html_bytes(), "kirken.png", id="html-renamed-png"),
    pytest.param(samples.heic_bytes(), "kirken.mp4", id="heic-renamed-mp4"),
    pytest.param(samples.mkv_bytes(), "film.webm", id="matroska-renamed-webm"),
    pytest.param(samples.mp3_bytes()[:4] + b"\x00" * 1000, "lyd.mp3", id="one-mpeg-header-and-noise"),
    pytest.param(b"", "tom.pdf", id="empty"),
    pytest.param(b"PK\x03\x04" + b"\x00" * 100, "ødelagt.docx", id="damaged-zip"),
])
def test_content_of_no_accepted_type_is_refused_whatever_its_name(content, name):
    with pytest.raises(UnknownFileType) as refused:
        identify(io.BytesIO(content), name=name)

    assert refused.value.params == {"name": name}


def test_the_refusal_of_an_unknown_type_lists_what_may_be_uploaded():
    assert UnknownFileType(name="x.pdf").message("da", plain=True) == (
        "«x.pdf» kan ikke modtages: indholdet er ikke en af de filtyper, der kan uploades (PDF, JPEG, PNG, "
        "Word (docx), PowerPoint (pptx), mp3, m4a, mp4, webm eller mov). Det er filens indhold, ikke dens "
        "navn, der afgør typen.")


def test_the_check_reads_only_the_first_bytes_of_a_large_video_and_leaves_the_stream_where_it_was():
    stream = RecordingStream(samples.mp4_bytes(size=8 * 1024 * 1024))

    found = sniff(stream)

    assert (found, stream.reads, stream.tell()) == (MP4, [(0, HEAD_BYTES)], 0)


def test_the_check_of_an_office_file_reads_the_zip_directory_not_every_byte():
    film = random.Random(6).randbytes(8 * 1024 * 1024)  # does not compress
    package = samples._package("word/document.xml", samples.WORD_MAIN, extra={"word/media/film.bin": film})
    stream = RecordingStream(package)

    found = sniff(stream)

    assert (found, len(package) > len(film), sum(size for _, size in stream.reads) < 16 * 1024) == (DOCX, True, True)


def test_a_stream_not_at_its_start_is_checked_from_where_it_is():
    stream = io.BytesIO(b"header that is not part of the file" + samples.png_bytes())
    stream.seek(len(b"header that is not part of the file"))

    assert (sniff(stream), stream.tell()) == (PNG, len(b"header that is not part of the file"))


@pytest.mark.parametrize(("name", "extension"), [
    ("rapport.pdf", "pdf"), ("RAPPORT.PDF", "pdf"), ("arkiv.tar.gz", "gz"), ("ingen", None), ("version 2.0", None),
    ("../../etc/passwd", None), ("punktum.", None), ("lang.abcdefghi", None), ("mp3.mp3 ", "mp3"),
])
def test_the_extension_is_the_last_dot_and_one_to_eight_letters_or_digits(name, extension):
    assert name_extension(name) == extension


@pytest.mark.parametrize(("filename", "shown"), [
    pytest.param("../../etc/passwd.pdf", "../../etc/passwd.pdf", id="dot-dot-slash-kept-as-text"),
    pytest.param("ans\x00øg\x07ning.pdf", "ansøgning.pdf", id="nul-and-control-characters-removed"),
    pytest.param("gnp\u202e.exe", "gnp.exe", id="text-direction-override-removed"),
    pytest.param("Ståhøj — 村の写真.jpg", "Ståhøj — 村の写真.jpg", id="non-latin-letters-kept"),
    pytest.param("Stenho\u0308j.pdf", "Stenhöj.pdf", id="decomposed-letters-composed"),
    pytest.param("  \x00 ", "fil", id="nothing-left-gives-the-fallback"),
])
def test_the_display_name_is_the_name_as_typed_without_invisible_characters(filename, shown):
    assert display_name(filename, fallback="fil") == shown


def test_a_300_character_name_is_shortened_to_the_column_keeping_its_extension():
    shown = display_name("a" * 296 + ".pdf", fallback="fil")

    assert (len(shown), shown[-6:], shown[:3]) == (DISPLAY_NAME_MAX, "a….pdf", "aaa")
