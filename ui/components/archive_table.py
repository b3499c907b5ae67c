"""The archive as a table: one row per year with its winner, finalists, number of
nominations, prize and the date of the council's decision."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from prize.i18n import format_amount, format_day
from ui.components.table import literal
from ui.context import locale, plain, tr

_NONE = "archive.none"


def show(archive: pd.DataFrame, *, key: str) -> None:
    with st.container(key=key):
        st.table(literal(table(archive).set_index(tr("archive.col.year"))))


def table(archive: pd.DataFrame) -> pd.DataFrame:
    none = tr(_NONE)
    return pd.DataFrame({
        tr("archive.col.year"): [str(year) for year in archive["year"]],
        tr("archive.col.winner"): [_winner(name, by_hand) for name, by_hand
                                        in zip(archive["winner"], archive["entered_by_hand"], strict=True)],
        tr("archive.col.municipality"): [plain(name) if name else none for name in archive["municipality"]],
        tr("archive.col.finalists"): [", ".join(plain(name) for name in names) or none
                                           for names in archive["finalists"]],
        tr("archive.col.nominations"): [none if pd.isna(count) else str(int(count))
                                             for count in archive["nominations"]],
        tr("archive.col.prize_amount"): [format_amount(int(amount), locale()) if pd.notna(amount) else none
                                              for amount in archive["prize_amount"]],
        tr("archive.col.decided_on"): [format_day(day, locale()) if pd.notna(day) else none
                                            for day in archive["decided_on"]],
    })


def _winner(name: str, by_hand: bool) -> str:
    if not name:
        return tr(_NONE)
    return tr("archive.by_hand", name=name) if by_hand else plain(name)
