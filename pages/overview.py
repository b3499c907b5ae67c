"""Årets forløb: the secretariat's overview of the year and its phase moves."""

import streamlit as st

from prize.errors import PrizeError
from prize.i18n import format_amount, format_day, format_moment
from prize.services.years import current_overview, move_phase
from ui.components import flash, new_year, phase_track
from ui.context import db, locale, plain, show_error, tr
from ui.guard import require_page

actor = require_page("overview")
CONFIRM_KEY = "overview_confirm_move"

st.title(tr("nav.overview"))
with db() as session:
    overview = current_overview(session, actor=actor)
if overview is None:
    st.header(tr("overview.no_year_title"))
    new_year.show(actor, key="new_year")
    st.stop()

year = overview.year
st.header(plain(year.title))
flash.show()
phase_track.show(year.phase, key="phase_track")
st.markdown(tr("overview.next_step." + year.phase.value))

columns = st.columns(4)
columns[0].metric(tr("overview.metric.candidates"), overview.facts.candidates)
columns[1].metric(tr("overview.metric.jurors"), overview.facts.jurors)
columns[2].metric(tr("overview.metric.conflicts"), overview.facts.conflicts)
columns[3].metric(tr(f"overview.metric.sheets_{overview.round_shown.value}"), tr(
    "overview.metric.sheets_value", done=overview.submitted_in_round, total=overview.expected_sheets))

left, right = st.columns(2)
with left:
    st.subheader(tr("overview.facts_heading"))
    lines = [tr("overview.prize_amount", amount=format_amount(year.prize_amount, locale())),
             tr("overview.finalist_count", count=year.finalist_count)]
    lines += [tr(f"overview.deadline.{name}", value=format_moment(value, locale()))
              for name, value in overview.deadlines()]
    lines.append(tr("overview.decision_date", value=format_day(year.decision_date, locale())))
    st.markdown("\n".join(f"- {line}" for line in lines))
with right:
    st.subheader(tr("overview.moves_heading"))
    for move in overview.moves:
        target = tr(f"labels.phase.{move.target.value}")
        label = tr("overview.move_forward" if move.forward else "overview.move_back", target=target)
        if st.button(label, key=f"move_{move.target.value}", disabled=bool(move.blockers),
                     type="primary" if move.forward else "secondary"):
            st.session_state[CONFIRM_KEY] = (year.phase, move.target, move.missing, move.needed)
        for blocker in move.blockers:
            st.caption(tr(blocker))
        if move.missing:
            st.caption(tr("rounds.move.missing", missing=move.missing, total=move.needed))

pending = st.session_state.get(CONFIRM_KEY)
if pending is not None:
    seen, target, missing, needed = pending
    st.warning(tr("overview.confirm", target=tr(f"labels.phase.{target.value}")))
    accepted = not missing or st.checkbox(tr("rounds.move.confirm_missing", missing=missing, total=needed),
                                          key="confirm_missing")
    yes, no = st.columns(2)
    if yes.button(tr("overview.confirm_yes"), key="confirm_move", type="primary", disabled=not accepted):
        del st.session_state[CONFIRM_KEY]
        try:
            with db() as session:
                move_phase(session, actor=actor, year_id=year.id, expected=seen, target=target,
                           confirm_missing=missing or None)
        except PrizeError as error:
            show_error(error)
        else:
            flash.push(tr("overview.moved", target=tr(f"labels.phase.{target.value}")))
            st.rerun()
    if no.button(tr("common.cancel"), key="cancel_move"):
        del st.session_state[CONFIRM_KEY]
        st.rerun()
