"""The token of a password link: genuine, current and for this purpose, or nothing."""

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from prize.login_tokens import issue_token
from prize.password_links import PasswordToken, issue_password_token, link_key, read_password_token

NOW = datetime(2020, 1, 15, 11, 0, tzinfo=UTC)
COOKIE_KEY = "a-cookie-key-that-is-long-enough-for-hs256"
KEY = link_key(COOKIE_KEY)


def _token(**changes) -> str:
    return issue_password_token(**{"user_id": 7, "session_version": 2, "key": KEY, "now": NOW,
                                   "valid_for": timedelta(hours=72), **changes})


def test_an_issued_link_reads_back_as_whose_which_version_and_until_when():
    assert read_password_token(_token(), key=KEY, now=NOW) == PasswordToken(
        user_id=7, session_version=2, expires_at=NOW + timedelta(hours=72))


def test_an_expired_link_reads_as_none():
    assert read_password_token(_token(), key=KEY, now=NOW + timedelta(hours=72)) is None


def test_the_link_key_is_not_the_cookie_key():
    assert (KEY != COOKIE_KEY, read_password_token(_token(), key=COOKIE_KEY, now=NOW)) == (True, None)


def test_a_login_cookie_never_passes_for_a_password_link():
    cookie = issue_token(username="jury1", session_version=2, key=KEY, now=NOW, valid_for=timedelta(days=1))

    assert read_password_token(cookie, key=KEY, now=NOW) is None


@pytest.mark.parametrize("claims", [
    {"sub": "7", "ver": 2, "pur": "login", "iat": 0, "exp": 2**40},
    {"sub": "syv", "ver": 2, "pur": "set_password", "iat": 0, "exp": 2**40},
    {"sub": "7", "ver": "2", "pur": "set_password", "iat": 0, "exp": 2**40},
    {"sub": "7", "ver": 2, "pur": "set_password", "exp": 2**40},
])
def test_a_correctly_signed_token_with_wrong_claims_reads_as_none(claims):
    assert read_password_token(jwt.encode(claims, KEY, algorithm="HS256"), key=KEY, now=NOW) is None


@pytest.mark.parametrize("garbage", [None, "", "abc", "a.b.c", "x" * 5000])
def test_garbage_reads_as_none(garbage):
    assert read_password_token(garbage, key=KEY, now=NOW) is None


def test_alg_none_reads_as_none():
    unsigned = jwt.encode({"sub": "7", "ver": 2, "pur": "set_password", "iat": 0, "exp": 2**40}, None,
                          algorithm="none")

    assert read_password_token(unsigned, key=KEY, now=NOW) is None
