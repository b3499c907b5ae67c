"""A read-only table with translated column headings and values.

A list of tens of rows is drawn as a real HTML table (``st.table``): a screen
reader meets its column headings, and on a phone it wraps instead of hiding
columns off-screen. Only a list too long to read as a page gets Streamlit's
canvas grid, which can sort and search."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from ui.context import tr

# Above this many rows a list gets the canvas grid (sorting, searching) instead of a page-long table.
HTML_TABLE_MAX_ROWS = 200


def show(frame: pd.DataFrame, *, key: str, columns: dict[str, str],
         formatters: dict[str, Callable[[object], str]] | None = None) -> None:
    """``columns`` maps a frame column to the catalog key of its heading, in display
    order: put the column a reader looks for first (the status) first."""
    formatters = formatters or {}
    # A formatter gets None for a missing value: pandas makes a missing datetime NaT, not None.
    shown = pd.DataFrame({
        tr(label): frame[column].astype(object).where(frame[column].notna(), None).map(formatters[column])
        if column in formatters else frame[column]
        for column, label in columns.items()})
    if len(shown) <= HTML_TABLE_MAX_ROWS:
        with st.container(key=key):
            st.table(shown, hide_index=True, border="horizontal")
    else:
        st.dataframe(shown, hide_index=True, width="stretch", key=key)


def label(area: str) -> Callable[[object], str]:
    """A formatter that names an enum value, e.g. ``label("nominationstatus")``."""
    return lambda value: tr(f"labels.{area}.{getattr(value, 'value', value)}")
