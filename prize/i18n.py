"""The translation layer: every user-visible string, date and amount goes through here.

Catalogs live in ``prize/locale/<locale>/<area>.toml``; a key is
``<area>.<dotted path>``, for example ``errors.not_allowed``. Danish is the
default and the reference: every key must exist in every locale.

``t`` is for the screen, where Streamlit reads text as Markdown: it escapes
every parameter that is not ``Markup`` (a name, a title, an address someone
typed), so stored text is always shown literally. Pass ``Markup`` for the rare
trusted markup. ``t_plain`` is for plain text (the command line, files, e-mail),
where nothing is read as Markdown and nothing is escaped.
"""

from __future__ import annotations

import tomllib
import unicodedata
from datetime import date, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.numbers import format_decimal

from prize.text import Markup, escape_markdown

LOCALES = ("da", "en")
DEFAULT_LOCALE = "da"
# The browser keeps the visitor's language choice in this cookie (written by the app,
# read by the server), so the next page it loads is served with that ``lang``.
LANGUAGE_COOKIE = "landsbyprisen_sprog"
TIMEZONE = ZoneInfo("Europe/Copenhagen")
_LOCALE_DIR = Path(__file__).parent / "locale"


@cache
def catalog(locale: str) -> dict[str, str]:
    """All messages of ``locale`` as a flat dict of dotted keys."""
    messages: dict[str, str] = {}
    for path in sorted((_LOCALE_DIR / locale).glob("*.toml")):
        with path.open("rb") as handle:
            _flatten(tomllib.load(handle), path.stem, messages)
    return messages


def _flatten(tree: dict, prefix: str, into: dict[str, str]) -> None:
    for name, value in tree.items():
        key = f"{prefix}.{name}"
        if isinstance(value, dict):
            _flatten(value, key, into)
        else:
            into[key] = value


class MessageKey(str):
    """A catalog key passed as a message parameter; translated when the message is shown."""


def normalise_locale(locale: str | None) -> str:
    return locale if locale in LOCALES else DEFAULT_LOCALE


def t(key: str, locale: str = DEFAULT_LOCALE, **params: object) -> Markup:
    """The message ``key`` in ``locale`` as Markdown, with ``params`` filled in and
    escaped (numbers and ``Markup`` as they are).

    A key missing from the catalog is a bug; it raises ``KeyError`` so tests catch it.
    """
    safe = {name: value if isinstance(value, int | float | Markup) else escape_markdown(value)
            for name, value in params.items()}
    return Markup(_message(key, locale).format(**safe))


def t_plain(key: str, locale: str = DEFAULT_LOCALE, **params: object) -> str:
    """The message ``key`` in ``locale`` as plain text, for where nothing reads Markdown."""
    return str(_message(key, locale).format(**params))


def _message(key: str, locale: str) -> str:
    return catalog(normalise_locale(locale))[key]


def format_day(value: date | datetime | None, locale: str = DEFAULT_LOCALE) -> Markup:
    """A date as "25. marts 2020" (da) or "25 March 2020" (en)."""
    if value is None:
        return t("common.not_set", locale)
    if isinstance(value, datetime):
        value = to_local(value).date()
    pattern = "d. MMMM y" if normalise_locale(locale) == "da" else "d MMMM y"
    return Markup(_babel_date(value, pattern, locale=normalise_locale(locale)))


def format_moment(value: datetime | None, locale: str = DEFAULT_LOCALE, *, seconds: bool = False) -> Markup:
    """A point in time in Danish time: "15. januar 2020 kl. 12:00" ("kl. 12:00:07" with ``seconds``)."""
    if value is None:
        return t("common.not_set", locale)
    clock = "HH:mm:ss" if seconds else "HH:mm"
    pattern = f"d. MMMM y 'kl.' {clock}" if normalise_locale(locale) == "da" else f"d MMMM y, {clock}"
    return Markup(_babel_datetime(to_local(value), pattern, locale=normalise_locale(locale)))


def format_amount(kroner: int, locale: str = DEFAULT_LOCALE) -> Markup:
    """An amount as "150.000 kr." (da) or "DKK 150,000" (en)."""
    number = format_decimal(kroner, locale=normalise_locale(locale))
    return Markup(f"{number} kr." if normalise_locale(locale) == "da" else f"DKK {number}")


# Danish alphabetical order: ... x, y, z, æ, ø, å; "aa" counts as å (Aarhus after Viborg).
_DANISH_LETTERS = str.maketrans({"æ": "z\x01", "ä": "z\x01", "ø": "z\x02", "ö": "z\x02",
                                 "å": "z\x03", "ü": "y"})


def danish_sort_key(text: str) -> str:
    """A key that sorts names as a Danish reader expects, ignoring case and other accents."""
    folded = text.casefold().replace("aa", "å").translate(_DANISH_LETTERS)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def to_local(value: datetime) -> datetime:
    """``value`` in Europe/Copenhagen; naive values are taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo("UTC"))
    return value.astimezone(TIMEZONE)


_KILOBYTE = 1024
_MEGABYTE = 1024 * 1024


def format_size(size_bytes: int, locale: str = DEFAULT_LOCALE) -> Markup:
    """A file size as "850 kB" or "2,4 MB" (da) / "2.4 MB" (en); a MB is 1024 × 1024 bytes."""
    if size_bytes < _MEGABYTE:
        kilobytes = -(-size_bytes // _KILOBYTE)  # a byte more than nothing shows as 1 kB
        return Markup(f"{format_decimal(kilobytes, locale=normalise_locale(locale))} kB")
    megabytes = format_decimal(round(size_bytes / _MEGABYTE, 1), format="#,##0.0", locale=normalise_locale(locale))
    return Markup(f"{megabytes} MB")
