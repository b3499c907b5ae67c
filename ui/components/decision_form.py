"""The form the secretariat records the regional council's decision in: the winner (the
recommended finalist unless changed), the date of the meeting, the prize and a note."""

from __future__ import annotations

from datetime import date

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.services.decision import NOTE_MAX_LENGTH, PRIZE_AMOUNT_MAX, DecisionView, record_decision
from ui.components import flash
from ui.context import db, show_error, tr


def show(*, actor: Actor, view: DecisionView, key: str) -> None:
    names = dict(view.finalists)
    ids = list(names)
    recommended = view.recommendation.nomination_id if view.recommendation else None
    with st.container(key=key, border=True):
        st.header(tr("decision.form_heading"))
        with st.form(key=f"{key}_form", enter_to_submit=False):
            winner = st.selectbox(tr("decision.winner_pick"), ids, format_func=names.__getitem__,
                                  index=ids.index(recommended) if recommended in ids else None,
                                  placeholder=tr("decision.winner_placeholder"))
            decided_on = st.date_input(tr("decision.decided_on"), value=view.year.decision_date or date.today(),
                                       format="DD.MM.YYYY")
            amount = st.number_input(tr("decision.amount"), min_value=1, max_value=PRIZE_AMOUNT_MAX,
                                     value=view.year.prize_amount or 150_000, step=5_000)
            note = st.text_area(tr("decision.field.note"), max_chars=NOTE_MAX_LENGTH, help=tr("decision.note_help"))
            submitted = st.form_submit_button(tr("decision.save"), type="primary")
    if submitted:
        try:
            with db() as session:
                decided = record_decision(session, actor=actor, year_id=view.year.id, winner_id=winner or 0,
                                          decided_on=decided_on, prize_amount=int(amount), note=note)
        except PrizeError as error:
            show_error(error)
        else:
            flash.push(tr("decision.saved", name=decided.winner, phase=tr("labels.phase.decided")))
            st.rerun()
