"""The year's choices for the recommendation to the council: an anonymous jury, and the
conflicts' written reasons printed. All three files follow them."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.permissions import Action, can
from prize.services.council import CouncilOptions, set_council_options
from prize.services.years import YearInfo
from ui.components import flash
from ui.context import db, show_error, tr


def show(*, actor: Actor, year: YearInfo, key: str) -> None:
    if not can(actor, Action.SET_COUNCIL_OPTIONS, phase=year.phase):
        return
    jury = "anonymous" if year.anonymous_jury else "named"
    reasons = "printed" if year.print_conflict_reasons else "left_out"
    st.caption(tr("council.options.summary", jury=tr(f"council.options.jury_{jury}"),
                  reasons=tr(f"council.options.reasons_{reasons}")))
    with st.expander(tr("council.options.heading")), st.form(key=key, enter_to_submit=False):
        anonymous = st.checkbox(tr("council.options.anonymous_jury"), value=year.anonymous_jury,
                                help=tr("council.options.anonymous_jury_help"))
        reasons = st.checkbox(tr("council.options.conflict_reasons"), value=year.print_conflict_reasons,
                              help=tr("council.options.conflict_reasons_help"))
        if st.form_submit_button(tr("council.options.save")):
            try:
                with db() as session:
                    set_council_options(session, actor=actor, year_id=year.id, options=CouncilOptions(
                        anonymous_jury=anonymous, print_conflict_reasons=reasons))
            except PrizeError as error:
                show_error(error)
            else:
                flash.push(tr("council.options.saved"))
                st.rerun()
