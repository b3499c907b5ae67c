from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from prize.models.base import Base, enum_type, utcnow
from prize.roles import Role


class User(Base):
    """A person who logs in. A nominator belongs to a nominating body, a village
    contact to one nomination; a juror may have a home municipality."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[Role] = mapped_column(enum_type(Role, length=20))
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str] = mapped_column(String(100))
    must_change_password: Mapped[bool] = mapped_column(default=False)
    locale: Mapped[str] = mapped_column(String(5), default="da")
    nominating_body_id: Mapped[int | None] = mapped_column(ForeignKey("nominating_bodies.id"))
    nomination_id: Mapped[int | None] = mapped_column(ForeignKey("nominations.id", ondelete="SET NULL"))
    home_municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[datetime | None]
    # Counted up when the user logs out, changes or is given a password, or is
    # deactivated: a login cookie names the version it was issued for.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # When the user's personal data was erased (on request or by retention); the row stays,
    # named "Slettet bruger <id>", so the year's scores and decisions keep their reference.
    erased_at: Mapped[datetime | None]
