"""Bedømmelse: the juror's candidates in the round, their own progress, and one
candidate's texts and material beside the score sheet."""

import streamlit as st

from prize.services.scoring import juror_worklist
from ui.components import candidate_view, flash, presentation_schedule, round_preamble
from ui.components import worklist as worklist_view
from ui.context import tr
from ui.guard import require_page

OPEN_KEY = "scoring_open_candidate"  # plain session state: survives quick fragment reruns

actor = require_page("scoring")

st.title(tr("scoring.title"))
flash.show()
year, worklist = round_preamble.load(lambda session, year: juror_worklist(session, actor=actor, year=year))
round_preamble.show(year=year, kind=worklist.round_kind, deadline=worklist.deadline, area="scoring")
presentation_schedule.show_in_final_round(actor=actor, year=year, key="scoring_presentations")
worklist_view.show(worklist, key="worklist")

names = {int(row.id): row.name for row in worklist.candidates.itertuples()}
asked = worklist_view.asked_candidate(worklist)  # a name's link, a reload, a bookmark, the browser's back
if asked is not None and asked != st.session_state.get(OPEN_KEY):
    st.session_state[OPEN_KEY] = asked
    st.session_state.pop("scoring_pick", None)
if st.session_state.get(OPEN_KEY) not in names:
    st.session_state[OPEN_KEY] = None


def _open(nomination_id: int | None) -> None:
    st.session_state[OPEN_KEY] = nomination_id
    worklist_view.keep_in_address(nomination_id)


def _pick() -> None:
    _open(st.session_state["scoring_pick"])


def _next() -> None:
    _open(worklist.next_after(st.session_state[OPEN_KEY]))
    st.session_state.pop("scoring_pick", None)


opened = st.session_state[OPEN_KEY]
worklist_view.keep_in_address(opened)
st.selectbox(tr("scoring.overview.pick"), list(names), key="scoring_pick",
             format_func=lambda option: names.get(option, str(option)),
             index=list(names).index(opened) if opened in names else None, on_change=_pick,
             placeholder=tr("scoring.overview.pick_placeholder"))
if opened is None:
    st.stop()
conflicted = bool(worklist.candidates.set_index("id").loc[opened, "conflict"])
st.button(tr("scoring.overview.next"), key="scoring_next", on_click=_next, icon=":material/arrow_forward:",
          disabled=worklist.next_after(opened) is None)
if conflicted:
    st.info(tr("scoring.overview.conflict"), icon=":material/block:")
    st.stop()
candidate_view.show(actor=actor, round_id=worklist.round_id, nomination_id=opened, key="scoring")
