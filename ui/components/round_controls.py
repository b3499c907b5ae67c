"""The secretariat's controls of the round shown: independence, open, close, reopen
with a reason, release. Each change is made by prize.services.rounds, which refuses
what the round's state or the rule book does not allow."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.phases import Independence
from prize.services import rounds
from prize.services.rounds import REASON_MAX_LENGTH, RoundStatus
from ui.components import flash
from ui.context import db, show_error, tr


def show(*, actor: Actor, year_id: int, status: RoundStatus, key: str) -> None:
    with st.container(key=key, border=True):
        st.header(tr("jury.controls.heading"))
        _independence(actor=actor, year_id=year_id, status=status, key=key)
        if status.may_open and st.button(tr("jury.controls.open"), key=f"{key}_open", type="primary"):
            _apply(lambda session: rounds.open_round(session, actor=actor, year_id=year_id), "jury.done.opened")
        if status.may_close and st.button(tr("jury.controls.close"), key=f"{key}_close"):
            _apply(lambda session: rounds.close_round(session, actor=actor, year_id=year_id), "jury.done.closed")
        if status.may_release and st.button(tr("jury.controls.release"), key=f"{key}_release", type="primary"):
            _apply(lambda session: rounds.release_results(session, actor=actor, year_id=year_id),
                   "jury.done.released")
        if status.may_reopen:
            _reopen(actor=actor, year_id=year_id, key=key)


def _independence(*, actor: Actor, year_id: int, status: RoundStatus, key: str) -> None:
    options = list(Independence)
    choice = st.radio(tr("jury.controls.independence"), options, index=options.index(status.independence),
                      format_func=lambda value: tr(f"jury.independence.{value.value}"),
                      disabled=not status.may_set_independence, key=f"{key}_independence")
    if not status.may_set_independence:
        st.caption(tr("jury.controls.independence_locked"))
    elif choice != status.independence:
        _apply(lambda session: rounds.set_independence(session, actor=actor, year_id=year_id, independence=choice),
               "jury.done.independence")


def _reopen(*, actor: Actor, year_id: int, key: str) -> None:
    with st.form(key=f"{key}_reopen", clear_on_submit=False, enter_to_submit=False):
        reason = st.text_area(tr("rounds.field.reason"), max_chars=REASON_MAX_LENGTH,
                              help=tr("jury.controls.reopen_help"))
        if st.form_submit_button(tr("jury.controls.reopen")):
            _apply(lambda session: rounds.reopen_round(session, actor=actor, year_id=year_id, reason=reason),
                   "jury.done.reopened")


def _apply(change: Callable, done_key: str) -> None:
    try:
        with db() as session:
            change(session)
    except PrizeError as error:
        show_error(error)
    else:
        flash.push(tr(done_key))
        st.rerun()
