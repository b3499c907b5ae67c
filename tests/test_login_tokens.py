"""The login cookie's token: genuine and current, or no token at all; reading never raises."""

import base64
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from prize.login_tokens import LoginToken, issue_token, read_token

KEY = "a-test-cookie-key-long-enough-for-hs256-hs384-and-hs512-signatures!"
NOW = datetime(2020, 2, 1, 10, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _claims(**changes) -> dict:
    claims = {"sub": "jury1", "ver": 3, "iat": int(NOW.timestamp()), "exp": int((NOW + DAY).timestamp())}
    return {name: value for name, value in (claims | changes).items() if value is not ...}


def test_an_issued_token_reads_back_as_who_which_version_and_until_when():
    token = issue_token(username="jury1", session_version=3, key=KEY, now=NOW, valid_for=DAY)

    assert read_token(token, key=KEY, now=NOW + timedelta(hours=1)) == LoginToken(
        username="jury1", session_version=3, issued_at=NOW, expires_at=NOW + DAY)


def test_an_expired_token_reads_as_none():
    token = issue_token(username="jury1", session_version=3, key=KEY, now=NOW, valid_for=DAY)

    assert read_token(token, key=KEY, now=NOW + DAY) is None


def test_a_token_with_alg_none_reads_as_none():
    token = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_claims())}."

    assert read_token(token, key=KEY, now=NOW) is None


@pytest.mark.parametrize("algorithm", ["HS384", "HS512"])
def test_a_token_signed_with_another_algorithm_reads_as_none(algorithm):
    token = jwt.encode(_claims(), KEY, algorithm=algorithm)

    assert read_token(token, key=KEY, now=NOW) is None


def test_a_token_signed_with_another_key_reads_as_none():
    token = jwt.encode(_claims(), "another-key-of-at-least-32-characters-long", algorithm="HS256")

    assert read_token(token, key=KEY, now=NOW) is None


@pytest.mark.parametrize("garbage", ["", "abc", "a.b.c", "ÆØÅ.æøå.", "\x00", "eyJhbGciOiJIUzI1NiJ9..",
                                     "x" * 5000, None],
                         ids=["empty", "word", "three-parts", "danish-letters", "nul", "empty-parts", "long", "none"])
def test_garbage_reads_as_none(garbage):
    assert read_token(garbage, key=KEY, now=NOW) is None


@pytest.mark.parametrize("changes", [
    {"ver": ...}, {"sub": ...}, {"iat": ...}, {"exp": ...},
    {"ver": "3"}, {"ver": True}, {"ver": 3.0}, {"sub": 42}, {"exp": "tomorrow"},
    {"sub": "jury\x001"}, {"sub": "jury1\n"}, {"sub": "Jury1"}, {"sub": "../admin"},
    {"iat": int((NOW + 2 * DAY).timestamp())},
], ids=["no-version", "no-user", "no-issue-time", "no-expiry", "version-as-text", "version-as-bool",
        "version-as-float", "user-as-number", "expiry-as-text", "user-with-nul", "user-with-newline",
        "user-in-capitals", "user-as-path", "issued-after-expiry"])
def test_a_correctly_signed_token_with_wrong_claims_reads_as_none(changes):
    token = jwt.encode(_claims(**changes), KEY, algorithm="HS256")

    assert read_token(token, key=KEY, now=NOW) is None


def test_without_a_key_nothing_reads():
    token = issue_token(username="jury1", session_version=3, key=KEY, now=NOW, valid_for=DAY)

    assert read_token(token, key="", now=NOW) is None
