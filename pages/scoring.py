"""Bedømmelse: the juror's candidates in the current round and their own progress."""

import streamlit as st

from prize.errors import PrizeError
from prize.i18n import format_moment
from prize.services.scoring import juror_worklist
from prize.services.years import require_current_year
from ui.components import table
from ui.context import db, locale, show_error, tr
from ui.guard import require_page

actor = require_page("scoring")

st.title(tr("scoring.title"))
try:
    with db() as session:
        year = require_current_year(session)
        worklist = juror_worklist(session, actor=actor, year=year)
except PrizeError as error:
    show_error(error)
    st.stop()

if worklist.round_kind is None:
    st.info(tr("scoring.no_round", phase=tr(f"labels.phase.{year.phase.value}")), icon=":material/schedule:")
    st.stop()

st.caption(tr("scoring.round_line", title=year.title, round=tr(f"labels.roundkind.{worklist.round_kind.value}"),
              deadline=format_moment(worklist.deadline, locale())))
if not worklist.is_open:
    st.warning(tr("scoring.closed"), icon=":material/lock:")

done, total = worklist.submitted, worklist.to_score
st.progress(done / total if total else 0.0, text=tr("scoring.progress", done=done, total=total))

frame = worklist.candidates.assign(state=worklist.states(), criteria=worklist.criteria_count)
frame["progress"] = [f"{scored}/{worklist.criteria_count}" for scored in frame["scored"]]
table.show(frame, key="worklist", columns={
    "name": "scoring.col.name", "municipality": "scoring.col.municipality", "kind": "scoring.col.kind",
    "state": "scoring.col.state", "progress": "scoring.col.progress",
    "submitted_at": "scoring.col.submitted_at"},
    formatters={"kind": table.label("candidatekind"), "state": table.label("sheetstate"),
                "submitted_at": lambda value: format_moment(value, locale()) if value is not None else "-"})
st.caption(tr("scoring.privacy"))
