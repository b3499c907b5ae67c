"""Login checks and the credentials handed to streamlit-authenticator."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput, LoginRefused
from prize.models import User
from prize.models.base import utcnow
from prize.passwords import MAX_BYTES, password_matches
from prize.queries.users import user_by_username

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


def check_login(session: Session, *, username: str, password: str) -> Actor:
    """The actor for a correct username and password; otherwise a Danish refusal.

    An inactive user is told so only after giving the right password, so the
    message reveals nothing to someone guessing usernames.
    """
    if len(password.encode("utf-8")) > MAX_BYTES:
        raise InvalidInput("errors.password_too_long")
    user = user_by_username(session, username or "")
    if user is None:
        password_matches(password, _NO_USER_HASH)
        raise LoginRefused()
    if not password_matches(password, user.password_hash):
        raise LoginRefused()
    if not user.active:
        raise LoginRefused("errors.user_inactive")
    user.last_login_at = utcnow()
    session.flush()
    return Actor.of(user)


def demo_passwords_in_use(session: Session, *, usernames: list[str], demo_password: str) -> list[str]:
    """The active users among ``usernames`` who still have the demo password."""
    users = session.scalars(select(User).where(User.username.in_(usernames), User.active.is_(True)))
    return sorted(user.username for user in users if password_matches(demo_password, user.password_hash))
