"""The token in a link that lets a user choose their own password: sent in an
invitation or a password reset, never shown to anyone else.

A token is a JWT (HS256) that names the user's id and session version and a
purpose, signed with a key derived from the cookie key (so a login cookie can
never pass for a password link, nor the other way round). Choosing a password
counts the session version up, so a link works once; so do a logout, another
new password and a deactivation. Reading never raises: anything that is not a
genuine, current password link reads as None.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt

ALGORITHM = "HS256"
PURPOSE = "set_password"
# The query parameter of the app's address that carries the token: https://…/?adgang=<token>
QUERY_PARAMETER = "adgang"
_REQUIRED_CLAIMS = ["sub", "ver", "pur", "iat", "exp"]


@dataclass(frozen=True)
class PasswordToken:
    user_id: int
    session_version: int
    expires_at: datetime


def link_key(cookie_key: str) -> str:
    """The key password links are signed with, derived from the cookie key."""
    return hmac.new(cookie_key.encode("utf-8"), b"landsbyprisen password link", hashlib.sha256).hexdigest()


def issue_password_token(*, user_id: int, session_version: int, key: str, now: datetime,
                         valid_for: timedelta) -> str:
    claims = {"sub": str(user_id), "ver": session_version, "pur": PURPOSE, "iat": int(now.timestamp()),
              "exp": int((now + valid_for).timestamp())}
    return jwt.encode(claims, key, algorithm=ALGORITHM)


def read_password_token(token: str | None, *, key: str, now: datetime) -> PasswordToken | None:
    """The token's content when it is a genuine, unexpired password link; None otherwise."""
    if not token or not key or len(token) > 2000:
        return None
    try:
        claims = jwt.decode(token, key, algorithms=[ALGORITHM],
                            options={"require": _REQUIRED_CLAIMS, "verify_iat": False, "verify_exp": False})
    except (jwt.PyJWTError, ValueError, TypeError):
        return None
    subject, version, purpose, issued, expires = (claims.get(name) for name in _REQUIRED_CLAIMS)
    if purpose != PURPOSE or not isinstance(subject, str) or not subject.isdigit():
        return None
    if not all(type(value) is int for value in (version, issued, expires)):
        return None
    if expires <= now.timestamp() or issued > expires:
        return None
    return PasswordToken(user_id=int(subject), session_version=version,
                         expires_at=datetime.fromtimestamp(expires, now.tzinfo))
