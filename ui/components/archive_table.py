"""The archive as a table: one row per year with its winner, finalists, number of
nominations, prize and the date of the council's decision."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from prize.i18n import format_amount, format_day
from ui.context import locale, plain, tr

_NONE = "archive.none"


def show(archive: pd.DataFrame, *, key: str) -> None:
    with st.container(key=key):
        st.table(table(archive).set_index(str(tr("archive.col.year"))))


def table(archive: pd.DataFrame) -> pd.DataFrame:
    none = str(tr(_NONE))
    return pd.DataFrame({
        str(tr("archive.col.year")): [str(year) for year in archive["year"]],
        str(tr("archive.col.winner")): [_winner(name, by_hand) for name, by_hand
                                        in zip(archive["winner"], archive["entered_by_hand"], strict=True)],
        str(tr("archive.col.municipality")): [str(plain(name)) if name else none for name in archive["municipality"]],
        str(tr("archive.col.finalists")): [", ".join(str(plain(name)) for name in names) or none
                                           for names in archive["finalists"]],
        str(tr("archive.col.nominations")): [none if pd.isna(count) else str(int(count))
                                             for count in archive["nominations"]],
        str(tr("archive.col.prize_amount")): [str(format_amount(int(amount), locale())) if pd.notna(amount) else none
                                              for amount in archive["prize_amount"]],
        str(tr("archive.col.decided_on")): [str(format_day(day, locale())) if pd.notna(day) else none
                                            for day in archive["decided_on"]],
    })


def _winner(name: str, by_hand: bool) -> str:
    if not name:
        return str(tr(_NONE))
    return str(tr("archive.by_hand", name=name)) if by_hand else str(plain(name))
