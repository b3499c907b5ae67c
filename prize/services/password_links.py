"""Choosing one's password through a link from an e-mail: the invitation of a new
user, or a reset the user asked for on the login page.

Nothing here tells a visitor whether an address or a user exists: a reset request
gets one answer whatever the address, and a link that is not genuine, has expired,
was used, or belongs to a deactivated user reads as one and the same invalid link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput
from prize.mail.links import MailLinks
from prize.models import User
from prize.models.base import utcnow
from prize.password_links import read_password_token
from prize.passwords import hash_password
from prize.queries import mail_recipients as recipients
from prize.queries import users as user_queries
from prize.services.audit import record_change
from prize.services.demo import demo_password
from prize.services.mail import queue_password_reset, resets_left
from prize.validation import clean_email


# A known address costs a written message and its commit (about 25 ms on SQLite, see
# bench/outbox.py), an unknown one a single read: the login page answers a reset
# request no sooner than this, so the time does not tell which addresses are known.
RESET_ANSWER_SECONDS = 0.5


@dataclass(frozen=True)
class LinkHolder:
    """Whom a valid password link is for: enough to greet them, nothing more."""

    username: str
    name: str


def request_password_reset(session: Session, *, email: str, links: MailLinks, now: datetime | None = None) -> None:
    """Write a reset link to every active user with this address, unless the address
    has had ``RESET_LIMIT`` reset mails within the window. Says nothing either way."""
    now = now or utcnow()
    address = clean_email(email, required=True)
    users = recipients.active_users_with_email(session, address)
    if not users or resets_left(session, email=address, now=now) <= 0:
        return
    for user in users:
        queue_password_reset(session, user=user, links=links, now=now)
        record_change(session, actor=Actor.system(), action="user.password_reset_requested", entity="user",
                      entity_id=user.id)


def password_link_holder(session: Session, *, token: str | None, key: str,
                         now: datetime | None = None) -> LinkHolder | None:
    """The user a link is for while it still works; None for any link that does not."""
    user = _user_of(session, token=token, key=key, now=now or utcnow())
    return LinkHolder(username=user.username, name=user.name) if user is not None else None


def set_password_by_link(session: Session, *, token: str | None, key: str, new: str, repeat: str,
                         bcrypt_rounds: int = 12, now: datetime | None = None) -> str:
    """Set the password of the link's user; the link then stops working, every login
    of the user ends and a lock after failed logins is lifted. Returns the username."""
    user = _user_of(session, token=token, key=key, now=now or utcnow(), lock=True)
    if user is None:
        raise InvalidInput("password_link.invalid")
    if new != repeat:
        raise InvalidInput("errors.password_mismatch")
    if new == demo_password():
        raise InvalidInput("errors.password_is_demo")
    user.password_hash = hash_password(new, rounds=bcrypt_rounds)
    user.must_change_password = False
    user.failed_logins, user.locked_until = 0, None
    session.flush()
    user_queries.end_sessions(session, user_id=user.id)
    record_change(session, actor=Actor.of(user), action="user.password_set_by_link", entity="user",
                  entity_id=user.id)
    return user.username


def _user_of(session: Session, *, token: str | None, key: str, now: datetime, lock: bool = False) -> User | None:
    claims = read_password_token(token, key=key, now=now)
    if claims is None:
        return None
    user = user_queries.user_for_update(session, claims.user_id) if lock else session.get(User, claims.user_id)
    if user is None or not user.active or user.session_version != claims.session_version:
        return None
    return user
