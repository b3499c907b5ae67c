from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.orm import Session

from prize.models import Municipality, NominatingBody, Nomination, User
from prize.roles import Role


def user_by_username(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username.strip().lower()))


def all_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def active_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).where(User.active.is_(True))))


def users_named(session: Session, usernames: list[str]) -> list[User]:
    """The users among ``usernames``, active or not."""
    return list(session.scalars(select(User).where(User.username.in_(usernames)).order_by(User.username)))


def user_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User))


def active_secretariat_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User).where(
        User.role == Role.SECRETARIAT, User.active.is_(True)))


def lock_active_secretariat(session: Session) -> list[int]:
    """The ids of the active secretariat users, locked until the transaction ends:
    two secretaries deactivating each other at once are served one after the other,
    and the second sees the first's change. (SQLite: ``BEGIN IMMEDIATE`` serialises.)"""
    statement = (select(User.id).where(User.role == Role.SECRETARIAT, User.active.is_(True))
                 .order_by(User.id).with_for_update())
    return list(session.scalars(statement))


def _lock_has_expired(now: datetime):
    return and_(User.locked_until.is_not(None), User.locked_until <= now)


def count_failed_login(session: Session, *, user_id: int, now: datetime, limit: int,
                       lockout: timedelta) -> tuple[int, datetime | None]:
    """Add one failed login in a single UPDATE, so that failures sent at the same
    moment are all counted; the failure that reaches ``limit`` locks the account.
    A lock that has run out starts the count again. Returns the new count and lock."""
    failures = case((_lock_has_expired(now), 1), else_=User.failed_logins + 1)
    locked_until = case((failures >= limit, now + lockout), (_lock_has_expired(now), None),
                        else_=User.locked_until)
    statement = (update(User).where(User.id == user_id)
                 .values(failed_logins=failures, locked_until=locked_until)
                 .returning(User.failed_logins, User.locked_until))
    count, until = session.execute(statement, execution_options={"synchronize_session": "fetch"}).one()
    return count, until


def record_successful_login(session: Session, *, user_id: int, now: datetime) -> bool:
    """Reset the failure count and note the login, unless the account is locked
    (perhaps by failures counted since the password was checked). True when recorded."""
    statement = (update(User)
                 .where(User.id == user_id, or_(User.locked_until.is_(None), User.locked_until <= now))
                 .values(failed_logins=0, locked_until=None, last_login_at=now)
                 .returning(User.id))
    return session.execute(statement, execution_options={"synchronize_session": "fetch"}).first() is not None


def end_sessions(session: Session, *, user_id: int) -> int:
    """Count up the user's session version, so every login cookie issued before
    now is refused; returns the new version."""
    statement = (update(User).where(User.id == user_id)
                 .values(session_version=User.session_version + 1)
                 .returning(User.session_version))
    return session.execute(statement, execution_options={"synchronize_session": "fetch"}).scalar_one()


def users_frame(session: Session) -> pd.DataFrame:
    """One row per user, with the body, nomination or home municipality they belong to."""
    statement = (
        select(User.id, User.username, User.name, User.email, User.role, User.active,
               User.must_change_password, User.last_login_at, User.locked_until,
               NominatingBody.name.label("nominating_body"), Nomination.name.label("nomination"),
               Municipality.name.label("home_municipality"))
        .outerjoin(NominatingBody, User.nominating_body_id == NominatingBody.id)
        .outerjoin(Nomination, User.nomination_id == Nomination.id)
        .outerjoin(Municipality, User.home_municipality_id == Municipality.id)
        .order_by(User.role, User.username))
    rows = session.execute(statement).mappings().all()
    return pd.DataFrame(rows, columns=list(statement.selected_columns.keys()))


def user_for_update(session: Session, user_id: int) -> User | None:
    """The user, read afresh and locked until the transaction ends: two uses of one
    password link at once find the second one spent."""
    return session.scalar(select(User).where(User.id == user_id).with_for_update()
                          .execution_options(populate_existing=True))
