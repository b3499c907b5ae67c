"""The secretariat starts the next prize year from the archive: a draft that copies the
latest year's criteria and settings (``prize.services.years.create_year``)."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.services.years import create_year
from ui.components import flash
from ui.context import db, show_error, tr


def show(*, actor: Actor, next_year: int, key: str) -> None:
    with st.container(key=key, border=True):
        st.header(tr("archive.next_heading"))
        st.caption(tr("archive.next_caption"))
        with st.form(key=f"{key}_form", enter_to_submit=False):
            year = st.number_input(tr("overview.new.year"), min_value=2000, max_value=2100, value=next_year, step=1)
            title = st.text_input(tr("overview.new.title"), value=f"{tr('overview.new.title_default')} {next_year}",
                                  max_chars=200)
            submitted = st.form_submit_button(tr("overview.new.submit"))
    if submitted:
        try:
            with db() as session:
                create_year(session, actor=actor, year=int(year), title=title)
        except PrizeError as error:
            show_error(error)
        else:
            flash.push(tr("archive.next_created", year=int(year)))
            st.rerun()
