"""Login checks and the credentials handed to streamlit-authenticator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput, LoginRefused, PrizeError
from prize.models import User
from prize.models.base import utcnow
from prize.passwords import MAX_BYTES, password_matches
from prize.queries.users import user_by_username
from prize.services.audit import record_change

# Checked when the username is unknown, so a wrong username costs as long as a
# wrong password and the response time does not tell which usernames exist.
_NO_USER_HASH = "$2b$12$na6B/2ayfqiKSOHr8xebCu5xtefEeR3O2yBupMLw9h4wwGWfA.Exm"


@dataclass(frozen=True)
class LoginDirectory:
    """The active users, read in one statement per script run."""

    actors: dict[str, Actor]
    password_hashes: dict[str, str]

    def credentials(self) -> dict:
        """A new credentials dict in the shape streamlit-authenticator expects.
        The library mutates it, so every run gets its own."""
        return {"usernames": {
            username: {"name": actor.name, "password": self.password_hashes[username],
                       "roles": [actor.role.value], "failed_login_attempts": 0, "logged_in": False}
            for username, actor in self.actors.items()}}


def login_directory(session: Session) -> LoginDirectory:
    users = list(session.scalars(select(User).where(User.active.is_(True))))
    return LoginDirectory(actors={user.username: Actor.of(user) for user in users},
                          password_hashes={user.username: user.password_hash for user in users})


# After this many wrong passwords in a row the account is locked for LOCKOUT.
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)


def is_locked(locked_until: datetime | None, now: datetime | None = None) -> bool:
    return locked_until is not None and locked_until > (now or utcnow())


@dataclass(frozen=True)
class LoginAttempt:
    """The outcome of a login: the actor, or the refusal to show. Not raised, so
    the session still commits the count of failed attempts."""

    actor: Actor | None
    refusal: PrizeError | None = None


def attempt_login(session: Session, *, username: str, password: str,
                  now: datetime | None = None) -> LoginAttempt:
    """Check a username and password, counting failures and locking after too many.

    An inactive user is told so only after giving the right password, so the
    message reveals nothing to someone guessing usernames.
    """
    now = now or utcnow()
    if len(password.encode("utf-8")) > MAX_BYTES:
        return LoginAttempt(None, InvalidInput("errors.password_too_long"))
    user = user_by_username(session, username or "")
    if user is None:
        password_matches(password, _NO_USER_HASH)
        return LoginAttempt(None, LoginRefused())
    if is_locked(user.locked_until, now):
        return LoginAttempt(None, LoginRefused("errors.login_locked", until=user.locked_until))
    if not password_matches(password, user.password_hash):
        return _count_failure(session, user=user, now=now)
    if not user.active:
        return LoginAttempt(None, LoginRefused("errors.user_inactive"))
    user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
    session.flush()
    return LoginAttempt(Actor.of(user))


def _count_failure(session: Session, *, user: User, now: datetime) -> LoginAttempt:
    user.failed_logins += 1
    if user.failed_logins < MAX_FAILED_LOGINS:
        session.flush()
        return LoginAttempt(None, LoginRefused())
    user.failed_logins, user.locked_until = 0, now + LOCKOUT
    record_change(session, actor=Actor.system(), action="user.locked", entity="user", entity_id=user.id,
                  new=user.locked_until.isoformat())
    session.flush()
    return LoginAttempt(None, LoginRefused("errors.login_locked", until=user.locked_until))


def check_login(session: Session, *, username: str, password: str) -> Actor:
    """The actor for a correct username and password; raises the refusal otherwise."""
    attempt = attempt_login(session, username=username, password=password)
    if attempt.refusal is not None:
        raise attempt.refusal
    return attempt.actor


def demo_passwords_in_use(session: Session, *, usernames: list[str], demo_password: str) -> list[str]:
    """The active users among ``usernames`` who still have the demo password."""
    users = session.scalars(select(User).where(User.username.in_(usernames), User.active.is_(True)))
    return sorted(user.username for user in users if password_matches(demo_password, user.password_hash))
