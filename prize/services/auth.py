"""Login checks, the credentials handed to streamlit-authenticator, and which
login cookies still open a session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput, LoginRefused, PrizeError
from prize.login_tokens import LoginToken
from prize.models.base import utcnow
from prize.passwords import MAX_BYTES, password_matches
from prize.queries import users as user_queries
from prize.services.audit import record_change
from prize.validation import is_valid_username

# Checked when the username is unknown, so a wrong username costs as long as a
# wrong password and the response time does not tell which usernames exist.
_NO_USER_HASH = "$2b$12$na6B/2ayfqiKSOHr8xebCu5xtefEeR3O2yBupMLw9h4wwGWfA.Exm"


@dataclass(frozen=True)
class LoginDirectory:
    """The active users, read in one statement per script run."""

    actors: dict[str, Actor]
    password_hashes: dict[str, str]
    session_versions: dict[str, int]

    def credentials(self) -> dict:
        """A new credentials dict in the shape streamlit-authenticator expects.
        The library mutates it, so every run gets its own."""
        return {"usernames": {
            username: {"name": actor.name, "password": self.password_hashes[username],
                       "roles": [actor.role.value], "failed_login_attempts": 0, "logged_in": False}
            for username, actor in self.actors.items()}}

    def is_current(self, username: str | None, session_version: object) -> bool:
        """True when ``username`` is an active user whose logins of ``session_version``
        have not been ended since (by logout, a password change or deactivation)."""
        return username in self.actors and session_version == self.session_versions[username]

    def actor_for(self, token: LoginToken | None) -> Actor | None:
        """The actor a login cookie's token opens a session for, if it still does."""
        if token is None or not self.is_current(token.username, token.session_version):
            return None
        return self.actors[token.username]


def login_directory(session: Session) -> LoginDirectory:
    users = user_queries.active_users(session)
    return LoginDirectory(actors={user.username: Actor.of(user) for user in users},
                          password_hashes={user.username: user.password_hash for user in users},
                          session_versions={user.username: user.session_version for user in users})


def login_is_current(session: Session, *, username: str | None, session_version: object) -> bool:
    """Whether a login of ``username`` on ``session_version`` still holds: the user is
    active and has not logged out, changed their password or been given a new one
    since. One statement, for what runs without app.py's check of the login (a
    fragment's own rerun, a widget's callback)."""
    user = user_queries.user_by_username(session, username) if username else None
    return user is not None and user.active and user.session_version == session_version


# After this many wrong passwords in a row the account is locked for LOCKOUT.
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)


def is_locked(locked_until: datetime | None, now: datetime | None = None) -> bool:
    return locked_until is not None and locked_until > (now or utcnow())


@dataclass(frozen=True)
class LoginAttempt:
    """The outcome of a login: the actor and the session version the login cookie
    is issued for, or the refusal to show. Not raised, so the session still
    commits the count of failed attempts."""

    actor: Actor | None
    refusal: PrizeError | None = None
    session_version: int = 0


def attempt_login(session: Session, *, username: str, password: str,
                  now: datetime | None = None) -> LoginAttempt:
    """Check a username and password, counting failures and locking after too many.

    Failures are counted in the database in one statement each, so guesses sent
    at the same moment cannot slip past the lock. An inactive user is told so
    only after giving the right password, so the message reveals nothing to
    someone guessing usernames.
    """
    now = now or utcnow()
    if not (username or "").strip() or not password:
        return LoginAttempt(None, InvalidInput("errors.login_empty"))
    if len(password.encode("utf-8")) > MAX_BYTES:
        return LoginAttempt(None, InvalidInput("errors.password_too_long"))
    name = (username or "").strip().lower()
    user = user_queries.user_by_username(session, name) if is_valid_username(name) else None
    if user is None:
        password_matches(password, _NO_USER_HASH)
        return LoginAttempt(None, LoginRefused())
    if is_locked(user.locked_until, now):
        return LoginAttempt(None, LoginRefused("errors.login_locked", until=user.locked_until))
    if not password_matches(password, user.password_hash):
        return _count_failure(session, user_id=user.id, now=now)
    if not user.active:
        return LoginAttempt(None, LoginRefused("errors.user_inactive"))
    if not user_queries.record_successful_login(session, user_id=user.id, now=now):
        session.refresh(user)
        return LoginAttempt(None, LoginRefused("errors.login_locked", until=user.locked_until))
    session.refresh(user)
    return LoginAttempt(Actor.of(user), session_version=user.session_version)


def _count_failure(session: Session, *, user_id: int, now: datetime) -> LoginAttempt:
    failures, locked_until = user_queries.count_failed_login(
        session, user_id=user_id, now=now, limit=MAX_FAILED_LOGINS, lockout=LOCKOUT)
    if failures < MAX_FAILED_LOGINS:
        return LoginAttempt(None, LoginRefused())
    if failures == MAX_FAILED_LOGINS:  # exactly one failure locks; later ones find it locked
        record_change(session, actor=Actor.system(), action="user.locked", entity="user", entity_id=user_id,
                      new=locked_until.isoformat())
    return LoginAttempt(None, LoginRefused("errors.login_locked", until=locked_until))


def check_login(session: Session, *, username: str, password: str) -> Actor:
    """The actor for a correct username and password; raises the refusal otherwise."""
    attempt = attempt_login(session, username=username, password=password)
    if attempt.refusal is not None:
        raise attempt.refusal
    return attempt.actor


def demo_passwords_in_use(session: Session, *, usernames: list[str], demo_password: str) -> list[str]:
    """The users among ``usernames``, active or not, who still have the demo password
    (a deactivated user can be reactivated with it)."""
    users = user_queries.users_named(session, usernames)
    return [user.username for user in users if password_matches(demo_password, user.password_hash)]
