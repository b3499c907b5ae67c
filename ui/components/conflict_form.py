"""The juror's "Erklær inhabilitet" on a candidate's page: the declared conflict, or the
data's proposal as a suggestion and a form (open or closed in session_state) with the
type and the written reason."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.i18n import format_moment
from prize.models import ConflictReason
from prize.models.conflict import NOTE_MAX
from prize.services.conflicts import CandidateConflict, declare_conflict, own_conflict
from ui.components import flash
from ui.context import db, locale, plain_block, show_error, tr


def show(*, actor: Actor, nomination_id: int, key: str) -> None:
    try:
        with db() as session:
            standing = own_conflict(session, actor=actor, nomination_id=nomination_id)
    except PrizeError as error:
        show_error(error)
        return
    st.subheader(tr("conflicts.form.heading"))
    if standing.conflict is not None:
        _declared(standing)
        return
    if standing.proposed:
        st.info(tr("conflicts.form.proposal", municipality=standing.proposed_municipality))
    if not standing.may_declare:
        st.caption(tr("conflicts.table.not_in_phase", phase=tr(f"labels.phase.{standing.phase.value}")))
        return
    open_key = f"{key}_open"
    if not st.session_state.get(open_key):
        if st.button(tr("conflicts.form.open"), key=f"{key}_open_button"):
            st.session_state[open_key] = True
            st.rerun()
        return
    _form(actor, nomination_id, standing, key=key)


def _declared(standing: CandidateConflict) -> None:
    conflict = standing.conflict
    st.warning(tr("conflicts.form.declared", reason=tr(f"labels.conflictreason.{conflict.reason.value}"),
                  when=format_moment(conflict.declared_at, locale())))
    if conflict.note:
        st.markdown(tr("conflicts.form.declared_note", note=plain_block(conflict.note)))


def _form(actor: Actor, nomination_id: int, standing: CandidateConflict, *, key: str) -> None:
    st.caption(tr("conflicts.form.explain"))
    reasons = list(ConflictReason)
    default = reasons.index(ConflictReason.OWN_MUNICIPALITY if standing.proposed else ConflictReason.PERSONAL)
    with st.form(f"{key}_form", enter_to_submit=False):
        reason = st.selectbox(tr("conflicts.form.reason"), reasons, index=default,
                              format_func=lambda value: tr(f"labels.conflictreason.{value.value}"),
                              placeholder=tr("common.choose"))
        note = st.text_area(tr("conflicts.form.note"), max_chars=NOTE_MAX)
        submit_column, cancel_column = st.columns(2)
        submitted = submit_column.form_submit_button(tr("conflicts.form.submit"), type="primary")
        cancelled = cancel_column.form_submit_button(tr("conflicts.form.cancel"))
    if cancelled:
        st.session_state[f"{key}_open"] = False
        st.rerun()
    if submitted:
        _declare(actor, nomination_id, reason=reason, note=note, key=key)


def _declare(actor: Actor, nomination_id: int, *, reason: ConflictReason, note: str, key: str) -> None:
    try:
        with db() as session:
            declare_conflict(session, actor=actor, nomination_id=nomination_id, reason=reason, note=note)
    except PrizeError as error:
        show_error(error)
        return
    st.session_state[f"{key}_open"] = False
    flash.push(tr("conflicts.form.done"))
    st.rerun()
