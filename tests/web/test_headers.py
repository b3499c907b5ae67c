"""Security headers on every answer, and Streamlit's HTML shell in the app's language."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.testclient import TestClient

from web.headers import SECURITY_HEADERS, SecurityHeaders, with_language

SHELL = Path(streamlit.__file__).parent / "static" / "index.html"


def shell(_request) -> FileResponse:
    return FileResponse(SHELL, media_type="text/html")


def framed(_request) -> Response:
    return Response("x", headers={"X-Frame-Options": "DENY"}, media_type="text/plain")


def client_for(lang: str = "da") -> TestClient:
    app = Starlette(routes=[Route("/", shell), Route("/scoring", shell), Route("/api", lambda _: JSONResponse([1])),
                            Route("/framed", framed)],
                    # Streamlit's own gzip sits inside the app's middleware, as in st.App.
                    middleware=[Middleware(SecurityHeaders, html_lang=lambda: lang),
                                Middleware(GZipMiddleware, minimum_size=100)])
    return TestClient(app)


@pytest.mark.parametrize("path", ["/", "/scoring"])
def test_the_html_shell_says_danish_even_when_it_was_compressed_inside(path):
    answer = client_for("da").get(path, headers={"Accept-Encoding": "gzip"})

    page = answer.content
    assert (answer.status_code, page.count(b'<html lang="da">'), page.count(b'lang="en"'),
            answer.headers["content-length"], answer.headers.get("content-encoding")) == (
        200, 1, 0, str(len(page)), None)
    assert page == SHELL.read_bytes().replace(b'<html lang="en">', b'<html lang="da">')


def test_the_shell_follows_the_configured_language():
    assert b'<html lang="en">' in client_for("en").get("/").content


@pytest.mark.parametrize("path", ["/", "/api", "/no-such-page"])
def test_every_answer_carries_the_security_headers(path):
    answer = client_for().get(path)

    assert {name: answer.headers.get(name) for name in SECURITY_HEADERS} == {
        "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "SAMEORIGIN",
        "Content-Security-Policy": "frame-ancestors 'self'"}


def test_a_header_the_answer_sets_itself_is_kept():
    assert client_for().get("/framed").headers["x-frame-options"] == "DENY"


def test_a_head_request_is_passed_on_untouched():
    answer = client_for().head("/")

    assert (answer.status_code, answer.content, answer.headers["content-length"]) == (
        200, b"", str(SHELL.stat().st_size))


@pytest.mark.parametrize(("page", "expected"), [
    (b"<!doctype html><html lang='en' class=x><body>", b'<!doctype html><html lang="da" class=x><body>'),
    (b"<HTML><body>", b'<HTML lang="da"><body>'),
    (b"<p>no html tag</p>", b"<p>no html tag</p>"),
])
def test_the_language_is_set_on_the_html_tag_whatever_it_had(page, expected):
    assert with_language(page, "da") == expected


@pytest.mark.parametrize(("cookie", "expected"), [
    pytest.param("landsbyprisen_sprog=en", b'<html lang="en">', id="chose-english"),
    pytest.param("other=1; landsbyprisen_sprog=da", b'<html lang="da">', id="chose-danish"),
    pytest.param("landsbyprisen_sprog=xx", b'<html lang="en">', id="unknown-falls-back-to-default"),
    pytest.param('landsbyprisen_sprog="><script>', b'<html lang="en">', id="hostile-falls-back-to-default"),
])
def test_the_shell_follows_the_language_the_visitor_chose(cookie, expected):
    page = client_for("en").get("/", headers={"Cookie": cookie}).content

    assert page.count(expected) == 1


def static_shell(*, lang: str | None) -> TestClient:
    """The shell from Starlette's StaticFiles, as Streamlit serves it: with an ETag and a
    Last-Modified, and 304 to a request that names them. ``lang``: behind the middleware."""
    middleware = [Middleware(SecurityHeaders, html_lang=lambda: lang)] if lang else []
    return TestClient(Starlette(routes=[Mount("/", StaticFiles(directory=SHELL.parent, html=True))],
                                middleware=middleware))


def test_a_page_load_after_a_language_change_gets_the_new_language_not_the_cached_shell():
    validators = static_shell(lang=None).get("/").headers
    cached = {"If-None-Match": validators["etag"], "If-Modified-Since": validators["last-modified"]}

    answer = static_shell(lang="da").get("/", headers={"Accept": "text/html,*/*;q=0.8",
                                                       "Cookie": "landsbyprisen_sprog=en", **cached})

    assert (answer.status_code, answer.content.count(b'<html lang="en">'), answer.headers.get("etag"),
            answer.headers.get("last-modified")) == (200, 1, None, None)


def test_a_script_or_a_picture_is_still_answered_304_when_unchanged():
    validators = static_shell(lang=None).get("/manifest.json").headers

    answer = static_shell(lang="da").get("/manifest.json", headers={
        "Accept": "*/*", "If-None-Match": validators["etag"]})

    assert answer.status_code == 304
