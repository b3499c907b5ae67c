"""A read-only table with translated column headings and values."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from ui.context import tr


def show(frame: pd.DataFrame, *, key: str, columns: dict[str, str],
         formatters: dict[str, Callable[[object], str]] | None = None) -> None:
    """``columns`` maps a frame column to the catalog key of its heading, in display order."""
    formatters = formatters or {}
    # A formatter gets None for a missing value: pandas makes a missing datetime NaT, not None.
    shown = pd.DataFrame({
        tr(label): frame[column].astype(object).where(frame[column].notna(), None).map(formatters[column])
        if column in formatters else frame[column]
        for column, label in columns.items()})
    st.dataframe(shown, hide_index=True, width="stretch", key=key)


def label(area: str) -> Callable[[object], str]:
    """A formatter that names an enum value, e.g. ``label("nominationstatus")``."""
    return lambda value: tr(f"labels.{area}.{getattr(value, 'value', value)}")
