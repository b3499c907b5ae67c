"""Who is acting: the logged-in user, or the command line."""

from __future__ import annotations

from dataclasses import dataclass

from prize.roles import Role


@dataclass(frozen=True)
class Actor:
    id: int | None
    username: str
    name: str
    role: Role
    locale: str = "da"
    nominating_body_id: int | None = None
    nomination_id: int | None = None
    must_change_password: bool = False

    @classmethod
    def of(cls, user) -> Actor:
        return cls(id=user.id, username=user.username, name=user.name, role=Role(user.role),
                   locale=user.locale, nominating_body_id=user.nominating_body_id,
                   nomination_id=user.nomination_id,
                   must_change_password=user.must_change_password)

    @classmethod
    def command_line(cls) -> Actor:
        """The operator at the server's command line: acts with the secretariat's rights."""
        return cls(id=None, username="cli", name="Kommandolinjen", role=Role.SECRETARIAT)

    @classmethod
    def system(cls) -> Actor:
        """The app itself, e.g. when it locks an account after failed logins."""
        return cls(id=None, username="system", name="Systemet", role=Role.SECRETARIAT)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.username})"
