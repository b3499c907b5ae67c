"""The login cookie's token: who is logged in, since which session version, until when.

A token is a JWT signed with the cookie key (HS256). It names the user's
session version at login; the version is counted up when the user logs out,
changes or is given a password, or is deactivated, so every token issued
before that is refused. Reading a token never raises: anything that is not a
well-formed, correctly signed, unexpired token of this app (another algorithm,
``alg: none``, another key, garbage, wrong claim types, a user name with
control characters) reads as no token.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt

from prize.validation import is_valid_username

ALGORITHM = "HS256"
_REQUIRED_CLAIMS = ["sub", "ver", "iat", "exp"]


@dataclass(frozen=True)
class LoginToken:
    username: str
    session_version: int
    issued_at: datetime
    expires_at: datetime


def issue_token(*, username: str, session_version: int, key: str, now: datetime, valid_for: timedelta) -> str:
    claims = {"sub": username, "ver": session_version, "iat": int(now.timestamp()),
              "exp": int((now + valid_for).timestamp())}
    return jwt.encode(claims, key, algorithm=ALGORITHM)


def read_token(token: str | None, *, key: str, now: datetime) -> LoginToken | None:
    """The token's content when it is genuine and current; None otherwise."""
    if not token or not key:
        return None
    try:
        claims = jwt.decode(token, key, algorithms=[ALGORITHM],
                            options={"require": _REQUIRED_CLAIMS, "verify_iat": False, "verify_exp": False})
    except (jwt.PyJWTError, ValueError, TypeError):
        return None
    return _checked(claims, now=now)


def _checked(claims: dict, *, now: datetime) -> LoginToken | None:
    username, version, issued, expires = (claims.get(name) for name in _REQUIRED_CLAIMS)
    if not isinstance(username, str) or not is_valid_username(username):
        return None
    if not all(type(value) is int for value in (version, issued, expires)):
        return None
    if expires <= now.timestamp() or issued > expires:
        return None
    return LoginToken(username=username, session_version=version,
                      issued_at=datetime.fromtimestamp(issued, now.tzinfo),
                      expires_at=datetime.fromtimestamp(expires, now.tzinfo))
