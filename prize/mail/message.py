"""An outbox message as the e-mail that goes on the wire."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid


@dataclass(frozen=True)
class Letter:
    """One message taken from the outbox to be sent."""

    id: int
    recipient: str
    locale: str
    subject: str
    body: str


def compose(letter: Letter, *, sender_address: str, sender_name: str, now: datetime) -> EmailMessage:
    """The message with its headers; names and subjects with æ, ø, å are encoded
    (RFC 2047) and the body is UTF-8 when the message is written out."""
    message = EmailMessage()
    username, _, domain = sender_address.rpartition("@")
    message["From"] = Address(display_name=sender_name, username=username, domain=domain)
    message["To"] = letter.recipient
    message["Subject"] = " ".join(letter.subject.split())  # never a line break in a header
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(idstring=f"outbox.{letter.id}", domain=domain)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(letter.body, cte="quoted-printable")  # 7-bit on the wire: any server takes it
    message["Content-Language"] = letter.locale  # after set_content, which replaces every Content-* header
    return message
