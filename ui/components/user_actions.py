"""What the secretariat does to one user: deactivate (after a confirmation) or
reactivate, and a new one-time password. The outcome shows right below the buttons."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.services import users as user_service
from ui.components import flash
from ui.context import db, settings, show_error, tr

PLACE = "user_actions"


def show(actor: Actor, *, user_id: int, name: str, active: bool, key: str) -> None:
    confirming = f"{key}_confirm_{user_id}"
    left, right = st.columns(2)
    if left.button(tr("users.deactivate" if active else "users.reactivate"), key=f"{key}_toggle"):
        if active:
            st.session_state[confirming] = True
        else:
            _set_active(actor, user_id=user_id, name=name, active=True)
    reset = right.button(tr("users.reset_password"), key=f"{key}_reset")
    if active and st.session_state.get(confirming):
        _confirm_deactivation(actor, user_id=user_id, name=name, confirming=confirming, key=key)
    if reset:
        st.session_state.pop(confirming, None)
        try:
            with db() as session:
                secret = user_service.reset_password(session, actor=actor, user_id=user_id,
                                                     bcrypt_rounds=settings().bcrypt_rounds)
        except PrizeError as error:
            show_error(error)
        else:
            flash.push(tr("users.password_reset", user=name), kind="info", code=secret, place=PLACE)
            st.rerun()
    flash.show(place=PLACE)


def _confirm_deactivation(actor: Actor, *, user_id: int, name: str, confirming: str, key: str) -> None:
    st.warning(tr("users.deactivate_confirm", user=name), icon=":material/warning:")
    yes, no = st.columns(2)
    if no.button(tr("common.cancel"), key=f"{key}_cancel"):
        st.session_state.pop(confirming, None)
        st.rerun()
    if yes.button(tr("users.deactivate_yes"), key=f"{key}_confirm", type="primary"):
        st.session_state.pop(confirming, None)
        _set_active(actor, user_id=user_id, name=name, active=False)


def _set_active(actor: Actor, *, user_id: int, name: str, active: bool) -> None:
    try:
        with db() as session:
            user_service.set_active(session, actor=actor, user_id=user_id, active=active)
    except PrizeError as error:
        show_error(error)
        return
    flash.push(tr("users.reactivated" if active else "users.deactivated", user=name), place=PLACE)
    st.rerun()
