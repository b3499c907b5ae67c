"""The file route, through Starlette's TestClient: real tokens, real files in a temporary storage."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.testclient import TestClient

from prize.file_links import FileGrant, path_of, sign
from prize.settings import Settings
from prize.storage import LocalStorage
from tests import material_samples as samples
from web.files import byte_range, content_disposition, file_route
from web.headers import SecurityHeaders

KEY = "test-cookie-key-for-file-links-0123456789"
NOW = datetime(2020, 1, 10, 9, 0, tzinfo=UTC)
EXPIRES = datetime(2020, 1, 10, 10, 0, tzinfo=UTC)
VIDEO = samples.mp4_bytes(size=700_000)


@pytest.fixture
def storage(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path / "files")


@pytest.fixture
def clock() -> dict[str, datetime]:
    return {"now": NOW}


@pytest.fixture
def client(storage, clock) -> TestClient:
    settings = Settings(cookie_key=KEY, storage_dir=str(storage.root))
    app = Starlette(routes=[file_route(load_settings=lambda: settings, now=lambda: clock["now"])],
                    middleware=[Middleware(SecurityHeaders, html_lang=lambda: "da", uncompressed=("/files/",))])
    return TestClient(app)


def link_to(storage: LocalStorage, content: bytes, *, media_type: str = "video/mp4", name: str = "film.mp4",
            key: str = KEY, expires_at: datetime = EXPIRES) -> str:
    stored = storage.put(io.BytesIO(content))
    grant = FileGrant(storage_key=stored.key, media_type=media_type, download_name=name, expires_at=expires_at)
    return path_of(sign(grant, cookie_key=key))


def test_a_valid_link_gives_the_whole_file_with_its_type_and_headers(client, storage):
    answer = client.get(link_to(storage, VIDEO))

    assert (answer.status_code, answer.content) == (200, VIDEO)
    assert {name: answer.headers.get(name) for name in (
        "content-type", "content-length", "accept-ranges", "content-disposition", "x-content-type-options",
        "cache-control", "content-encoding", "referrer-policy", "x-frame-options")} == {
        "content-type": "video/mp4", "content-length": str(len(VIDEO)), "accept-ranges": "bytes",
        "content-disposition": "inline; filename=\"film.mp4\"; filename*=UTF-8''film.mp4",
        "x-content-type-options": "nosniff", "cache-control": "private, max-age=3600", "content-encoding": None,
        "referrer-policy": "same-origin", "x-frame-options": "SAMEORIGIN"}


def test_a_range_gives_206_with_exactly_those_bytes(client, storage):
    link = link_to(storage, VIDEO)

    answer = client.get(link, headers={"Range": "bytes=1000-1999"})

    assert (answer.status_code, answer.content, answer.headers["content-range"], answer.headers["content-length"]) \
        == (206, VIDEO[1000:2000], f"bytes 1000-1999/{len(VIDEO)}", "1000")


@pytest.mark.parametrize(("asked", "expected"), [
    pytest.param("bytes=699000-", slice(699_000, None), id="open-end"),
    pytest.param("bytes=-500", slice(-500, None), id="suffix"),
    pytest.param("bytes=699900-800000", slice(699_900, None), id="end-past-the-file"),
    pytest.param("bytes=0-0", slice(0, 1), id="first-byte"),
])
def test_open_and_suffix_ranges_are_answered_within_the_file(client, storage, asked, expected):
    answer = client.get(link_to(storage, VIDEO), headers={"Range": asked})

    assert (answer.status_code, answer.content) == (206, VIDEO[expected])


@pytest.mark.parametrize("asked", ["bytes=700000-", "bytes=5-2", "bytes=-0", "bytes=abc", "items=0-10",
                                   "bytes=0-10,20-30", "bytes=-"])
def test_a_range_that_cannot_be_served_gets_416_with_the_size(client, storage, asked):
    answer = client.get(link_to(storage, VIDEO), headers={"Range": asked})

    assert (answer.status_code, answer.headers["content-range"], answer.content) == (
        416, f"bytes */{len(VIDEO)}", b"")


def test_a_pdf_is_not_compressed_on_the_way_so_its_length_and_ranges_hold(client, storage):
    pdf = samples.pdf_bytes() * 20

    answer = client.get(link_to(storage, pdf, media_type="application/pdf", name="ansøgning.pdf"),
                        headers={"Accept-Encoding": "gzip"})

    assert (answer.status_code, answer.headers.get("content-encoding"), answer.headers["content-length"],
            answer.content) == (200, None, str(len(pdf)), pdf)


@pytest.mark.parametrize(("media_type", "name", "disposition"), [
    pytest.param("application/pdf", "ansøgning.pdf",
                 "inline; filename=\"ans_gning.pdf\"; filename*=UTF-8''ans%C3%B8gning.pdf", id="pdf-inline"),
    pytest.param("image/jpeg", "../../etc/passwd.jpg",
                 "inline; filename=\".._.._etc_passwd.jpg\"; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd.jpg",
                 id="path-only-as-text"),
    pytest.param("application/vnd.openxmlformats-officedocument.wordprocessingml.document", 'Vores "plan".docx',
                 "attachment; filename=\"Vores _plan_.docx\"; filename*=UTF-8''Vores%20%22plan%22.docx",
                 id="docx-attachment"),
    pytest.param("application/vnd.openxmlformats-officedocument.presentationml.presentation", "村の写真.pptx",
                 "attachment; filename=\"____.pptx\"; filename*=UTF-8''%E6%9D%91%E3%81%AE%E5%86%99%E7%9C%9F.pptx",
                 id="pptx-attachment-non-latin"),
])
def test_pictures_pdfs_and_media_show_in_the_browser_and_office_files_are_saved(client, storage, media_type, name,
                                                                                 disposition):
    answer = client.get(link_to(storage, b"content", media_type=media_type, name=name))

    assert (answer.status_code, answer.headers["content-type"], answer.headers["content-disposition"]) == (
        200, media_type, disposition)


def test_an_expired_link_is_refused_with_403(client, storage, clock):
    link = link_to(storage, VIDEO)
    clock["now"] = EXPIRES

    answer = client.get(link)

    assert (answer.status_code, answer.text, answer.headers["x-content-type-options"]) == (
        403, "Linket til filen er udløbet eller ugyldigt. Gå tilbage til siden, og åbn filen derfra igen.",
        "nosniff")


def test_an_altered_link_is_refused_with_403(client, storage):
    link = link_to(storage, VIDEO)
    payload, signature = link.split(".")
    altered = payload[:-2] + ("A" if payload[-2] != "A" else "B") + payload[-1] + "." + signature

    assert client.get(altered).status_code == 403


def test_a_link_signed_with_another_key_is_refused_with_403(client, storage):
    assert client.get(link_to(storage, VIDEO, key="another-installations-key-0123456789")).status_code == 403


@pytest.mark.parametrize("token", ["nonsense", "a.b", "...", "%2e%2e", "0123456789abcdef0123456789abcdef"])
def test_a_made_up_link_is_refused_with_403(client, token):
    assert client.get(f"/files/{token}").status_code == 403


@pytest.mark.parametrize("path", ["/files/..%2F..%2Fetc%2Fpasswd", "/files/a/b", "/files/"])
def test_a_path_below_files_is_no_link_at_all(client, path):
    assert client.get(path).status_code == 404


def test_a_valid_link_to_a_removed_file_gets_404(client, storage):
    link = link_to(storage, VIDEO)
    for path in storage.root.rglob("*"):
        if path.is_file():
            path.unlink()

    assert (client.get(link).status_code, client.get(link).text) == (404, "Filen findes ikke længere.")


def test_head_gives_the_headers_without_the_body(client, storage):
    answer = client.head(link_to(storage, VIDEO), headers={"Range": "bytes=10-19"})

    assert (answer.status_code, answer.headers["content-length"], answer.headers["content-range"], answer.content) \
        == (206, "10", f"bytes 10-19/{len(VIDEO)}", b"")


def test_a_large_file_is_sent_in_pieces_not_whole(client, storage):
    big = samples.mp4_bytes(size=3 * 1024 * 1024)

    with client.stream("GET", link_to(storage, big)) as answer:
        pieces = [len(piece) for piece in answer.iter_raw()]

    assert (sum(pieces), max(pieces) <= 256 * 1024) == (len(big), True)


@pytest.mark.parametrize(("header", "size", "expected"), [
    ("bytes=0-99", 100, (0, 99)), ("bytes=0-", 100, (0, 99)), ("bytes=-1", 100, (99, 99)),
    ("bytes=-1000", 100, (0, 99)), ("bytes=100-", 100, None), ("bytes=0-0", 0, None), (" bytes=1-2 ", 100, (1, 2)),
])
def test_byte_ranges_are_read_as_rfc_9110_says(header, size, expected):
    assert byte_range(header, size=size) == expected


def test_a_name_with_a_semicolon_and_a_quote_stays_one_header_value():
    assert content_disposition('a";b.pdf', inline=True) == (
        "inline; filename=\"a_;b.pdf\"; filename*=UTF-8''a%22%3Bb.pdf")


def test_a_link_valid_for_ten_more_minutes_may_be_kept_ten_minutes(client, storage, clock):
    link = link_to(storage, VIDEO)
    clock["now"] = EXPIRES - timedelta(minutes=10)

    assert client.get(link).headers["cache-control"] == "private, max-age=600"
