"""Sending through the configured SMTP server (``smtp_*`` settings).

One connection serves a batch of messages; it is opened at the first message and
closed with the transport. A failure raises ``MailFailed`` with a short reason
that the outbox keeps (never the password)."""

from __future__ import annotations

import smtplib
import ssl
from datetime import datetime
from typing import Protocol

from prize.mail.message import Letter, compose
from prize.models.base import utcnow
from prize.settings import Settings

TIMEOUT_SECONDS = 20


class MailFailed(Exception):
    """A message was not handed to the SMTP server; the text says why."""


class Transport(Protocol):
    def send(self, letter: Letter) -> None: ...

    def close(self) -> None: ...


class SmtpTransport:
    def __init__(self, settings: Settings, *, timeout: float = TIMEOUT_SECONDS) -> None:
        if not settings.sends_mail or not settings.mail_sender_address:
            raise ValueError("SMTP is not configured: PRIZE_SMTP_HOST and PRIZE_MAIL_SENDER_ADDRESS")
        self.settings = settings
        self.timeout = timeout
        self._smtp: smtplib.SMTP | None = None

    def send(self, letter: Letter, *, now: datetime | None = None) -> None:
        message = compose(letter, sender_address=self.settings.mail_sender_address,
                          sender_name=self.settings.mail_sender_name, now=now or utcnow())
        try:
            self._connection().send_message(message)
        except (smtplib.SMTPException, OSError) as error:
            self._drop()
            raise MailFailed(_reason(error)) from error

    def close(self) -> None:
        if self._smtp is None:
            return
        try:
            self._smtp.quit()
        except (smtplib.SMTPException, OSError):
            pass
        self._smtp = None

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is None:
            self._smtp = self._connect()
        return self._smtp

    def _connect(self) -> smtplib.SMTP:
        settings, context = self.settings, ssl.create_default_context()
        if settings.smtp_security == "tls":
            smtp = smtplib.SMTP_SSL(settings.smtp_host, settings.smtp_port, timeout=self.timeout, context=context)
        else:
            smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=self.timeout)
        try:
            if settings.smtp_security == "starttls":
                smtp.starttls(context=context)
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password)
        except BaseException:
            smtp.close()
            raise
        return smtp

    def _drop(self) -> None:
        """After a failure the connection may be in any state: the next message opens a new one."""
        if self._smtp is not None:
            try:
                self._smtp.close()
            except OSError:
                pass
        self._smtp = None


def _reason(error: BaseException) -> str:
    """The failure as the secretariat sees it: its kind and the server's answer."""
    text = str(error).strip() or "-"
    return f"{type(error).__name__}: {text}"[:1000]
