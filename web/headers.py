"""Headers on every answer of the server, and the page's language in its HTML shell.

Streamlit sends its HTML shell as ``<html lang="en">`` whatever the app's
language; a screen reader then reads Danish with English rules. The shell is
rewritten to the visitor's language: the one the app stored in the language
cookie when they chose it (ui/auth.py), else the configured default. A choice
made in an open tab reaches ``lang`` with the next page load; Streamlit itself
never changes the attribute after loading. The shell therefore goes out without
validators (ETag, Last-Modified), and a page load's conditional headers are dropped:
Streamlit would answer 304 to the ETag of the shell in the other language, and the
browser would show its cached copy with the old ``lang``. The security headers keep the
app out of other sites' frames, keep addresses (a signed file link among them)
out of the Referer header sent to other sites, and stop browsers from guessing
a type other than the one sent.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from prize.i18n import LANGUAGE_COOKIE, LOCALES, normalise_locale

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "SAMEORIGIN",
    "Content-Security-Policy": "frame-ancestors 'self'",
}
# A request's headers that let the server answer 304 instead of the page.
_CONDITIONAL = (b"if-none-match", b"if-modified-since")
_HTML_TAG = re.compile(rb"<html\b[^>]*>", re.IGNORECASE)
_LANG = re.compile(rb"""\slang\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP answer (a header the answer
    already has stays as it is), and ``lang`` of the HTML shell set to the language
    cookie's language or ``html_lang()``.
    Requests under ``uncompressed`` reach the app without ``Accept-Encoding``, so that
    stored files go out as stored: Streamlit's gzip would drop their length."""

    def __init__(self, app: ASGIApp, *, html_lang: Callable[[], str], uncompressed: tuple[str, ...] = ()) -> None:
        self.app = app
        self.html_lang = html_lang
        self.uncompressed = uncompressed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"].startswith(self.uncompressed):
            scope = dict(scope, headers=[(name, value) for name, value in scope["headers"]
                                         if name.lower() != b"accept-encoding"])
        rewrite = scope["method"] == "GET"
        if rewrite and _loads_a_page(scope):
            scope = dict(scope, headers=[(name, value) for name, value in scope["headers"]
                                         if name.lower() not in _CONDITIONAL])
        await self.app(scope, receive, _Sender(send, lang=self._language_of(scope) if rewrite else None))

    def _language_of(self, scope: Scope) -> Callable[[], str]:
        """The visitor's chosen language, when their cookie names a known one; else the default."""
        cookies = cookie_parser(next((value.decode("latin-1") for name, value in scope["headers"]
                                      if name.lower() == b"cookie"), ""))
        chosen = cookies.get(LANGUAGE_COOKIE)
        return (lambda: chosen) if chosen in LOCALES else self.html_lang


class _Sender:
    """Adds the headers to the start of the answer; holds back an HTML page until its
    body is complete, to set its language."""

    def __init__(self, send: Send, *, lang: Callable[[], str] | None) -> None:
        self.send = send
        self.lang = lang
        self.start: Message | None = None
        self.body: list[bytes] = []

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(raw=list(message["headers"]))
            for name, value in SECURITY_HEADERS.items():
                headers.setdefault(name, value)
            message = dict(message, headers=headers.raw)
            if self.lang is not None and message["status"] == 200 and _is_html(headers):
                self.start = message
                return
        elif message["type"] == "http.response.body" and self.start is not None:
            self.body.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await self._send_page()
            return
        await self.send(message)

    async def _send_page(self) -> None:
        headers = MutableHeaders(raw=self.start["headers"])
        body = b"".join(self.body)
        if headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
            del headers["content-encoding"]
        if headers.get("content-encoding") is None:
            body = with_language(body, normalise_locale(self.lang()))
        del headers["etag"]
        del headers["last-modified"]
        headers["content-length"] = str(len(body))
        await self.send(dict(self.start, headers=headers.raw))
        await self.send({"type": "http.response.body", "body": body, "more_body": False})


def _loads_a_page(scope: Scope) -> bool:
    """A browser loading a page (not a script or a picture) asks for HTML."""
    accept = next((value for name, value in scope["headers"] if name.lower() == b"accept"), b"")
    return b"text/html" in accept.lower()


def _is_html(headers: MutableHeaders) -> bool:
    return headers.get("content-type", "").split(";")[0].strip().lower() == "text/html"


def with_language(page: bytes, lang: str) -> bytes:
    """``page`` with ``lang`` on its ``<html>`` tag (replacing any there was)."""
    tag = _HTML_TAG.search(page)
    if tag is None:
        return page
    bare = _LANG.sub(b"", tag.group(0))
    new_tag = bare[:5] + b' lang="' + lang.encode("ascii") + b'"' + bare[5:]
    return page[:tag.start()] + new_tag + page[tag.end():]
