"""Signed file links: what they carry, how long they hold, and what they refuse."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest

from prize.file_links import FileGrant, LinkRefused, expiry, link_key, path_of, sign, verify
from prize.login_tokens import issue_token

KEY = "test-cookie-key-for-file-links-0123456789"
NOW = datetime(2020, 1, 10, 9, 2, tzinfo=UTC)
GRANT = FileGrant(storage_key="0123456789abcdef0123456789abcdef", media_type="video/mp4",
                  download_name="Stenhøj — 村の写真.mp4", expires_at=datetime(2020, 1, 10, 10, 5, tzinfo=UTC))


def reason(token: str, *, key: str = KEY, now: datetime = NOW) -> str:
    with pytest.raises(LinkRefused) as refused:
        verify(token, cookie_key=key, now=now)
    return refused.value.reason


def test_a_signed_token_gives_back_exactly_what_was_signed():
    assert verify(sign(GRANT, cookie_key=KEY), cookie_key=KEY, now=NOW) == GRANT


def test_the_link_is_the_file_route_and_the_token():
    token = sign(GRANT, cookie_key=KEY)

    assert path_of(token) == f"/files/{token}"


def test_a_link_expires_at_its_moment_not_a_second_later():
    token = sign(GRANT, cookie_key=KEY)

    assert (verify(token, cookie_key=KEY, now=GRANT.expires_at - timedelta(seconds=1)) == GRANT,
            reason(token, now=GRANT.expires_at)) == (True, "expired")


@pytest.mark.parametrize(("now", "expected"), [
    pytest.param(datetime(2020, 1, 10, 9, 2, tzinfo=UTC), datetime(2020, 1, 10, 10, 5, tzinfo=UTC), id="rounded-up"),
    pytest.param(datetime(2020, 1, 10, 9, 5, tzinfo=UTC), datetime(2020, 1, 10, 10, 5, tzinfo=UTC), id="on-the-step"),
    pytest.param(datetime(2020, 1, 10, 10, 2, 30, tzinfo=UTC).astimezone(), datetime(2020, 1, 10, 11, 5, tzinfo=UTC),
                 id="local-time-in"),
])
def test_the_expiry_is_the_link_minutes_rounded_up_to_five_minutes(now, expected):
    assert expiry(now, minutes=60) == expected


def test_within_the_same_five_minutes_a_page_gets_the_same_link_so_the_browser_keeps_its_copy():
    first = FileGrant(**{**GRANT.__dict__, "expires_at": expiry(NOW, minutes=60)})
    again = FileGrant(**{**GRANT.__dict__, "expires_at": expiry(NOW + timedelta(minutes=2), minutes=60)})

    assert sign(first, cookie_key=KEY) == sign(again, cookie_key=KEY)


def _altered(token: str, **changes: object) -> str:
    """``token`` with its payload changed and its old signature kept."""
    payload, signature = token.split(".")
    fields = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    fields.update(changes)
    encoded = base64.urlsafe_b64encode(json.dumps(fields).encode()).rstrip(b"=").decode()
    return f"{encoded}.{signature}"


@pytest.mark.parametrize("changes", [
    pytest.param({"k": "fedcba9876543210fedcba9876543210"}, id="another-file"),
    pytest.param({"e": int(datetime(2030, 1, 1, tzinfo=UTC).timestamp())}, id="later-expiry"),
    pytest.param({"t": "text/html"}, id="another-media-type"),
])
def test_an_altered_token_is_refused(changes):
    assert reason(_altered(sign(GRANT, cookie_key=KEY), **changes)) == "signature"


def test_a_token_signed_by_another_installation_is_refused():
    foreign = sign(GRANT, cookie_key="another-installations-cookie-key-987654321")

    assert reason(foreign) == "signature"


def test_a_login_cookie_is_no_file_link():
    cookie = issue_token(username="lag.randers", session_version=0, key=KEY, now=NOW, valid_for=timedelta(days=1))

    assert reason(cookie) == "malformed"


@pytest.mark.parametrize("token", ["", ".", "abc", "a.b.c", "ab$c.def", "æøå.abc", "x" * 5000 + ".y", "abc.===="])
def test_a_malformed_token_is_refused(token):
    assert reason(token) == "malformed"


def test_a_blank_cookie_key_signs_and_accepts_nothing():
    with pytest.raises(ValueError):
        link_key("   ")
    with pytest.raises(ValueError):
        sign(GRANT, cookie_key="")

    assert reason(sign(GRANT, cookie_key=KEY), key=" ") == "no key"
