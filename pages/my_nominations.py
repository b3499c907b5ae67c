"""Mine indstillinger: a nominator's or a village contact's own nominations."""

import streamlit as st

from prize.errors import PrizeError
from prize.i18n import format_moment
from prize.services.nominations import own_nominations
from prize.services.years import require_current_year
from ui.components import table
from ui.context import db, locale, show_error, tr
from ui.guard import require_page

actor = require_page("my_nominations")

st.title(tr("nominations.title"))
try:
    with db() as session:
        year = require_current_year(session)
        frame = own_nominations(session, actor=actor, year_id=year.id)
except PrizeError as error:
    show_error(error)
    st.stop()

st.caption(tr("nominations.year_line", title=year.title, phase=tr(f"labels.phase.{year.phase.value}"),
              deadline=format_moment(year.nomination_deadline, locale())))
if frame.empty:
    st.info(tr("nominations.none"), icon=":material/info:")
    st.stop()

st.markdown(tr("nominations.count", count=len(frame)))
table.show(frame, key="own_nominations", columns={
    "name": "nominations.col.name", "villages": "nominations.col.villages",
    "kind": "nominations.col.kind", "municipality": "nominations.col.municipality",
    "nominating_body": "nominations.col.body", "status": "nominations.col.status",
    "submitted_at": "nominations.col.submitted_at"},
    formatters={"kind": table.label("candidatekind"), "status": table.label("nominationstatus"),
                "submitted_at": lambda value: format_moment(value, locale())})
