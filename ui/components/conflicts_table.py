"""The secretariat's conflicts of interest: the year's list (withdrawn ones too), the data's
proposals with a confirm button, recusing a juror and withdrawing a conflict with a reason."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.i18n import format_moment
from prize.models import ConflictReason
from prize.models.conflict import NOTE_MAX
from prize.services.conflicts import (RecusalChoices, conflicts_frame, proposed_conflicts, recusal_choices,
                                      recuse_juror, withdraw_conflict)
from ui.components import flash, table
from ui.context import db, locale, show_error, tr

COLUMNS = {name: f"conflicts.col.{name}" for name in (
    "juror", "candidate", "reason", "note", "declared_by", "declared_at", "active", "withdrawn_at",
    "withdrawal_reason")}


def show(*, actor: Actor, year_id: int, key: str) -> None:
    try:
        with db() as session:
            conflicts = conflicts_frame(session, actor=actor, year_id=year_id)
            proposals = proposed_conflicts(session, actor=actor, year_id=year_id)
            choices = recusal_choices(session, actor=actor, year_id=year_id)
    except PrizeError as error:
        show_error(error)
        return
    st.header(tr("conflicts.table.heading"))
    _list(conflicts, key=f"{key}_list")
    if not choices.may_change:
        st.caption(tr("conflicts.table.not_in_phase", phase=tr(f"labels.phase.{choices.phase.value}")))
        return
    _proposals(actor, proposals, key=f"{key}_proposals")
    _recuse(actor, choices, key=f"{key}_recuse")
    _withdraw(actor, conflicts, key=f"{key}_withdraw")


def _list(conflicts: pd.DataFrame, *, key: str) -> None:
    if conflicts.empty:
        st.info(tr("conflicts.table.none"))
        return
    moment = lambda value: format_moment(value, locale()) if value is not None else ""  # noqa: E731
    table.show(conflicts, key=key, columns=COLUMNS, formatters={
        "reason": table.label("conflictreason"), "declared_at": moment, "withdrawn_at": moment,
        "declared_by": lambda name: name or tr("conflicts.table.command_line"),
        "active": lambda active: tr("conflicts.table.yes" if active else "conflicts.table.no")})


def _proposals(actor: Actor, proposals: pd.DataFrame, *, key: str) -> None:
    st.subheader(tr("conflicts.table.proposals"))
    st.caption(tr("conflicts.table.proposals_explain"))
    if proposals.empty:
        st.caption(tr("conflicts.table.no_proposals"))
        return
    for row in proposals.itertuples(index=False):
        text_column, button_column = st.columns([4, 1])
        text_column.markdown(tr("conflicts.table.proposal_line", juror=row.juror, candidate=row.candidate,
                                municipality=row.municipality))
        if button_column.button(tr("conflicts.table.confirm"), key=f"{key}_{row.juror_id}_{row.nomination_id}"):
            _save(lambda session, row=row: recuse_juror(
                session, actor=actor, juror_id=row.juror_id, nomination_id=row.nomination_id,
                reason=ConflictReason.OWN_MUNICIPALITY, note=""),
                done=tr("conflicts.table.confirmed", juror=row.juror, candidate=row.candidate))


def _recuse(actor: Actor, choices: RecusalChoices, *, key: str) -> None:
    st.subheader(tr("conflicts.table.recuse_heading"))
    jurors, candidates = dict(choices.jurors), dict(choices.candidates)
    with st.form(key, enter_to_submit=False):
        juror_id = st.selectbox(tr("conflicts.table.juror"), list(jurors), format_func=jurors.get, index=None,
                                placeholder=tr("common.choose"))
        nomination_id = st.selectbox(tr("conflicts.table.candidate"), list(candidates), format_func=candidates.get,
                                     index=None, placeholder=tr("common.choose"))
        reason = st.selectbox(tr("conflicts.table.reason"), list(ConflictReason),
                              format_func=lambda value: tr(f"labels.conflictreason.{value.value}"),
                              placeholder=tr("common.choose"))
        note = st.text_area(tr("conflicts.table.note"), max_chars=NOTE_MAX)
        submitted = st.form_submit_button(tr("conflicts.table.recuse"), type="primary")
    if submitted:
        _save(lambda session: recuse_juror(session, actor=actor, juror_id=juror_id, nomination_id=nomination_id,
                                           reason=reason, note=note),
              done=tr("conflicts.table.confirmed", juror=jurors.get(juror_id, ""),
                      candidate=candidates.get(nomination_id, "")))


def _withdraw(actor: Actor, conflicts: pd.DataFrame, *, key: str) -> None:
    st.subheader(tr("conflicts.table.withdraw_heading"))
    active = conflicts[conflicts["active"]]
    if active.empty:
        st.caption(tr("conflicts.table.nothing_to_withdraw"))
        return
    lines = {int(row.id): (row.juror, row.candidate, row.reason) for row in active.itertuples(index=False)}
    with st.form(key, enter_to_submit=False):
        conflict_id = st.selectbox(tr("conflicts.table.withdraw_choice"), list(lines), format_func=lambda id_: tr(
            "conflicts.table.conflict_line", juror=lines[id_][0], candidate=lines[id_][1],
            reason=tr(f"labels.conflictreason.{lines[id_][2].value}")), placeholder=tr("common.choose"))
        reason = st.text_area(tr("conflicts.table.withdraw_reason"), max_chars=NOTE_MAX)
        submitted = st.form_submit_button(tr("conflicts.table.withdraw"))
    if submitted:
        juror, candidate, _ = lines[conflict_id]
        _save(lambda session: withdraw_conflict(session, actor=actor, conflict_id=conflict_id, reason=reason),
              done=tr("conflicts.table.withdrawn", juror=juror, candidate=candidate))


def _save(change, *, done: str) -> None:
    """Run ``change(session)`` in its own transaction: a refusal is shown, a success is flashed."""
    try:
        with db() as session:
            change(session)
    except PrizeError as error:
        show_error(error)
        return
    flash.push(done)
    st.rerun()
