"""Short-lived signed links to stored files: ``/files/<token>``.

A page asks ``prize.services.material.file_link`` for a link once the rule book
has let the visitor see the nomination; the server's file route (``serve.py``)
then serves the file to whoever holds the link until it expires, without a
database or a session. The token carries what the route needs (the storage
key, the media type, the download name, the expiry) and an HMAC-SHA256 over
it, with a key derived from the cookie key for this purpose alone: a login
cookie is no file link, and a link from another installation (another key) is
refused like an altered or expired one.

An expiry is rounded up to the next whole ``ROUNDING`` (five minutes): a page
drawn again within those minutes gets the very same link, so the browser keeps
the picture or video it already has instead of fetching it anew on every rerun.
A link is therefore valid for between ``minutes`` and ``minutes`` + 5.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

ROUTE_PREFIX = "/files/"
ROUNDING = timedelta(minutes=5)
# A token holds a display name of at most 255 characters; anything much longer is not ours.
TOKEN_MAX = 4096
_PURPOSE = b"landsbyprisen file links v1"


@dataclass(frozen=True)
class FileGrant:
    """What a valid link lets its holder fetch, and until when."""

    storage_key: str
    media_type: str
    download_name: str
    expires_at: datetime


class LinkRefused(Exception):
    """The token is malformed, altered, signed with another key, or expired; ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def link_key(cookie_key: str) -> bytes:
    """The key that signs file links, derived from the cookie key; a blank cookie key signs nothing."""
    if not cookie_key.strip():
        raise ValueError("file links need a cookie key")
    return hmac.new(cookie_key.encode("utf-8"), _PURPOSE, hashlib.sha256).digest()


def expiry(now: datetime, *, minutes: int) -> datetime:
    """``now`` plus ``minutes``, rounded up to the next whole five minutes (UTC)."""
    moment = now.astimezone(UTC) + timedelta(minutes=minutes)
    step = ROUNDING.total_seconds()
    return datetime.fromtimestamp(math.ceil(moment.timestamp() / step) * step, UTC)


def sign(grant: FileGrant, *, cookie_key: str) -> str:
    """The token for ``grant``: the payload and its signature, both base64url."""
    payload = json.dumps({"k": grant.storage_key, "t": grant.media_type, "n": grant.download_name,
                          "e": int(grant.expires_at.timestamp())},
                         ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    encoded = _b64encode(payload)
    return f"{encoded}.{_b64encode(_signature(encoded, cookie_key))}"


def path_of(token: str) -> str:
    return ROUTE_PREFIX + token


def verify(token: str, *, cookie_key: str, now: datetime) -> FileGrant:
    """The grant ``token`` carries; ``LinkRefused`` unless it is well formed, signed
    with this installation's key and not yet expired at ``now``."""
    if not cookie_key.strip():
        raise LinkRefused("no key")
    if len(token) > TOKEN_MAX or token.count(".") != 1:
        raise LinkRefused("malformed")
    encoded, signature = token.split(".")
    try:
        payload, given = _b64decode(encoded), _b64decode(signature)
    except ValueError:
        raise LinkRefused("malformed") from None
    if not hmac.compare_digest(given, _signature(encoded, cookie_key)):
        raise LinkRefused("signature")
    grant = _grant(payload)
    if now >= grant.expires_at:
        raise LinkRefused("expired")
    return grant


def _grant(payload: bytes) -> FileGrant:
    """The payload of a correctly signed token: only this module writes those."""
    fields = json.loads(payload)
    return FileGrant(storage_key=fields["k"], media_type=fields["t"], download_name=fields["n"],
                     expires_at=datetime.fromtimestamp(fields["e"], UTC))


def _signature(encoded_payload: str, cookie_key: str) -> bytes:
    return hmac.new(link_key(cookie_key), encoded_payload.encode("ascii"), hashlib.sha256).digest()


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    """Strict base64url without padding; ``ValueError`` for anything else."""
    if not text or not all(char.isascii() and (char.isalnum() or char in "-_") for char in text):
        raise ValueError("not base64url")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error as error:
        raise ValueError("not base64url") from error
