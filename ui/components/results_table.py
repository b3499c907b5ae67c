"""A round's results as a real (HTML) table: rank, candidate, score, the spread of the
jurors' totals and the per-criterion means, numbers in the reader's notation."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from babel.numbers import format_decimal

from prize.services.results import RESULT_COLUMNS, RoundResults
from ui.components.table import literal
from ui.context import locale, tr

_DECIMALS = ["score", "mean", "median", "std", "min", "max"]
_SHOWN = [column for column in RESULT_COLUMNS if column != "nomination_id"]


def show(results: RoundResults, *, key: str) -> None:
    with st.container(key=key):
        st.table(literal(frame(results).set_index(tr("results.col.rank"))))
        st.caption(tr("results.table_caption", method=tr(f"results.method.{results.method}"),
                      low=results.scale[0], high=results.scale[1]))


def frame(results: RoundResults) -> pd.DataFrame:
    """The table as shown: headings translated, decimals as text with two places."""
    shown = results.table[_SHOWN + list(results.criteria)].copy()
    for column in _DECIMALS + list(results.criteria):
        shown[column] = shown[column].map(_decimal)
    return shown.rename(columns={column: tr(f"results.col.{column}") for column in _SHOWN})


def _decimal(value: object) -> str:
    if value is None or pd.isna(value):
        return "-"
    return format_decimal(float(value), format="0.00", locale=locale())
