"""Password rules and hashing."""

from __future__ import annotations

import secrets

import bcrypt

from prize.errors import InvalidInput
from prize.text import forbidden_characters

MIN_LENGTH = 10
# bcrypt only reads the first 72 bytes and bcrypt>=5 raises beyond them.
MAX_BYTES = 72
_ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def check_new_password(password: str) -> None:
    """Raise ``InvalidInput`` unless ``password`` is acceptable as a new password."""
    if len(password.encode("utf-8")) > MAX_BYTES:
        raise InvalidInput("errors.password_too_long")
    if password != password.strip():
        raise InvalidInput("errors.password_whitespace")
    if forbidden_characters(password):
        raise InvalidInput("errors.password_control_characters")
    if len(password) < MIN_LENGTH:
        raise InvalidInput("errors.password_too_short", min=MIN_LENGTH)


def hash_password(password: str, *, rounds: int = 12) -> str:
    check_new_password(password)
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds)).decode("ascii")


def password_matches(password: str, password_hash: str) -> bool:
    """False for a wrong password, and for one bcrypt cannot take (over 72 bytes)."""
    encoded = password.encode("utf-8")
    # bcrypt refuses NUL bytes with a ValueError; no stored password holds one.
    if len(encoded) > MAX_BYTES or b"\x00" in encoded or not password_hash:
        return False
    return bcrypt.checkpw(encoded, password_hash.encode("ascii"))


def one_time_password() -> str:
    """A random password that is easy to read aloud, e.g. ``k7dm-x3pq-9wtz``."""
    groups = ("".join(secrets.choice(_ONE_TIME_ALPHABET) for _ in range(4)) for _ in range(3))
    return "-".join(groups)


def unknown_password() -> str:
    """A password nobody is told: a user invited by e-mail chooses their own through the link."""
    return secrets.token_urlsafe(32)
