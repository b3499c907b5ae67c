"""The secretariat's form for the winner of a year from before the app (from 2009)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.services.archive import (FIRST_YEAR, NOTE_MAX_LENGTH, VILLAGES_MAX_LENGTH, WINNER_NAME_MAX_LENGTH,
                                    PastWinner, enter_past_winner)
from prize.services.decision import PRIZE_AMOUNT_MAX
from ui.components import flash
from ui.context import db, show_error, tr


def show(*, actor: Actor, municipalities: list[str], key: str) -> None:
    with st.container(key=key, border=True):
        st.header(tr("archive.form_heading"))
        st.caption(tr("archive.form_caption"))
        with st.form(key=f"{key}_form", enter_to_submit=False):
            year = st.number_input(tr("archive.year"), min_value=FIRST_YEAR, max_value=date.today().year - 1,
                                   value=None, step=1)
            name = st.text_input(tr("archive.field.name"), max_chars=WINNER_NAME_MAX_LENGTH)
            municipality = st.selectbox(tr("archive.field.municipality"), municipalities, index=None,
                                        placeholder=tr("archive.municipality_placeholder"))
            villages = st.text_input(tr("archive.field.villages"), max_chars=VILLAGES_MAX_LENGTH,
                                     help=tr("archive.villages_help"))
            amount = st.number_input(tr("archive.amount"), min_value=1, max_value=PRIZE_AMOUNT_MAX, value=150_000,
                                     step=5_000)
            decided_on = st.date_input(tr("archive.field.decided_on"), value=None, format="DD.MM.YYYY")
            note = st.text_area(tr("archive.field.note"), max_chars=NOTE_MAX_LENGTH)
            submitted = st.form_submit_button(tr("archive.save"), type="primary")
    if submitted:
        winner = PastWinner(year=int(year or 0), name=name, municipality=municipality or "",
                            villages=tuple(villages.split(",")), prize_amount=int(amount), decided_on=decided_on,
                            note=note)
        try:
            with db() as session:
                enter_past_winner(session, actor=actor, winner=winner)
        except PrizeError as error:
            show_error(error)
        else:
            flash.push(tr("archive.saved", name=name.strip(), year=winner.year))
            st.rerun()
