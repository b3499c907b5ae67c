"""The secretariat's form that sets when and where a finalist presents to the jury."""

from __future__ import annotations

from datetime import datetime, time

import pandas as pd
import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.i18n import format_moment
from prize.models.recommendation import ONLINE_URL_MAX_LENGTH, PLACE_MAX_LENGTH
from prize.schedule import in_danish_time
from prize.services.presentations import schedule_presentation
from prize.services.years import YearInfo
from ui.components import flash
from ui.context import db, locale, show_error, tr


def show(*, actor: Actor, year: YearInfo, schedule: pd.DataFrame, key: str) -> None:
    names = dict(zip(schedule["nomination_id"].astype(int), schedule["candidate"], strict=True))
    with st.container(key=key, border=True):
        st.header(tr("presentations.form_heading"))
        with st.form(key=f"{key}_form", enter_to_submit=False):
            chosen = st.selectbox(tr("presentations.finalist_pick"), list(names), index=None,
                                  format_func=names.__getitem__, placeholder=tr("presentations.finalist_placeholder"))
            day_column, time_column = st.columns(2)
            day = day_column.date_input(tr("presentations.date"), value=None, format="DD.MM.YYYY")
            clock = time_column.time_input(tr("presentations.time"), value=time(10, 0), step=900)
            place = st.text_input(tr("presentations.field.place"), max_chars=PLACE_MAX_LENGTH,
                                  help=tr("presentations.place_help"))
            link = st.text_input(tr("presentations.field.online_url"), max_chars=ONLINE_URL_MAX_LENGTH,
                                 placeholder="https://")
            submitted = st.form_submit_button(tr("presentations.save"), type="primary")
    if submitted:
        starts_at = in_danish_time(datetime.combine(day, clock)) if day is not None and clock is not None else None
        _save(actor=actor, year=year, nomination_id=chosen, name=names.get(chosen, ""), starts_at=starts_at,
              place=place, link=link)


def _save(*, actor: Actor, year: YearInfo, nomination_id: int | None, name: str, starts_at: datetime | None,
          place: str, link: str) -> None:
    try:
        with db() as session:
            schedule_presentation(session, actor=actor, year_id=year.id, nomination_id=nomination_id or 0,
                                  starts_at=starts_at, place=place, online_url=link)
    except PrizeError as error:
        show_error(error)
    else:
        flash.push(tr("presentations.saved", name=name, moment=format_moment(starts_at, locale())))
        st.rerun()
