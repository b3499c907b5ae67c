"""The addresses an e-mail links to: a page of the app, or the page where a user
chooses their password (with a signed, short-lived token)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Self
from urllib.parse import urlencode

from prize.password_links import QUERY_PARAMETER, issue_password_token, link_key
from prize.settings import Settings


@dataclass(frozen=True)
class MailLinks:
    """``base_url``: the app's public address; ``key``: what password links are signed
    with; ``valid_for``: how long a password link works."""

    base_url: str
    key: str
    valid_for: timedelta

    @classmethod
    def of(cls, settings: Settings) -> Self:
        return cls(base_url=settings.public_url, key=link_key(settings.cookie_key),
                   valid_for=timedelta(hours=settings.password_link_hours))

    def page(self, page_key: str) -> str:
        """A page of the app; a logged-out visitor logs in and lands on it."""
        return f"{self.base_url}/{page_key}"

    def password_link(self, *, user_id: int, session_version: int, now: datetime) -> str:
        token = issue_password_token(user_id=user_id, session_version=session_version, key=self.key, now=now,
                                     valid_for=self.valid_for)
        return f"{self.base_url}/?{urlencode({QUERY_PARAMETER: token})}"
