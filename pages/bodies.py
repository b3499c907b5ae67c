"""Indstillere: the LAGs and municipalities that nominate, kept by the secretariat."""

import streamlit as st

from prize.errors import PrizeError
from prize.services.bodies import list_bodies
from prize.services.years import current_year
from ui.components import body_form, flash, table
from ui.context import db, show_error, tr
from ui.guard import require_page

actor = require_page("bodies")
NEW_FORM_KEY = "bodies_new_form"  # counted up after each new body, so the next form starts empty

st.title(tr("bodies.title"))
flash.show()
try:
    with db() as session:
        year = current_year(session)
        overview = list_bodies(session, actor=actor, year_id=year.id if year else None)
except PrizeError as error:
    show_error(error)
    st.stop()

st.caption(tr("bodies.intro"))
if overview.bodies:
    table.show(overview.frame(), key="bodies_table", columns={
        "name": "bodies.col.name", "kind": "bodies.col.kind", "municipalities": "bodies.col.municipalities",
        "nominations": "bodies.col.nominations", "nomination_limit": "bodies.col.nomination_limit",
        "active": "bodies.col.active"},
        formatters={"kind": table.label("bodykind"), "active": lambda v: tr("common.yes") if v else tr("common.no")})
else:
    st.info(tr("bodies.none"), icon=":material/info:")
for municipality, names in overview.shared.items():
    st.caption(tr("bodies.shared", municipality=municipality, bodies=", ".join(names)))
if overview.uncovered:
    st.warning(tr("bodies.uncovered", municipalities=", ".join(overview.uncovered)), icon=":material/warning:")

with st.expander(tr("bodies.new_heading"), expanded=not overview.bodies):
    generation = st.session_state.setdefault(NEW_FORM_KEY, 0)
    if body_form.show(actor, municipalities=overview.municipalities, body=None, key=f"new_body_{generation}"):
        st.session_state[NEW_FORM_KEY] = generation + 1
        st.rerun()

st.header(tr("bodies.edit_heading"))
names = {body.id: body.name for body in overview.bodies}
chosen = st.selectbox(tr("bodies.choose"), list(names), format_func=names.__getitem__, index=None,
                      placeholder=tr("bodies.choose_placeholder"), key="bodies_choose")
if chosen is not None and body_form.show(actor, municipalities=overview.municipalities,
                                         body=overview.body(chosen), key=f"edit_body_{chosen}"):
    st.rerun()
