"""Mine indstillinger (a nominator: their body's nominations, a new one, the editor)
or Vores ansøgning (a village contact: straight into their own nomination's editor)."""

import streamlit as st

from prize.errors import PrizeError
from prize.i18n import format_moment
from prize.roles import Role
from prize.services.nominations import new_nomination_choices, own_nominations
from prize.services.years import require_current_year
from ui.components import finalist_videos, flash, new_nomination, nomination_form, nomination_list
from ui.context import db, locale, show_error, tr
from ui.guard import require_page
from ui.registry import PAGES_BY_KEY

OPEN_KEY = "my_nominations_open"
# The open nomination, kept apart from the picker's own state: a quick run of
# saves can start a run that lacks the picker's state, and the editor must stay open.
OPENED_KEY = "my_nominations_opened"

actor = require_page("my_nominations")

st.title(tr(PAGES_BY_KEY["my_nominations"].title_key_for(actor)))
flash.show()
try:
    with db() as session:
        year = require_current_year(session)
        frame = own_nominations(session, actor=actor, year_id=year.id)
        choices = new_nomination_choices(session, actor=actor, year_id=year.id)
except PrizeError as error:
    show_error(error)
    st.stop()

st.caption(tr("nominations.year_line", title=year.title, phase=tr(f"labels.phase.{year.phase.value}"),
              deadline=format_moment(year.nomination_deadline, locale())))

if actor.role == Role.VILLAGE:
    if actor.nomination_id is None or frame.empty:
        st.info(tr("form.page.no_nomination"), icon=":material/info:")
        st.stop()
    nomination_form.show(actor=actor, nomination_id=actor.nomination_id, key="form")
    finalist_videos.show(actor=actor, nomination_id=actor.nomination_id, key="form_videos")
    st.stop()

if frame.empty:
    st.info(tr("nominations.none"), icon=":material/info:")
else:
    st.markdown(tr("nominations.count", count=len(frame)))
    nomination_list.show(frame, key="own_nominations")

with st.expander(tr("form.page.new_heading"), expanded=frame.empty and choices.refusal is None):
    created = new_nomination.show(actor=actor, year_id=year.id, choices=choices, key="new_nomination")
if created is not None:
    st.session_state[OPENED_KEY] = st.session_state[OPEN_KEY] = created
    st.rerun()

names = dict(zip(frame["id"].astype(int), frame["name"], strict=True))
opened = st.session_state.get(OPENED_KEY)
if opened not in names:
    opened = st.session_state[OPENED_KEY] = None
if st.session_state.get(OPEN_KEY) not in names:
    st.session_state.pop(OPEN_KEY, None)
st.selectbox(tr("form.page.open"), list(names), format_func=names.__getitem__, index=None, key=OPEN_KEY,
             on_change=lambda: st.session_state.update({OPENED_KEY: st.session_state[OPEN_KEY]}),
             placeholder=tr("form.page.open_placeholder"))
if opened is not None:
    nomination_form.show(actor=actor, nomination_id=int(opened), key="form")
    finalist_videos.show(actor=actor, nomination_id=int(opened), key="form_videos")
