"""A read-only table with translated column headings and values.

A list of tens of rows is drawn as a real HTML table (``st.table``): a screen
reader meets its column headings, and on a phone it wraps instead of hiding
columns off-screen. Only a list too long to read as a page gets Streamlit's
canvas grid, which can sort and search.

``st.table`` reads every cell, heading and index label as Markdown: a stored
name would draw links and images, and even the app's own "15. januar 2020"
would become a numbered list, "-" a bullet. ``literal`` makes a frame show as
written; every ``st.table`` in the app is handed one (a test checks)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import streamlit as st

from prize.text import Markup, escape_markdown
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
            st.table(literal(shown), hide_index=True, border="horizontal")
    else:
        st.dataframe(shown, hide_index=True, width="stretch", key=key)


def label(area: str) -> Callable[[object], str]:
    """A formatter that names an enum value, e.g. ``label("nominationstatus")``."""
    return lambda value: tr(f"labels.{area}.{getattr(value, 'value', value)}")


# What starts a block in Markdown at the start of a cell: a list item ("15. ", "- "), a heading, a quote.
_BLOCK_START = re.compile(r"^(\d{1,9}(?=[.)](?:\s|$))|(?=[-+*#>](?:\s|$)))")


def literal(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as ``st.table`` shows it literally: stored text escaped, the app's own
    text (``Markup``) kept but never starting a list, heading or quote; numbers as they are."""
    shown = frame.copy()
    shown.columns = [_cell(column) for column in shown.columns]
    for column in range(shown.shape[1]):
        if shown.dtypes.iloc[column] == object:
            shown.isetitem(column, shown.iloc[:, column].map(_cell))
    if shown.index.dtype == object:
        shown.index = shown.index.map(_cell).rename(_cell(shown.index.name) if shown.index.name else None)
    return shown


def _cell(value: object) -> object:
    if value is None or not isinstance(value, str):
        return value
    return _BLOCK_START.sub(r"\1\\", escape_markdown(value)) if isinstance(value, Markup) else escape_markdown(value)
