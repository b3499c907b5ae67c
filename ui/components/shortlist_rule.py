"""The year's method for proposing the shortlist and its number of finalists."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.models.year import FINALIST_COUNT_MAX, FINALIST_COUNT_MIN
from prize.ranking import METHODS
from prize.services.shortlist import set_shortlist_rule
from prize.services.years import YearInfo
from ui.components import flash
from ui.context import db, show_error, tr


def show(*, actor: Actor, year: YearInfo, key: str) -> None:
    with st.expander(tr("shortlist.settings_heading")), st.form(key=key, enter_to_submit=False):
        method = st.selectbox(tr("shortlist.method_pick"), METHODS, index=METHODS.index(year.ranking_method),
                              format_func=lambda value: tr(f"results.method.{value}"),
                              placeholder=tr("shortlist.method_placeholder"))
        count = st.number_input(tr("shortlist.count_field"), min_value=FINALIST_COUNT_MIN,
                                max_value=FINALIST_COUNT_MAX, value=year.finalist_count, step=1)
        if st.form_submit_button(tr("shortlist.settings_save")):
            try:
                with db() as session:
                    changed = set_shortlist_rule(session, actor=actor, year_id=year.id, method=method,
                                                 finalist_count=int(count))
            except PrizeError as error:
                show_error(error)
            else:
                flash.push(tr("shortlist.settings_saved", method=tr(f"results.method.{changed.ranking_method}"),
                              count=changed.finalist_count))
                st.rerun()
