"""The jurors behind in the round, each with their address and a reminder text to copy."""

from __future__ import annotations

import streamlit as st

from prize.services.progress import Reminder
from ui.context import tr


def show(reminders: list[Reminder], *, key: str) -> None:
    with st.container(key=key):
        st.subheader(tr("jury.reminders.heading"))
        if not reminders:
            st.success(tr("jury.reminders.none"))
            return
        st.caption(tr("jury.reminders.help"))
        addresses = "; ".join(reminder.email for reminder in reminders if reminder.email)
        st.code(addresses or "-", language=None, wrap_lines=True)  # a phone wraps it; a scrolling box takes no focus
        for reminder in reminders:
            with st.expander(tr("jury.reminders.juror", name=reminder.juror, left=reminder.left,
                                total=reminder.total)):
                st.markdown(tr("jury.reminders.email", email=reminder.email or "-"))
                st.code(reminder.text, language=None, wrap_lines=True)
