"""What the jury's pages (Bedømmelse, Juryens arbejde) show first: the year and
its round, read once, with the round line under the title, or the notice that
the year's phase has no round (and the page stops there)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

import streamlit as st
from sqlalchemy.orm import Session

from prize.errors import PrizeError
from prize.i18n import format_moment
from prize.phases import RoundKind
from prize.services.years import YearInfo, require_current_year
from ui.context import db, locale, show_error, tr

Loaded = TypeVar("Loaded")


def load(read: Callable[[Session, YearInfo], Loaded]) -> tuple[YearInfo, Loaded]:
    """The current year and what ``read`` finds for it; a refusal is shown and the page stops."""
    try:
        with db() as session:
            year = require_current_year(session)
            return year, read(session, year)
    except PrizeError as error:
        show_error(error)
        st.stop()


def show(*, year: YearInfo, kind: RoundKind | None, deadline: datetime | None, area: str) -> None:
    """The round line ("Landsbyprisen 2020 · Første runde · frist: ..."), or ``{area}.no_round``
    and ``st.stop()`` when no round goes on."""
    if kind is None:
        st.info(tr(f"{area}.no_round", phase=tr(f"labels.phase.{year.phase.value}")), icon=":material/schedule:")
        st.stop()
    st.caption(tr(f"{area}.round_line", title=year.title, round=tr(f"labels.roundkind.{kind.value}"),
                  deadline=format_moment(deadline, locale())))
