"""The few style rules the theme cannot set, for WCAG 2.1 AA: tables that wrap
instead of scrolling sideways (a scrolling box takes no keyboard focus, and on a
phone hides columns), and a focus ring on everything the keyboard reaches."""

from __future__ import annotations

import streamlit as st

# Only style: st.html sends a lone <style> to the page's head, with no element of its own.
CSS = """<style>
/* overflow-x alone would turn into auto beside Streamlit's overflow-y. */
.stTable > div { overflow: visible !important; }
.stTable table { width: 100%; }
.stTable th, .stTable td { white-space: normal; overflow-wrap: anywhere; }
.stTable td [data-testid="stMarkdownContainer"], .stTable th [data-testid="stMarkdownContainer"] { overflow: visible; }
a:focus-visible, button:focus-visible, [role="tab"]:focus-visible, summary:focus-visible {
    outline: 2px solid #1f6f50; outline-offset: 2px; }
</style>"""


def apply() -> None:
    st.html(CSS)
