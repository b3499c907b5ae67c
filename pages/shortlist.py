"""Finalister: the proposed shortlist with any tie at the cut named; the secretariat
confirms it as it is or changes it with a justification. After confirming, the
confirmed shortlist and its reasons."""

import streamlit as st

from prize.errors import PrizeError
from prize.permissions import Action, can
from prize.services.shortlist import confirm_refusal, confirmed_shortlist, propose_shortlist
from prize.services.years import require_current_year
from ui.components import flash, shortlist_confirm, shortlist_proposal, shortlist_rule, shortlist_summary
from ui.context import db, locale, show_error, tr
from ui.guard import require_page

actor = require_page("shortlist")

st.title(tr("nav.shortlist"))
flash.show()
try:
    with db() as session:
        year = require_current_year(session)
        confirmed = confirmed_shortlist(session, actor=actor, year=year)
        proposal = propose_shortlist(session, actor=actor, year=year) if confirmed is None else None
        refusal = confirm_refusal(session, actor=actor, year=year)
except PrizeError as error:
    show_error(error)
    st.stop()

st.caption(tr("shortlist.year_line", title=year.title, phase=tr(f"labels.phase.{year.phase.value}")))
if confirmed is not None:
    shortlist_summary.show(confirmed, key="shortlist_confirmed")
    st.stop()

if can(actor, Action.CHOOSE_RANKING_METHOD, phase=year.phase):
    shortlist_rule.show(actor=actor, year=year, key="shortlist_rule")
if proposal.empty:
    st.info(tr("shortlist.no_scores"), icon=":material/info:")
    st.stop()
shortlist_proposal.show(proposal, key="shortlist_proposal")
if refusal is not None:
    st.info(refusal.message(locale()), icon=":material/schedule:")
    st.stop()
shortlist_confirm.show(actor=actor, year=year, proposal=proposal, key="shortlist_confirm")
