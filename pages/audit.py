"""Revisionsspor: the secretariat reads who changed what and when, filtered, and downloads it as CSV."""

from datetime import UTC, datetime

import streamlit as st

from prize.errors import PrizeError
from prize.exports.audit import AuditCsv
from prize.services.audit import audit_choices, audit_trail
from ui.components import audit_filter, audit_table
from ui.context import db, locale, show_error, tr
from ui.guard import require_page

actor = require_page("audit")

st.title(tr("audit.title"))
st.caption(tr("audit.intro"))
try:
    with db() as session:
        choices = audit_choices(session, actor=actor)
    chosen = audit_filter.show(choices, key="audit_filter")
    with db() as session:
        frame = audit_trail(session, actor=actor, chosen=chosen)
except PrizeError as error:
    show_error(error)
    st.stop()

st.markdown(tr("audit.count", count=len(frame)))
if frame.empty:
    st.info(tr("audit.none"), icon=":material/info:")
    st.stop()
audit_table.show(frame, key="audit_table")
exporter = AuditCsv(chosen=chosen, locale=locale())
# The file is written when the button is pressed, from the entries shown now.
st.download_button(tr("audit.download"), data=lambda: exporter.export_rows(frame, actor=actor).content,
                   file_name=exporter.filename(now=datetime.now(UTC)), mime=exporter.media_type,
                   on_click="ignore", icon=":material/download:", key="audit_download")
