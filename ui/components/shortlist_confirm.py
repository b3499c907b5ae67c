"""Confirming the shortlist: the proposal as it is, or another list with a written
justification (also what a tie at the cut needs). prize.services.shortlist refuses
what the rules do not allow; the outcome is shown on the page after the change."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.services.shortlist import JUSTIFICATION_MAX_LENGTH, Proposal, confirm_shortlist
from prize.services.years import YearInfo
from ui.components import flash
from ui.context import db, show_error, tr


def show(*, actor: Actor, year: YearInfo, proposal: Proposal, key: str) -> None:
    with st.container(key=key, border=True):
        st.header(tr("shortlist.confirm_heading"))
        if not proposal.tied and st.button(tr("shortlist.confirm_as_proposed"), type="primary",
                                                 key=f"{key}_as_proposed"):
            _confirm(actor=actor, year=year, finalists=list(proposal.clear), justification="")
        st.subheader(tr("shortlist.change_heading"))
        names = dict(proposal.candidates)
        with st.form(key=f"{key}_change", enter_to_submit=False):
            chosen = st.multiselect(tr("shortlist.finalists_pick"), list(names), default=list(proposal.clear),
                                    format_func=names.__getitem__, max_selections=proposal.seats,
                                    placeholder=tr("shortlist.finalists_placeholder", count=proposal.seats))
            reason = st.text_area(tr("shortlist.justification"), max_chars=JUSTIFICATION_MAX_LENGTH)
            if st.form_submit_button(tr("shortlist.confirm_changed")):
                _confirm(actor=actor, year=year, finalists=chosen, justification=reason)


def _confirm(*, actor: Actor, year: YearInfo, finalists: Sequence[int], justification: str) -> None:
    try:
        with db() as session:
            confirmed = confirm_shortlist(session, actor=actor, year=year, finalists=finalists,
                                          justification=justification)
    except PrizeError as error:
        show_error(error)
    else:
        flash.push(tr("shortlist.outcome", count=len(confirmed.names), names=", ".join(confirmed.names),
                      phase=tr(f"labels.phase.{confirmed.phase.value}")))
        st.rerun()
