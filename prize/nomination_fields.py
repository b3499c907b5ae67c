"""The fields of a nomination the form saves one at a time, and how each one's
value is checked: pure rules over values, so the form, the command line and the
tests refuse the same input. The limits come from ``prize.models.nomination``.

Text is stored as typed (HTML, Markdown and LaTeX included; the screen escapes
it); control characters, NUL and invisible text-direction characters are refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from enum import StrEnum
from urllib.parse import urlsplit

from prize.errors import InvalidInput
from prize.i18n import MessageKey
from prize.models.nomination import (ANSWER_MAX, CONTACT_NAME_MAX, EMAIL_MAX, NAME_MAX, PHONE_MAX, SUMMARY_MAX,
                                     URL_MAX, VILLAGES_MAX, CandidateKind)
from prize.questions import GuidingQuestion
from prize.validation import EMAIL, clean_text

GOALS = range(1, 18)
LINK_SCHEMES = frozenset({"http", "https"})
# Digits with the separators people write in phone numbers: "+45 12 34 56 78", "(+45) 1234-5678".
PHONE = re.compile(r"[0-9 +()./-]*")


class NominationField(StrEnum):
    NAME = "name"
    KIND = "kind"
    VILLAGES = "villages"
    MUNICIPALITY = "municipality"
    CONTACT_NAME = "contact_name"
    CONTACT_EMAIL = "contact_email"
    CONTACT_PHONE = "contact_phone"
    SUMMARY = "summary"
    WEBSITE_URL = "website_url"
    VIDEO_URL = "video_url"
    SDGS = "sdgs"


# The catalog key that names each field in the form and in error messages.
FIELD_LABELS: dict[NominationField, str] = {
    NominationField.NAME: "fields.candidate_name",
    NominationField.KIND: "fields.candidate_kind",
    NominationField.VILLAGES: "fields.villages",
    NominationField.MUNICIPALITY: "fields.municipality",
    NominationField.CONTACT_NAME: "fields.contact_name",
    NominationField.CONTACT_EMAIL: "fields.contact_email",
    NominationField.CONTACT_PHONE: "fields.contact_phone",
    NominationField.SUMMARY: "fields.summary",
    NominationField.WEBSITE_URL: "fields.website_url",
    NominationField.VIDEO_URL: "fields.video_url",
    NominationField.SDGS: "fields.sdgs",
}

# The longest text of each text field, as the widget counts it while the user types.
TEXT_LIMITS: dict[NominationField, int] = {
    NominationField.NAME: NAME_MAX,
    NominationField.CONTACT_NAME: CONTACT_NAME_MAX,
    NominationField.CONTACT_EMAIL: EMAIL_MAX,
    NominationField.CONTACT_PHONE: PHONE_MAX,
    NominationField.SUMMARY: SUMMARY_MAX,
    NominationField.WEBSITE_URL: URL_MAX,
    NominationField.VIDEO_URL: URL_MAX,
}


def field_named(name: str) -> NominationField | GuidingQuestion:
    """The field or guiding question called ``name``; ``ValueError`` for anything else
    (a caller's mistake, not the user's)."""
    for kind in (NominationField, GuidingQuestion):
        if name in kind._value2member_map_:
            return kind(name)
    raise ValueError(f"a nomination has no field {name!r}")


def label_of(field: NominationField | GuidingQuestion) -> str:
    if isinstance(field, GuidingQuestion):
        return f"questions.{field.value}.title"
    return FIELD_LABELS[field]


def clean_field(field: NominationField | GuidingQuestion, value: object) -> object:
    """``value`` as it would be stored in ``field``, or ``InvalidInput`` with a Danish
    message. The municipality is checked only for its form here; whether the body
    covers it is the service's question."""
    if isinstance(field, GuidingQuestion):
        return clean_text(_text(value), field=label_of(field), max_length=ANSWER_MAX, multiline=True)
    return _CLEANERS[field](value)


def _text(value: object) -> str:
    if value is not None and not isinstance(value, str):
        raise InvalidInput()
    return value or ""


def clean_kind(value: object) -> CandidateKind:
    try:
        return CandidateKind(value)
    except ValueError:
        raise InvalidInput("errors.form.choice_invalid", field=MessageKey(FIELD_LABELS[NominationField.KIND])) from None


def clean_municipality(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput("errors.unknown_municipality")
    return value


def clean_contact_email(value: object) -> str:
    email = clean_text(_text(value), field=FIELD_LABELS[NominationField.CONTACT_EMAIL], max_length=EMAIL_MAX)
    if email and not EMAIL.fullmatch(email):
        raise InvalidInput("errors.email_invalid", email=email)
    return email


def clean_phone(value: object) -> str:
    phone = clean_text(_text(value), field=FIELD_LABELS[NominationField.CONTACT_PHONE], max_length=PHONE_MAX)
    if phone and (not PHONE.fullmatch(phone) or not any(char.isdigit() for char in phone)):
        raise InvalidInput("errors.form.phone_invalid", phone=phone)
    return phone


def clean_link(value: object, *, field: str) -> str:
    """An absolute http or https address with a host, or "" for none. Everything a
    browser would run or open locally (``javascript:``, ``data:``, ``file:``),
    relative addresses and addresses with a user name (``https://bank.dk@evil.example``)
    are refused."""
    link = clean_text(_text(value), field=field, max_length=URL_MAX)
    if not link:
        return ""
    try:
        parts = urlsplit(link)
        safe = parts.scheme.lower() in LINK_SCHEMES and parts.hostname is not None and "@" not in parts.netloc
    except ValueError:  # e.g. "http://[::1" (a broken IPv6 address)
        safe = False
    if not safe or any(char.isspace() for char in link):
        raise InvalidInput("errors.form.link_invalid", field=MessageKey(field), link=link)
    return link


def clean_goals(value: object) -> tuple[int, ...]:
    """The numbers of the goals (1-17), each once, in order."""
    numbers = list(value or ())
    if any(isinstance(number, bool) or not isinstance(number, int) or number not in GOALS for number in numbers):
        raise InvalidInput("errors.form.goal_invalid")
    return tuple(sorted(set(numbers)))


def clean_villages(value: object) -> tuple[str, ...]:
    """The villages in the order given, blank lines dropped; each at most a name's
    length, each once, at most ``VILLAGES_MAX`` of them."""
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidInput()
    label = FIELD_LABELS[NominationField.VILLAGES]
    villages = tuple(name for name in (clean_text(_text(item), field=label, max_length=NAME_MAX) for item in value)
                     if name)
    if len(villages) > VILLAGES_MAX:
        raise InvalidInput("errors.form.villages_too_many", max=VILLAGES_MAX, count=len(villages))
    seen: set[str] = set()
    for village in villages:
        if village.casefold() in seen:
            raise InvalidInput("errors.form.village_twice", village=village)
        seen.add(village.casefold())
    return villages


def _plain_text(field: NominationField, *, multiline: bool = False, required: bool = False):
    def clean(value: object) -> str:
        return clean_text(_text(value), field=FIELD_LABELS[field], max_length=TEXT_LIMITS[field],
                          multiline=multiline, required=required)
    return clean


_CLEANERS: dict[NominationField, Callable[[object], object]] = {
    NominationField.NAME: _plain_text(NominationField.NAME, required=True),
    NominationField.KIND: clean_kind,
    NominationField.VILLAGES: clean_villages,
    NominationField.MUNICIPALITY: clean_municipality,
    NominationField.CONTACT_NAME: _plain_text(NominationField.CONTACT_NAME),
    NominationField.CONTACT_EMAIL: clean_contact_email,
    NominationField.CONTACT_PHONE: clean_phone,
    NominationField.SUMMARY: _plain_text(NominationField.SUMMARY, multiline=True),
    NominationField.WEBSITE_URL: lambda value: clean_link(value, field=FIELD_LABELS[NominationField.WEBSITE_URL]),
    NominationField.VIDEO_URL: lambda value: clean_link(value, field=FIELD_LABELS[NominationField.VIDEO_URL]),
    NominationField.SDGS: clean_goals,
}
