"""A heading at a level Streamlit has no call for (``st.subheader`` is level 3)."""

from __future__ import annotations

import streamlit as st

from prize.text import Markup


def show(text: Markup, *, level: int = 4) -> None:
    """``text`` as a Markdown heading of ``level``; ``text`` comes from ``tr``, which escapes
    what it inserts, so nothing in it can open a link or another heading."""
    st.markdown("#" * level + " " + text)


def label(text: Markup) -> None:
    """``text`` in bold on a line of its own (a label above a block of text); ``text``
    comes from ``tr`` or ``plain``, which escape it."""
    st.markdown("**" + text + "**")
