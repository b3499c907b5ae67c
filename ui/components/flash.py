"""A message that survives one rerun, e.g. "Adgangskoden er skiftet" after a form."""

from __future__ import annotations

import streamlit as st

_KEY = "flash_messages"


def push(text: str, *, kind: str = "success", code: str | None = None) -> None:
    st.session_state.setdefault(_KEY, []).append((kind, text, code))


def show() -> None:
    for kind, text, code in st.session_state.pop(_KEY, []):
        getattr(st, kind)(text)
        if code:
            st.code(code, language=None)
