"""The few style rules the theme cannot set, for WCAG 2.1 AA: tables that wrap
instead of scrolling sideways (a scrolling box takes no keyboard focus, and on a
phone hides columns), a focus ring on everything the keyboard reaches, a closed
menu that takes no focus, and touch targets of at least 24 × 24 CSS px."""

from __future__ import annotations

import streamlit as st

# The focus ring's colour: the theme's accent (primaryColor in .streamlit/config.toml),
# 3:1 or more against both backgrounds, as WCAG 1.4.11 asks of a focus indicator
# (tests/test_theme.py computes it). Streamlit's own ring is the accent at 50 %
# opacity (2.2:1 on white), and on the menu's links and page links it draws none.
FOCUS_RING = "#1f6f50"
# WCAG 2.5.8 (2.2 AA, asked by the issue): the smallest target a pointer or a finger must hit.
TOUCH_TARGET_PX = 24

# Only style: st.html sends a lone <style> to the page's head, with no element of its own.
CSS = f"""<style>
/* overflow-x alone would turn into auto beside Streamlit's overflow-y. */
.stTable > div {{ overflow: visible !important; }}
.stTable table {{ width: 100%; }}
.stTable th, .stTable td {{ white-space: normal; overflow-wrap: anywhere; }}
.stTable td [data-testid="stMarkdownContainer"], .stTable th [data-testid="stMarkdownContainer"] {{ overflow: visible; }}
/* !important: Streamlit's class rules (a:focus {{ outline: none }}) outrank an element selector. */
:is(a, button, summary, [role="tab"], [role="option"]):focus-visible {{
    outline: 2px solid {FOCUS_RING} !important; outline-offset: 2px; }}
/* A text field or select box shows focus on its box, the element with the border, around the caret's input. */
div:has(> :is(input, textarea):focus-visible) {{ outline: 2px solid {FOCUS_RING}; outline-offset: 1px; }}
/* The main area takes focus from "Skip to main content"; its ring inside, where the screen shows it. */
[data-testid="stMain"]:focus-visible {{ outline: 2px solid {FOCUS_RING} !important; outline-offset: -2px; }}
/* A closed menu is only moved off-screen; hidden, its links take no keyboard focus (WCAG 2.4.3, 2.4.7). */
[data-testid="stSidebar"][data-collapsed="true"] {{ visibility: hidden; }}
/* A component drawn 0 px high (the login cookie's) shows nothing, so it takes no focus either. */
iframe[height="0"] {{ visibility: hidden; }}
/* Touch targets (WCAG 2.5.8): no button, date part or box label under the minimum. min-width and
   min-height outrank any height Streamlit or Plotly set, and leave bigger targets as they are. */
:is(button, [role="spinbutton"]) {{ min-width: {TOUCH_TARGET_PX}px; min-height: {TOUCH_TARGET_PX}px; }}
label:has(input:is([type="checkbox"], [type="radio"])) {{ min-height: {TOUCH_TARGET_PX}px; align-items: center; }}
[role="spinbutton"] {{ display: inline-flex; align-items: center; justify-content: center; }}
/* A link in Markdown (a line of its own, or in a sentence): its box grows to 24 px or more; vertical
   padding on an inline box moves no line, and the padding takes taps too. */
[data-testid="stMarkdownContainer"] a {{ padding-block: 3px; }}
/* A heading's anchor is an inline link, which ignores a minimum size until it is a box. */
[data-testid="stHeaderActionElements"] a {{
    display: inline-flex; align-items: center; justify-content: center;
    min-width: {TOUCH_TARGET_PX}px; min-height: {TOUCH_TARGET_PX}px; }}
</style>"""


def apply() -> None:
    st.html(CSS)
