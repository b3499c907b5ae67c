"""Placeholder while the intake is being built; replaced before the issue lands."""

import streamlit as st

from ui.context import tr
from ui.guard import require_page

actor = require_page("setup")
st.title(tr("nav.setup"))
