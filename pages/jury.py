"""Placeholder while jury scoring is being built; replaced before the issue lands."""

import streamlit as st

from ui.context import tr
from ui.guard import require_page

actor = require_page("jury")
st.title(tr("nav.jury"))
