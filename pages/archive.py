"""Arkiv: every year of the prize with its winner, finalists and number of nominations;
the secretariat adds the winners of years from before the app."""

import streamlit as st

from prize.errors import PrizeError
from prize.permissions import Action, can
from prize.services.archive import archive_of, past_winner_municipalities
from ui.components import archive_table, flash, next_year, past_winner_form
from ui.context import db, show_error, tr
from ui.guard import require_page

actor = require_page("archive")

st.title(tr("nav.archive"))
flash.show()
may_enter = can(actor, Action.ENTER_PAST_WINNER, phase=None)
try:
    with db() as session:
        archive = archive_of(session, actor=actor)
        municipalities = past_winner_municipalities(session, actor=actor) if may_enter else []
except PrizeError as error:
    show_error(error)
    st.stop()

st.markdown(tr("archive.intro"))
if archive.empty:
    st.info(tr("archive.empty"), icon=":material/info:")
else:
    archive_table.show(archive, key="archive_table")
if may_enter:
    past_winner_form.show(actor=actor, municipalities=municipalities, key="archive_past_winner")
if can(actor, Action.CREATE_YEAR, phase=None):
    next_year.show(actor=actor, next_year=int(archive["year"].max()) + 1 if not archive.empty else 2020,
                   key="archive_next_year")
