"""The outcome of the user's last action, e.g. "Din adgangskode er skiftet", shown
on the page where it happened until the user leaves that page or the next outcome
(a new message or an error) replaces it.

Showing it only in the next run is not enough: a run the user did not start (the
cookie component answering after a login or a password change) follows straight
after and would wipe the message before anyone could read it.

An outcome may name its ``place`` on the page (e.g. beside the form that caused
it); ``show(place=...)`` there draws it, so the reader finds it by the button.

A message with a secret (a one-time password in ``code``) is the exception: it is
drawn in one run only, so it is not left on the screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

_KEY = "flash"
_SLOT_KEY = "flash_slot"
PAGE_KEY = "flash_current_page"


@dataclass
class _Flash:
    page: str | None
    place: str | None = None
    messages: list[tuple[str, str, str | None]] = field(default_factory=list)
    shown: bool = False


def push(text: str, *, kind: str = "success", code: str | None = None, place: str | None = None) -> None:
    """Add ``text`` to the outcome of the action under way, to be shown where the page
    calls ``show(place=place)``; an outcome already shown belongs to an earlier action
    and gives way."""
    current = st.session_state.get(_KEY)
    if current is None or current.shown or current.place != place:
        current = st.session_state[_KEY] = _Flash(page=st.session_state.get(PAGE_KEY), place=place)
    current.messages.append((kind, text, code))


def clear() -> None:
    """Forget the outcome and take it off the page drawn so far (an error replaces it)."""
    st.session_state.pop(_KEY, None)
    slot = st.session_state.pop(_SLOT_KEY, None)
    if slot is not None:
        slot.empty()


def show(*, place: str | None = None) -> None:
    """Draw the outcome when it belongs to this page and ``place``; forget it when the
    user has left the page."""
    current = st.session_state.get(_KEY)
    if current is None:
        return
    if current.page != st.session_state.get(PAGE_KEY):
        clear()
        return
    if current.place != place:
        return
    current.shown = True
    slot = st.session_state[_SLOT_KEY] = st.empty()
    with slot.container():
        for kind, text, code in current.messages:
            getattr(st, kind)(text)
            if code:
                st.code(code, language=None)
    if any(code for _, _, code in current.messages):
        st.session_state.pop(_KEY, None)
