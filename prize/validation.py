"""Checks of user input at the edge: each raises a PrizeError with a Danish message.
Services call them, so the app and the command line refuse the same input."""

from __future__ import annotations

import re

from prize.errors import InvalidInput
from prize.i18n import MessageKey
from prize.text import forbidden_characters

# Matched with fullmatch: "$" would also accept a trailing newline.
USERNAME = re.compile(r"[a-z0-9._-]{3,60}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def clean_text(value: str | None, *, field: str, max_length: int, required: bool = False,
               multiline: bool = False) -> str:
    """``value`` stripped; too long, missing when required, or holding a control
    character or a bidi override (tab and newline are allowed in ``multiline``
    text) raises ``InvalidInput``. ``field`` is the catalog key of the field's
    name, e.g. ``fields.name``."""
    text = (value or "").strip()
    if forbidden_characters(text, multiline=multiline):
        raise InvalidInput("errors.forbidden_characters", field=MessageKey(field))
    if required and not text:
        raise InvalidInput("errors.field_required", field=MessageKey(field))
    if len(text) > max_length:
        raise InvalidInput("errors.text_too_long", field=MessageKey(field), max=max_length, length=len(text))
    return text


def is_valid_username(value: str | None) -> bool:
    return bool(value) and USERNAME.fullmatch(value) is not None


def clean_username(value: str | None) -> str:
    username = (value or "").strip().lower()
    if not is_valid_username(username):
        raise InvalidInput("errors.username_invalid")
    return username


def clean_email(value: str | None, *, required: bool = False) -> str:
    email = clean_text(value, field="fields.email", max_length=254, required=required)
    if email and not EMAIL.fullmatch(email):
        raise InvalidInput("errors.email_invalid", email=email)
    return email
