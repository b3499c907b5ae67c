"""Årets opsætning: the secretariat sets the year's dates and criteria."""

import streamlit as st

from prize.errors import PrizeError
from prize.services.criteria import year_criteria
from prize.services.years import require_current_year
from ui.components import criteria_editor, deadlines_form, flash
from ui.context import db, show_error, tr
from ui.guard import require_page

actor = require_page("setup")

st.title(tr("setup.title"))
flash.show()
try:
    with db() as session:
        year = require_current_year(session)
        criteria = year_criteria(session, actor=actor, year_id=year.id)
except PrizeError as error:
    show_error(error)
    st.stop()

st.caption(tr("setup.year_line", title=year.title, phase=tr(f"labels.phase.{year.phase.value}")))
deadlines_tab, criteria_tab = st.tabs([tr("setup.tab_deadlines"), tr("setup.tab_criteria")])
with deadlines_tab:
    deadlines_form.show(actor, year, key="deadlines")
with criteria_tab:
    criteria_editor.show(actor, criteria, key="criteria")
