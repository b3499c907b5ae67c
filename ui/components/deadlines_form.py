"""The year's dates: four deadlines (a date and a time, in Danish time) and the
day of the council meeting. The service checks their order."""

from __future__ import annotations

from datetime import datetime, timedelta

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.schedule import Deadlines, as_danish_time, in_danish_time
from prize.services.years import YearInfo, set_deadlines
from ui.components import flash
from ui.context import db, show_error, tr

_EARLIEST, _LATEST = datetime(2000, 1, 1), datetime(2100, 12, 31, 23, 59)
_DATE_FORMAT = "DD.MM.YYYY"


def show(actor: Actor, year: YearInfo, *, key: str) -> None:
    stored = Deadlines.of(year)
    with st.form(key, enter_to_submit=False):
        st.caption(tr("setup.deadlines_help"))
        entered = {name: in_danish_time(st.datetime_input(
            tr(f"setup.deadline.{name}"), value=as_danish_time(value), min_value=_EARLIEST, max_value=_LATEST,
            format=_DATE_FORMAT, step=timedelta(minutes=5)))
            for name, value in stored.items() if name != "decision_date"}
        decision = st.date_input(tr("setup.deadline.decision_date"), value=stored.decision_date,
                                 min_value=_EARLIEST.date(), max_value=_LATEST.date(), format=_DATE_FORMAT)
        submitted = st.form_submit_button(tr("setup.save_deadlines"), type="primary")
    if submitted:
        _save(actor, year, Deadlines(**entered, decision_date=decision))


def _save(actor: Actor, year: YearInfo, deadlines: Deadlines) -> None:
    try:
        with db() as session:
            set_deadlines(session, actor=actor, year_id=year.id, deadlines=deadlines)
    except PrizeError as error:
        show_error(error)
    else:
        flash.push(tr("setup.deadlines_saved"))
        st.rerun()
