"""Bedømmelse: the juror's candidates in the round, their own progress, and one
candidate's texts and material beside the score sheet."""

from datetime import UTC, datetime

import streamlit as st

from prize.errors import PrizeError
from prize.i18n import format_moment
from prize.services.scoring import candidate_profile, juror_worklist, visible_others_scores
from prize.services.years import require_current_year
from ui.components import candidate_profile as profile_view
from ui.components import conflict_form, finalist_videos, flash, material, score_sheet, table
from ui.components.deadline import time_left
from ui.context import db, locale, show_error, tr
from ui.guard import require_page

OPEN_KEY = "scoring_open_candidate"  # plain session state: survives quick fragment reruns

actor = require_page("scoring")

st.title(tr("scoring.title"))
flash.show()
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
if worklist.deadline is not None and worklist.is_open:
    passed = worklist.deadline <= datetime.now(UTC)
    st.info(tr("scoring.overview.deadline_passed" if passed else "scoring.overview.deadline",
               deadline=format_moment(worklist.deadline, locale()), left=time_left(worklist.deadline)),
            icon=":material/schedule:")
if not worklist.is_open:
    st.warning(tr("scoring.closed"), icon=":material/lock:")

total = len(worklist.candidates)
st.progress(worklist.done / total if total else 0.0,
            text=tr("scoring.overview.progress", done=worklist.done, total=total))
st.caption(tr("scoring.overview.conflicts_count", conflicts=worklist.conflicts))

frame = worklist.candidates.assign(state=worklist.states())
frame["progress"] = [f"{scored}/{worklist.criteria_count}" for scored in frame["scored"]]
table.show(frame, key="worklist", columns={
    "name": "scoring.col.name", "municipality": "scoring.col.municipality", "kind": "scoring.col.kind",
    "state": "scoring.col.state", "progress": "scoring.col.progress",
    "submitted_at": "scoring.col.submitted_at"},
    formatters={"kind": table.label("candidatekind"), "state": table.label("sheetstate"),
                "submitted_at": lambda value: format_moment(value, locale()) if value is not None else "-"})
st.caption(tr("scoring.privacy"))

names = {int(row.id): row.name for row in worklist.candidates.itertuples()}
if st.session_state.get(OPEN_KEY) not in names:
    st.session_state[OPEN_KEY] = None


def _pick() -> None:
    st.session_state[OPEN_KEY] = st.session_state["scoring_pick"]


def _next() -> None:
    st.session_state[OPEN_KEY] = worklist.next_after(st.session_state[OPEN_KEY])
    st.session_state.pop("scoring_pick", None)


opened = st.session_state[OPEN_KEY]
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
try:
    with db() as session:
        profile = candidate_profile(session, actor=actor, round_id=worklist.round_id, nomination_id=opened)
        others = visible_others_scores(session, actor=actor, round_id=worklist.round_id, nomination_id=opened)
except PrizeError as error:
    show_error(error)
    st.stop()

texts, sheet = st.columns([3, 2], gap="large")
with texts:
    profile_view.show(profile, key=f"scoring_profile_{opened}")
    conflict_form.show(actor=actor, nomination_id=opened, key=f"scoring_conflict_{opened}")
    st.markdown(f"#### {tr('scoring.candidate.material')}")
    material.show(actor=actor, nomination_id=opened, key=f"scoring_material_{opened}")
    finalist_videos.show(actor=actor, nomination_id=opened, key=f"scoring_videos_{opened}")
with sheet:
    score_sheet.show(actor=actor, round_id=worklist.round_id, nomination_id=opened, key=f"sheet_{opened}")
    if others is not None:
        st.markdown(f"#### {tr('scoring.candidate.others')}")
        if others.scores.empty:
            st.caption(tr("scoring.candidate.others_none"))
        else:
            st.dataframe(others.scores, hide_index=True, key=f"scoring_others_{opened}")
