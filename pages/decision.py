"""Rådets beslutning: the secretariat records the regional council's decision on the
winner, once the approved recommendation has gone to the council; then the decision."""

import streamlit as st

from prize.errors import PrizeError
from prize.i18n import format_amount, format_day, format_moment
from prize.services.decision import decision_view
from prize.services.years import require_current_year
from ui.components import decision_form, flash
from ui.context import db, locale, plain_block, show_error, tr
from ui.guard import require_page

actor = require_page("decision")

st.title(tr("nav.decision"))
flash.show()
try:
    with db() as session:
        year = require_current_year(session)
        view = decision_view(session, actor=actor, year=year)
except PrizeError as error:
    show_error(error)
    st.stop()

st.caption(tr("decision.year_line", title=year.title, phase=tr(f"labels.phase.{year.phase.value}")))
decision = view.decision
if decision is not None:
    st.header(tr("decision.decided_heading"))
    st.markdown(tr("decision.winner_line", name=decision.winner, year=year.year))
    st.markdown(tr("decision.details_line", date=format_day(decision.decided_on, locale()),
                   amount=format_amount(decision.prize_amount or 0, locale())))
    if not decision.recommended and view.recommendation is not None:
        st.markdown(tr("decision.not_recommended", recommended=view.recommendation.candidate))
    if decision.note:
        st.subheader(tr("decision.note_heading"))
        st.markdown(plain_block(decision.note))
    st.caption(tr("decision.recorded_line", at=format_moment(decision.recorded_at, locale()), by=decision.recorded_by))
    st.stop()

if view.recommendation is not None:
    st.markdown(tr("decision.recommended_line", name=view.recommendation.candidate))
if view.refusal is not None:
    st.info(view.refusal.message(locale()), icon=":material/schedule:")
    st.stop()
decision_form.show(actor=actor, view=view, key="decision_form")
