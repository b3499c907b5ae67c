"""Videoer: the secretariat attaches presentation videos to each finalist, publishes them on
the public finalists page, and links to that page and its press kit."""

import streamlit as st

from prize.errors import PrizeError
from prize.exports.press_kit import press_kit_path, public_page_path
from prize.services.material import MaterialLimits
from prize.services.videos import finalists_with_videos, videos_refusal
from prize.services.years import require_current_year
from ui.components import flash, video_manager
from ui.context import db, locale, settings, show_error, tr
from ui.guard import require_page

actor = require_page("videos")

st.title(tr("nav.videos"))
flash.show()
try:
    with db() as session:
        year = require_current_year(session)
        refusal = videos_refusal(actor=actor, year=year)
        finalists = () if refusal else finalists_with_videos(session, actor=actor, year=year, settings=settings())
except PrizeError as error:
    show_error(error)
    st.stop()

st.caption(tr("videos.year_line", title=year.title, phase=tr(f"labels.phase.{year.phase.value}")))
if refusal is not None:
    st.info(refusal.message(locale()), icon=":material/schedule:")
    st.stop()
st.markdown(tr("videos.intro", limit=MaterialLimits.of(settings()).media_mb))
public, kit = st.columns(2)
public.link_button(tr("videos.public_page"), public_page_path(year.year), icon=":material/public:")
kit.link_button(tr("videos.press_kit"), press_kit_path(year.year), icon=":material/folder_zip:")
if not finalists:
    st.info(tr("videos.no_finalists"), icon=":material/info:")
for finalist in finalists:
    video_manager.show(finalist, actor=actor, key=f"videos_{finalist.nomination_id}")
