"""Drift: what the region's IT department asks of the app; for now the backup download."""

import streamlit as st

from ui.components import backup_link
from ui.context import tr
from ui.guard import require_page

actor = require_page("operations")

st.title(tr("nav.operations"))
backup_link.show(actor, key="backup")
