"""Udgående post: the secretariat follows the app's e-mail, retries what failed and,
without an SMTP server, copies each message by hand."""

import streamlit as st

from prize.errors import PrizeError
from prize.i18n import format_moment
from prize.mail.dispatch import MAX_ATTEMPTS
from prize.services import mail as mail_service
from prize.services.mail import MailState
from ui.components import flash, outbox_message, table
from ui.context import db, locale, settings, show_error, tr
from ui.guard import require_page

actor = require_page("outbox")


def _moment(value) -> str:
    return format_moment(value, locale()) if value is not None else "-"


st.title(tr("nav.outbox"))
flash.show()
sends_mail = settings().sends_mail
st.caption(tr("outbox.intro", attempts=MAX_ATTEMPTS))
if not sends_mail:
    st.info(tr("outbox.no_smtp"), icon=":material/content_copy:")
with db() as session:
    frame = mail_service.outbox_overview(session, actor=actor)
if frame.empty:
    st.info(tr("outbox.empty"))
    st.stop()

counts = frame["state"].value_counts()
st.markdown(tr("outbox.waiting_count", **{state.value: int(counts.get(state, 0)) for state in MailState}))
table.show(frame, key="outbox_table", columns={
    "created_at": "outbox.col.created_at", "kind": "outbox.col.kind", "recipient": "outbox.col.recipient",
    "subject": "outbox.col.subject", "state": "outbox.col.state", "attempts": "outbox.col.attempts",
    "next_try_at": "outbox.col.next_try_at", "sent_at": "outbox.col.sent_at"},
    formatters={"created_at": _moment, "next_try_at": _moment, "sent_at": _moment,
                "kind": lambda v: tr(f"outbox.kind.{getattr(v, 'value', v)}"),
                "state": lambda v: tr(f"outbox.state.{getattr(v, 'value', v)}")})

failing = int(counts.get(MailState.FAILED, 0) + counts.get(MailState.GIVEN_UP, 0))
if sends_mail and failing and st.button(tr("outbox.retry_failed"), key="outbox_retry_failed"):
    try:
        with db() as session:
            count = mail_service.retry_failed(session, actor=actor)
    except PrizeError as error:
        show_error(error)
    else:
        flash.push(tr("outbox.retried_all", count=count))
        st.rerun()

labels = {int(row.id): f"{_moment(row.created_at)} · {row.recipient} · {row.subject}" for row in frame.itertuples()}
chosen = st.selectbox(tr("outbox.choose"), list(labels), format_func=labels.__getitem__, index=None,
                      placeholder=tr("outbox.choose_placeholder"), key="outbox_choose")
if chosen is not None:
    message = next(row for row in frame.itertuples() if int(row.id) == chosen)
    outbox_message.show(message, actor=actor, sends_mail=sends_mail, key="outbox_message")
