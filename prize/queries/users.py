from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from prize.models import Municipality, NominatingBody, Nomination, User
from prize.roles import Role


def user_by_username(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username.strip().lower()))


def all_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def active_secretariat_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User).where(
        User.role == Role.SECRETARIAT, User.active.is_(True)))


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
