"""The form that creates the first (or next) prize year."""

from __future__ import annotations

from datetime import date

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.services.years import create_year
from ui.components import flash
from ui.context import db, show_error, tr


def show(actor: Actor, *, key: str) -> None:
    st.info(tr("overview.no_year"), icon=":material/info:")
    with st.form(key, enter_to_submit=False):
        next_year = date.today().year + 1
        year = st.number_input(tr("overview.new.year"), min_value=2000, max_value=2100, value=next_year, step=1)
        title = st.text_input(tr("overview.new.title"), value=f"{tr('overview.new.title_default')} {next_year}",
                              max_chars=200)
        amount = st.number_input(tr("overview.new.amount"), min_value=0, value=150_000, step=5_000)
        submitted = st.form_submit_button(tr("overview.new.submit"), type="primary")
    if not submitted:
        return
    try:
        with db() as session:
            create_year(session, actor=actor, year=int(year), title=title,
                        prize_amount=int(amount))
    except PrizeError as error:
        show_error(error)
    else:
        flash.push(tr("overview.new.created", year=int(year)))
        st.rerun()
