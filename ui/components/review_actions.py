"""What the secretariat does with one nomination: mark it eligible or ineligible
with a reason, or reopen it until a new deadline in Danish time."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import streamlit as st

from prize.actor import Actor
from prize.deadlines import DANISH_TIME
from prize.errors import PrizeError
from prize.i18n import format_moment
from prize.models.nomination import REASON_MAX
from prize.phases import NominationStatus
from prize.services.review import NominationReview, mark_eligibility, reopen_nomination
from ui.components import flash, heading
from ui.context import db, locale, plain_block, show_error, tr

DEFAULT_REOPEN_DAYS = 7
DEFAULT_REOPEN_TIME = time(12, 0)


def show(actor: Actor, review: NominationReview, *, key: str) -> None:
    _mark(actor, review, key=f"{key}_mark")
    _reopen(actor, review, key=f"{key}_reopen")


def _mark(actor: Actor, review: NominationReview, *, key: str) -> None:
    heading.show(tr("review.mark.heading"))
    if review.eligibility_reason:
        st.markdown(tr("review.mark.current", status=tr(f"labels.nominationstatus.{review.status.value}")))
        st.markdown(plain_block(review.eligibility_reason))
    if not review.marks:
        st.caption(_why_no_mark(review))
        return
    with st.form(key, enter_to_submit=False):
        mark = st.radio(tr("review.mark.choice"), review.marks, horizontal=True,
                        format_func=lambda status: tr(f"labels.nominationstatus.{status.value}"))
        if review.failures and NominationStatus.ELIGIBLE in review.marks:
            st.caption(tr("review.mark.despite_failures"))
        reason = st.text_area(tr("review.mark.reason"), max_chars=REASON_MAX)
        submitted = st.form_submit_button(tr("review.mark.submit"), type="primary")
    if submitted:
        try:
            with db() as session:
                marked = mark_eligibility(session, actor=actor, nomination_id=review.id,
                                          eligible=mark == NominationStatus.ELIGIBLE, reason=reason)
        except PrizeError as error:
            show_error(error)
        else:
            flash.push(tr("review.mark.done", name=review.name, status=tr(f"labels.nominationstatus.{marked.value}")))
            st.rerun()


def _why_no_mark(review: NominationReview) -> str:
    if review.status in (NominationStatus.DRAFT, NominationStatus.WITHDRAWN):
        return tr("review.mark.not_for_status", status=tr(f"labels.nominationstatus.{review.status.value}"))
    return tr("review.mark.not_in_phase", phase=tr(f"labels.phase.{review.phase.value}"))


def _reopen(actor: Actor, review: NominationReview, *, key: str) -> None:
    heading.show(tr("review.reopen.heading"))
    if not review.may_reopen:
        st.caption(tr("review.reopen.not_now"))
        return
    st.caption(tr("review.reopen.explain"))
    today = datetime.now(DANISH_TIME).date()
    with st.form(key, enter_to_submit=False):
        day_column, time_column = st.columns(2)
        day = day_column.date_input(tr("review.reopen.day"), value=today + timedelta(days=DEFAULT_REOPEN_DAYS),
                                    min_value=today, format="DD.MM.YYYY")
        hour = time_column.time_input(tr("review.reopen.time"), value=DEFAULT_REOPEN_TIME)
        reason = st.text_area(tr("review.reopen.reason"), max_chars=REASON_MAX)
        submitted = st.form_submit_button(tr("review.reopen.submit"))
    if submitted:
        try:
            with db() as session:
                until = reopen_nomination(session, actor=actor, nomination_id=review.id, reason=reason,
                                          until=datetime.combine(day, hour, tzinfo=DANISH_TIME))
        except PrizeError as error:
            show_error(error)
        else:
            flash.push(tr("review.reopen.done", name=review.name, until=format_moment(until, locale())))
            st.rerun()
