"""Indstilling: the jury's recommendation to the council, written by the secretariat
with the jury in the final round, then approved (and so locked)."""

import streamlit as st

from prize.errors import PrizeError
from prize.services.recommendation import approve_recommendation, recommendation_view
from prize.services.years import require_current_year
from ui.components import flash, recommendation_files, recommendation_form, recommendation_summary
from ui.context import db, show_error, tr
from ui.guard import require_page

actor = require_page("recommendation")

st.title(tr("nav.recommendation"))
flash.show()
try:
    with db() as session:
        year = require_current_year(session)
        view = recommendation_view(session, actor=actor, year=year)
except PrizeError as error:
    show_error(error)
    st.stop()

st.caption(tr("recommendation.year_line", title=year.title, phase=tr(f"labels.phase.{year.phase.value}")))
recommendation_files.show(actor=actor, year=year, key="recommendation_files")
if not view.finalists:
    st.info(tr("recommendation.no_finalists"), icon=":material/info:")
    st.stop()

if view.recommendation is not None:
    recommendation_summary.show(view.recommendation, names=view.names, key="recommendation_summary")
if view.approve_refusal is None and st.button(tr("recommendation.approve"), type="primary",
                                              key="recommendation_approve", icon=":material/verified:"):
    try:
        with db() as session:
            approved = approve_recommendation(session, actor=actor, year_id=year.id)
    except PrizeError as error:
        show_error(error)
    else:
        flash.push(tr("recommendation.approved", name=approved.candidate))
        st.rerun()
if view.draft_refusal is None:
    recommendation_form.show(actor=actor, view=view, key="recommendation_form")
