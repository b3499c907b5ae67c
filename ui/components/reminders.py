"""The jurors behind in the round: a button that e-mails each of them a reminder,
and each one's address and reminder text to copy."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.mail.links import MailLinks
from prize.permissions import Action, can
from prize.services.mail import queue_jury_reminders
from prize.services.progress import Reminder
from prize.services.years import YearInfo
from ui.components import flash
from ui.context import db, settings, show_error, tr


def show(reminders: list[Reminder], *, actor: Actor, year: YearInfo, key: str) -> None:
    with st.container(key=key):
        st.subheader(tr("jury.reminders.heading"))
        if not reminders:
            st.success(tr("jury.reminders.none"))
            return
        st.caption(tr("jury.reminders.help"))
        if can(actor, Action.SEND_REMINDERS, phase=year.phase):
            _send_button(actor, year, count=len(reminders), key=f"{key}_send")
        addresses = "; ".join(reminder.email for reminder in reminders if reminder.email)
        st.code(addresses or "-", language=None, wrap_lines=True)  # a phone wraps it; a scrolling box takes no focus
        for reminder in reminders:
            with st.expander(tr("jury.reminders.juror", name=reminder.juror, left=reminder.left,
                                total=reminder.total)):
                st.markdown(tr("jury.reminders.email", email=reminder.email or "-"))
                st.code(reminder.text, language=None, wrap_lines=True)


def _send_button(actor: Actor, year: YearInfo, *, count: int, key: str) -> None:
    if not st.button(tr("jury.reminders.send", count=count), key=key, icon=":material/send:"):
        return
    try:
        with db() as session:
            queued = queue_jury_reminders(session, actor=actor, year=year, links=MailLinks.of(settings()))
    except PrizeError as error:
        show_error(error)
        return
    flash.push(tr("jury.reminders.sent", count=len(queued.to)))
    if queued.without_email:
        flash.push(tr("jury.reminders.without_email", names=", ".join(queued.without_email)), kind="warning")
    st.rerun()
