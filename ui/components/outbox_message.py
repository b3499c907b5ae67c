"""One outbox message: who it is to, its subject and last error, a retry button and,
while the app does not send by itself, its text to copy and a button to mark it sent."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.services import mail as mail_service
from prize.services.mail import MailState
from ui.components import flash
from ui.context import db, show_error, tr


def show(message, *, actor: Actor, sends_mail: bool, key: str) -> None:
    """``message``: a row of ``prize.services.mail.outbox_overview``."""
    state = MailState(message.state)
    st.markdown(tr("outbox.recipient", recipient=message.recipient))
    st.markdown(tr("outbox.subject", subject=message.subject))
    if message.last_error and state != MailState.SENT:
        st.error(tr("outbox.error", error=message.last_error), icon=":material/error:")
    if not sends_mail:
        st.code(message.body, language=None, wrap_lines=True)
    else:
        st.caption(tr("outbox.body_hidden"))
    if state == MailState.SENT:
        return
    left, right = st.columns(2)
    if sends_mail and left.button(tr("outbox.retry"), key=f"{key}_retry", icon=":material/refresh:"):
        _act(mail_service.retry_message, actor=actor, message_id=int(message.id),
             done=tr("outbox.retried", recipient=message.recipient))
    if not sends_mail and right.button(tr("outbox.mark_sent"), key=f"{key}_mark", icon=":material/done:"):
        _act(mail_service.mark_sent_by_hand, actor=actor, message_id=int(message.id),
             done=tr("outbox.marked_sent", recipient=message.recipient))


def _act(action, *, actor: Actor, message_id: int, done: str) -> None:
    try:
        with db() as session:
            action(session, actor=actor, message_id=message_id)
    except PrizeError as error:
        show_error(error)
        return
    flash.push(done)
    st.rerun()
