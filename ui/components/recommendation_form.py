"""The form the secretariat writes the recommendation in, with the jury: the recommended
finalist, the rationale and a short word on each other finalist; after approval also the
reason for the change."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.models.recommendation import RATIONALE_MAX_LENGTH, REMARK_MAX_LENGTH
from prize.services.recommendation import REASON_MAX_LENGTH, RecommendationView, draft_recommendation
from ui.components import flash
from ui.context import db, show_error, tr


def show(*, actor: Actor, view: RecommendationView, key: str) -> None:
    current = view.recommendation
    ids = [each for each, _ in view.finalists]
    with st.container(key=key, border=True):
        st.header(tr("recommendation.form_heading_locked" if current and current.approved
                     else "recommendation.form_heading"))
        # Outside the form: choosing the winner redraws the other finalists' fields.
        winner = st.selectbox(tr("recommendation.winner_pick"), ids, format_func=view.names.__getitem__,
                              index=ids.index(current.nomination_id) if current else None, key=f"{key}_winner",
                              placeholder=tr("recommendation.winner_placeholder"))
        with st.form(key=f"{key}_form", enter_to_submit=False):
            rationale = st.text_area(tr("recommendation.field.rationale"), value=current.rationale if current else "",
                                     max_chars=RATIONALE_MAX_LENGTH, height=250,
                                     help=tr("recommendation.rationale_help", max=RATIONALE_MAX_LENGTH))
            remarks = {each: st.text_input(tr("recommendation.remark", name=view.names[each]),
                                           value=current.remarks.get(each, "") if current else "",
                                           max_chars=REMARK_MAX_LENGTH, key=f"{key}_remark_{each}")
                       for each in ids if each != winner}
            reason = (st.text_area(tr("recommendation.field.reason"), max_chars=REASON_MAX_LENGTH,
                                   help=tr("recommendation.reason_help"))
                      if current and current.approved else "")
            submitted = st.form_submit_button(tr("recommendation.save"), type="primary")
    if submitted:
        _save(actor=actor, view=view, winner=winner, rationale=rationale, remarks=remarks, reason=reason)


def _save(*, actor: Actor, view: RecommendationView, winner: int | None, rationale: str, remarks: dict[int, str],
          reason: str) -> None:
    try:
        with db() as session:
            saved = draft_recommendation(session, actor=actor, year_id=view.year.id, nomination_id=winner or 0,
                                         rationale=rationale, remarks=remarks, reason=reason)
    except PrizeError as error:
        show_error(error)
    else:
        flash.push(tr("recommendation.saved", name=saved.candidate))
        st.rerun()
