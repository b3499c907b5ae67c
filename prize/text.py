"""Safe text: stored text is shown literally, never as Markdown.

Streamlit draws most text as Markdown (GitHub flavour, with LaTeX, emoji,
``:material/...:`` icons and ``:colour[...]`` directives). A name or title
that a user typed must never turn into a link, an image the visitor's browser
fetches, a formula, an icon or a heading. ``escape_markdown`` makes that so and
returns ``Markup``: text that is safe to hand to Streamlit as Markdown. The
translation function (``prize.i18n.t``) escapes every parameter that is not
already ``Markup``, so the safe path is the default one.

Which characters no text field may hold is declared here too, so that input
validation and rendering agree.
"""

from __future__ import annotations

import re
import string
import unicodedata
from urllib.parse import quote

# Bidirectional embeddings, overrides and isolates: they reorder what a reader
# sees ("gnp.exe" shown as "exe.png"). U+200E/U+200F (marks) are harmless.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS_AND_TAB = frozenset("\n\t")
REPLACEMENT = "\ufffd"
# U+2060 WORD JOINER: invisible and not a word character, so GitHub's autolink
# rules (http:, mailto:, www., e-mail addresses) no longer match the text.
_WORD_JOINER = "\u2060"
_ASCII_PUNCTUATION = frozenset(string.punctuation)
_WWW = re.compile(r"(?i)(?<![\w.])(www)(?=\.)")


class Markup(str):
    """Text that may go to Streamlit as Markdown as it is: the catalog's own
    messages, escaped user text, and values the app formats itself (dates, amounts)."""

    __slots__ = ()


def forbidden_characters(text: str, *, multiline: bool = False) -> list[str]:
    """The characters of ``text`` no stored text may hold: control characters
    (tab and newline are allowed in long texts) and bidi overrides."""
    allowed = LINE_BREAKS_AND_TAB if multiline else frozenset()
    return [char for char in text if char not in allowed and _is_forbidden(char)]


def _is_forbidden(char: str) -> bool:
    return char in BIDI_CONTROLS or unicodedata.category(char) == "Cc"


def escape_markdown(value: object, *, multiline: bool = False) -> Markup:
    """``value`` as Markdown that shows it literally.

    Every ASCII punctuation character is backslash-escaped (CommonMark allows it
    for all of them), which stops emphasis, links, images, HTML, LaTeX, headings,
    lists and Streamlit's icons and directives. A word joiner after ``:`` and
    ``@`` and after a leading ``www`` stops GitHub's autolinks, which are found
    in the text after escapes are undone. Forbidden characters become U+FFFD.
    A single-line value has its line breaks folded into spaces.
    """
    if isinstance(value, Markup):
        return value
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(REPLACEMENT if _is_forbidden(char) and char not in LINE_BREAKS_AND_TAB else char
                   for char in text)
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    text = _WWW.sub(r"\1" + _WORD_JOINER, text)
    escaped = "".join(_escape_char(char) for char in text)
    if multiline:
        escaped = "\n".join(_keep_line(line) for line in escaped.split("\n"))
    return Markup(escaped)


def mailto_link(address: str) -> Markup:
    """A Markdown link that starts an e-mail to ``address``. The text shows the address
    literally (its punctuation escaped, forbidden characters replaced, and no word
    joiners, so a copied address is clean: a link's text forms no autolink); in the
    link it is percent-encoded, so it cannot end the link or become another."""
    text = "".join(REPLACEMENT if _is_forbidden(char) else "\\" + char if char in _ASCII_PUNCTUATION else char
                   for char in address)
    return Markup(f"[{text}](mailto:{quote(address, safe='@')})")


def _escape_char(char: str) -> str:
    if char not in _ASCII_PUNCTUATION:
        return char
    joiner = _WORD_JOINER if char in ":@" else ""
    return "\\" + char + joiner


def _keep_line(line: str) -> str:
    """A line of a long text: its indent kept without becoming a code block, and
    a hard break at its end so the writer's line breaks survive."""
    body = line.lstrip(" \t")
    indent = "\u00a0" * (len(line) - len(body))
    return f"{indent}{body}  " if body else ""
