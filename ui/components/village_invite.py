"""The village contact's login for one nomination: the nominator invites them, and
the contact gets an e-mail with a link to choose their own password. The open
form lives in the session state, so a rerun (another field saved meanwhile) keeps it."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.mail.links import MailLinks
from prize.services.nominations import NominationDetail, invite_village_contact
from ui.components import flash
from ui.context import db, settings, show_error, tr


def show(*, actor: Actor, detail: NominationDetail, key: str) -> None:
    inviting = f"{key}_open"
    if not detail.village_contact and not detail.may_invite:
        return
    st.subheader(tr("form.heading.invite"))
    if detail.village_contact:
        st.caption(tr("form.invite.current", username=detail.village_contact))
        return
    st.caption(tr("form.invite.none"))
    if not st.session_state.get(inviting):
        st.button(tr("form.invite.open"), key=f"{key}_start", on_click=_set, args=(inviting, True))
        return
    _form(actor, detail, key=key, inviting=inviting)


def _form(actor: Actor, detail: NominationDetail, *, key: str, inviting: str) -> None:
    with st.form(f"{key}_form", enter_to_submit=False):
        name = st.text_input(tr("form.invite.name"), max_chars=120)
        email = st.text_input(tr("form.invite.email"), max_chars=254)
        username = st.text_input(tr("form.invite.username"), max_chars=60, help=tr("form.invite.username_help"))
        create = st.form_submit_button(tr("form.invite.create"), type="primary")
        cancel = st.form_submit_button(tr("common.cancel"), on_click=_set, args=(inviting, False))
    if cancel or not create:
        return
    config = settings()
    try:
        with db() as session:
            user = invite_village_contact(session, actor=actor, nomination_id=detail.id, username=username,
                                          name=name, email=email, links=MailLinks.of(config),
                                          bcrypt_rounds=config.bcrypt_rounds)
    except PrizeError as error:
        show_error(error)
        return
    st.session_state[inviting] = False
    flash.push(tr("form.invite.done", username=user.username))
    st.rerun()


def _set(state_key: str, value: bool) -> None:
    st.session_state[state_key] = value
