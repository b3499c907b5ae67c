"""Præsentationer: when and where each finalist presents to the jury, and the jury's
shared notes. The secretariat sets the schedule; jury and secretariat write the notes."""

import streamlit as st

from prize.errors import PrizeError
from prize.permissions import Action, can
from prize.services.presentations import presentation_schedule
from prize.services.years import require_current_year
from ui.components import flash, presentation_form, presentation_notes, presentation_schedule as schedule_view
from ui.context import db, show_error, tr
from ui.guard import require_page

actor = require_page("presentations")

st.title(tr("nav.presentations"))
flash.show()
try:
    with db() as session:
        year = require_current_year(session)
        schedule = presentation_schedule(session, actor=actor, year=year)
except PrizeError as error:
    show_error(error)
    st.stop()

st.caption(tr("presentations.year_line", title=year.title, phase=tr(f"labels.phase.{year.phase.value}")))
if schedule.empty:
    st.info(tr("presentations.no_finalists"), icon=":material/info:")
    st.stop()

schedule_view.show(schedule, key="presentations_schedule")
if can(actor, Action.SCHEDULE_PRESENTATION, phase=year.phase):
    presentation_form.show(actor=actor, year=year, schedule=schedule, key="presentations_form")
presentation_notes.show(actor=actor, year=year, schedule=schedule, key="presentations_notes")
