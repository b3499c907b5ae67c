"""The privacy notice ("Privatlivspolitik"): what the app stores, why, for how long and whom
to contact. The region's own texts come from the settings; an empty setting shows the
catalog's text. Drawn for a visitor before login and as a page of the menu."""

from __future__ import annotations

import streamlit as st

from prize.settings import Settings
from prize.text import Markup
from ui.context import plain_block, settings, tr

# The notice's sections that a setting (``privacy_<name>``) may replace, in order.
_SET_BY_REGION = ("controller", "stored", "purpose")


def show() -> None:
    config = settings()
    st.title(tr("privacy.title"))
    st.caption(tr("privacy.subtitle"))
    for name in _SET_BY_REGION:
        st.header(tr(f"privacy.notice.{name}_heading"))
        st.markdown(_text(config, name))
    st.header(tr("privacy.notice.retention_heading"))
    st.markdown(tr("privacy.notice.retention", years=config.retention_years))
    st.markdown(tr("privacy.notice.audit"))
    st.header(tr("privacy.notice.rights_heading"))
    st.markdown(tr("privacy.notice.rights"))
    st.header(tr("privacy.notice.contact_heading"))
    st.markdown(_text(config, "contact"))


def _text(config: Settings, name: str) -> Markup:
    """The region's text for a section, shown literally, or the catalog's."""
    configured = getattr(config, f"privacy_{name}")
    return plain_block(configured) if configured.strip() else tr(f"privacy.notice.default.{name}")
