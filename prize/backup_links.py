"""Short-lived signed links to download a backup: ``/backup/<token>``.

The secretariat's page asks ``prize.services.backup.backup_link`` for a link;
the server's backup route (``serve.py``) streams the archive to the holder of
the link. Unlike a file link, the token grants nothing by itself: it names a
user and the session version of their login, and the route checks both again
against the database at download time (an active secretariat user, still
logged in with that version). A link thus dies with the login that made it:
logging out, a new password or deactivation ends it before it expires.

The token is a JWT (HS256) signed with a key derived from the cookie key for
this purpose alone: a login cookie is no backup link, and a backup link is no
login cookie.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from prize.validation import is_valid_username

ROUTE_PREFIX = "/backup/"
VALID_FOR = timedelta(minutes=10)
TOKEN_MAX = 2048
_ALGORITHM = "HS256"
_PURPOSE = b"landsbyprisen backup links v1"
_CLAIMS = ["sub", "ver", "exp"]


@dataclass(frozen=True)
class BackupGrant:
    """Whom a valid link names: the user and the session version of the login that asked for it."""

    username: str
    session_version: int
    expires_at: datetime


class LinkRefused(Exception):
    """The token is malformed, altered, signed with another key or expired."""


def _key(cookie_key: str) -> bytes:
    if not cookie_key.strip():
        raise LinkRefused("no key")
    return hmac.new(cookie_key.encode("utf-8"), _PURPOSE, hashlib.sha256).digest()


def sign(grant: BackupGrant, *, cookie_key: str) -> str:
    claims = {"sub": grant.username, "ver": grant.session_version, "exp": int(grant.expires_at.timestamp())}
    return jwt.encode(claims, _key(cookie_key), algorithm=_ALGORITHM)


def grant_for(*, username: str, session_version: int, now: datetime) -> BackupGrant:
    return BackupGrant(username=username, session_version=session_version,
                       expires_at=(now + VALID_FOR).astimezone(UTC).replace(microsecond=0))


def path_of(token: str) -> str:
    return ROUTE_PREFIX + token


def verify(token: str, *, cookie_key: str, now: datetime) -> BackupGrant:
    """The grant ``token`` carries; ``LinkRefused`` unless it is well formed, signed with
    this installation's key for backups, and not expired at ``now``."""
    if len(token) > TOKEN_MAX:
        raise LinkRefused("malformed")
    try:
        claims = jwt.decode(token, _key(cookie_key), algorithms=[_ALGORITHM],
                            options={"require": _CLAIMS, "verify_exp": False})
    except (jwt.PyJWTError, ValueError, TypeError):
        raise LinkRefused("signature") from None
    username, version, expires = (claims.get(name) for name in _CLAIMS)
    if not isinstance(username, str) or not is_valid_username(username) or type(version) is not int \
            or type(expires) is not int:
        raise LinkRefused("malformed")
    if now.timestamp() >= expires:
        raise LinkRefused("expired")
    return BackupGrant(username=username, session_version=version, expires_at=datetime.fromtimestamp(expires, UTC))
