"""The schedule of the finalists' presentations to the jury as a small table: who, when
(Danish date and time) and where (a place, a link to an online meeting, or both)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.i18n import format_moment
from prize.phases import RoundKind
from prize.services.presentations import presentation_schedule
from prize.services.years import YearInfo
from prize.text import Markup
from ui.components.table import literal
from ui.context import db, locale, plain, show_error, tr


def show(schedule: pd.DataFrame, *, key: str) -> None:
    with st.container(key=key):
        st.header(tr("presentations.schedule_heading"))
        st.caption(tr("presentations.schedule_caption"))
        st.table(literal(table(schedule).set_index(tr("presentations.col.candidate"))))


def show_in_final_round(*, actor: Actor, year: YearInfo, key: str) -> None:
    """The schedule on the juror's scoring page, while the final round is shown."""
    if year.round_shown != RoundKind.FINAL:
        return
    try:
        with db() as session:
            schedule = presentation_schedule(session, actor=actor, year=year)
    except PrizeError as error:
        show_error(error)
        return
    if not schedule.empty:
        show(schedule, key=key)


def table(schedule: pd.DataFrame) -> pd.DataFrame:
    """The schedule with Danish headings; the cells are Markdown (names escaped)."""
    return pd.DataFrame({
        tr("presentations.col.candidate"): [plain(name) for name in schedule["candidate"]],
        tr("presentations.col.municipality"): [plain(name) for name in schedule["municipality"]],
        tr("presentations.col.when"): [format_moment(moment, locale()) if pd.notna(moment)
                                            else tr("presentations.not_scheduled")
                                            for moment in schedule["starts_at"]],
        tr("presentations.col.where"): [_where(place, link) for place, link
                                             in zip(schedule["place"], schedule["online_url"], strict=True)],
    })


def _where(place: str, link: str) -> str:
    parts = [plain(place)] if place else []
    if link:
        # Checked by the service (https, no spaces); brackets would end the Markdown link.
        parts.append(str(tr("presentations.online", link=Markup(link.replace("(", "%28").replace(")", "%29")))))
    return " · ".join(parts) or "–"
