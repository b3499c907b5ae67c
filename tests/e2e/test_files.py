"""The server that `streamlit run serve.py` starts: its file route in a real browser, the
security headers on every answer, and the Danish HTML shell."""

from __future__ import annotations

import gzip
import io
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from prize.actor import Actor
from prize.db import make_engine, session_scope
from prize.models import Attachment, Nomination
from prize.queries.users import user_by_username
from prize.services.material import file_link
from prize.settings import Settings
from prize.storage import LocalStorage
from tests import material_samples as samples
from tests.e2e.conftest import COOKIE_KEY, AppServer

pytestmark = pytest.mark.browser

VIDEO = samples.mp4_bytes(size=2 * 1024 * 1024)
PICTURE = samples.png_bytes(colour=(31, 111, 80))


def attach(server: AppServer, content: bytes, *, filename: str, media_type: str) -> str:
    """A file attached to one of LAG Randers-Favrskov's nominations in the server's
    database and storage; the absolute link the nominator's page would get."""
    storage = LocalStorage(server.env["PRIZE_STORAGE_DIR"])
    engine = make_engine(server.env["PRIZE_DATABASE_URL"])
    try:
        with session_scope(engine) as session:
            nominator = user_by_username(session, "lag.randers")
            nomination = next(item for item in session.query(Nomination).order_by(Nomination.id)
                              if item.nominating_body_id == nominator.nominating_body_id)
            stored = storage.put(io.BytesIO(content))
            row = Attachment(nomination_id=nomination.id, filename=filename, content_type=media_type,
                             size_bytes=stored.size, sha256=stored.sha256, storage_key=stored.key)
            session.add(row)
            session.flush()
            path = file_link(session, actor=Actor.of(nominator), attachment_id=row.id,
                             settings=Settings(cookie_key=COOKIE_KEY, file_link_minutes=10))
    finally:
        engine.dispose()
    return server.url(path)


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_a_picture_link_shows_the_picture_in_the_browser(server, new_context):
    link = attach(server, PICTURE, filename="kirken.png", media_type="image/png")
    page = new_context().new_page()

    page.set_content(f'<img id="picture" src="{link}">')

    expect(page.locator("#picture")).to_have_js_property("naturalWidth", 32)


def test_a_video_link_answers_a_range_with_exactly_those_bytes(server, new_context):
    link = attach(server, VIDEO, filename="film.mp4", media_type="video/mp4")
    request = new_context().request

    answer = request.get(link, headers={"Range": "bytes=1048576-1049599", "Accept-Encoding": "gzip"})

    assert (answer.status, answer.body(), answer.headers["content-range"], answer.headers["content-type"],
            answer.headers.get("content-encoding")) == (
        206, VIDEO[1048576:1049600], f"bytes 1048576-1049599/{len(VIDEO)}", "video/mp4", None)


def test_the_whole_file_comes_with_its_length_name_and_no_sniffing(server):
    link = attach(server, samples.docx_bytes(), filename="Vores plan.docx",
                  media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")

    status, headers, body = fetch(link, **{"Accept-Encoding": "gzip"})

    assert (status, body, headers["content-length"], headers["content-disposition"],
            headers["x-content-type-options"], headers["cache-control"].split(",")[0]) == (
        200, samples.docx_bytes(), str(len(samples.docx_bytes())),
        "attachment; filename=\"Vores plan.docx\"; filename*=UTF-8''Vores%20plan.docx", "nosniff", "private")


def test_an_altered_or_unsigned_link_gets_403_from_the_running_server(server):
    link = attach(server, PICTURE[:-1] + b"\x01", filename="kort.png", media_type="image/png")
    altered = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")

    assert [fetch(url)[0] for url in (altered, server.url("/files/abc.def"))] == [403, 403]


@pytest.mark.parametrize("path", ["/", "/scoring"])
def test_the_html_shell_is_danish_with_the_security_headers(server, path):
    status, headers, body = fetch(server.url(path), **{"Accept-Encoding": "gzip"})
    page = gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body

    assert (status, page.count(b'<html lang="da">'), headers["x-frame-options"], headers["referrer-policy"],
            headers["x-content-type-options"], headers["content-security-policy"]) == (
        200, 1, "SAMEORIGIN", "same-origin", "nosniff", "frame-ancestors 'self'")


def test_streamlits_own_answers_carry_the_security_headers_too(server):
    status, headers, _ = fetch(server.url("/_stcore/health"))

    assert (status, headers["x-frame-options"], headers["referrer-policy"]) == (200, "SAMEORIGIN", "same-origin")


def test_a_ten_minute_link_may_be_kept_by_the_browser_for_at_most_fifteen_minutes(server):
    link = attach(server, samples.pdf_bytes(), filename="ansøgning.pdf", media_type="application/pdf")

    status, headers, _ = fetch(link)

    assert (status, headers["content-type"], 10 * 60 - 60 < int(headers["cache-control"].split("=")[1]) <= 15 * 60) \
        == (200, "application/pdf", True)
