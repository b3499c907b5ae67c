"""Tilgængelighedserklæring: the accessibility statement, in the structure Danish
public bodies use. Public: open to everyone, logged in or not, so it shows fixed
text only (the catalog and ui/accessibility.py), never stored data."""

import streamlit as st

from prize.i18n import format_day
from prize.text import mailto_link
from ui.accessibility import KNOWN_ISSUES, REVIEWED
from ui.context import locale, settings, tr
from ui.guard import require_public_page

actor = require_public_page("accessibility")

st.title(tr("nav.accessibility"))
st.markdown(tr("accessibility.intro"))
st.header(tr("accessibility.status_heading"))
st.markdown(tr("accessibility.status"))
st.header(tr("accessibility.missing_heading"))
st.markdown(tr("accessibility.missing_intro"))
st.markdown("\n".join(tr("accessibility.known_line", rule=issue.rule, text=tr(f"accessibility.known.{issue.key}"))
                      for issue in KNOWN_ISSUES))
st.markdown(tr("accessibility.streamlit_texts"))
st.header(tr("accessibility.how_heading"))
st.markdown(tr("accessibility.how", reviewed=format_day(REVIEWED, locale())))
st.header(tr("accessibility.report_heading"))
st.markdown(tr("accessibility.report", contact=mailto_link(settings().contact_email)))
st.header(tr("accessibility.complaint_heading"))
st.markdown(tr("accessibility.complaint"))
if actor is None:
    st.markdown(tr("accessibility.to_login"))
