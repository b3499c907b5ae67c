"""The public finalists page (``/finalister?year=2020``): the published finalists of a year
with their name, municipality, summary and published videos, and the year's press kit.
The same page before login and in every role's menu; it shows nothing but what
``prize.services.videos.public_finalists`` hands it: no score, no contact, no unpublished video."""

from __future__ import annotations

import streamlit as st

from prize.exports.press_kit import press_kit_path
from prize.services.videos import PublicFinalist, public_finalists, public_years
from ui.components import video_player
from ui.context import db, plain, plain_block, settings, tr

YEAR_PARAMETER = "year"


def show() -> None:
    st.title(tr("videos.public.title"))
    st.markdown(tr("videos.public.intro"))
    with db() as session:
        years = public_years(session)
        chosen = _chosen_year(years)
        public = public_finalists(session, year=chosen, settings=settings()) if chosen is not None else None
    if not years:
        st.info(tr("videos.public.no_years"), icon=":material/info:")
        return
    if len(years) > 1:
        st.selectbox(tr("videos.public.year_pick"), years, index=years.index(chosen) if chosen in years else None,
                     key="public_finalists_year", on_change=_choose_year, placeholder=tr("common.choose"))
    if public is None:
        st.info(tr("videos.public.no_year", year=chosen), icon=":material/info:")
        return
    st.header(tr("videos.public.year_title", title=public.title))
    st.link_button(tr("videos.public.press_kit", year=public.year), press_kit_path(public.year),
                   help=tr("videos.public.press_kit_help"), icon=":material/folder_zip:")
    for finalist in public.finalists:
        _finalist(finalist)


def _chosen_year(years: tuple[int, ...]) -> int | None:
    """The year the address asks for (``?year=2020``), else the newest public one."""
    asked = st.query_params.get(YEAR_PARAMETER, "")
    if asked.isdigit() and len(asked) == 4:
        return int(asked)
    return years[0] if years else None


def _choose_year() -> None:
    st.query_params[YEAR_PARAMETER] = str(st.session_state["public_finalists_year"])


def _finalist(finalist: PublicFinalist) -> None:
    with st.container(key=f"public_finalist_{finalist.nomination_id}", border=True):
        st.subheader(plain(finalist.name))
        st.caption(tr("videos.public.municipality", municipality=finalist.municipality))
        st.markdown(plain_block(finalist.summary) if finalist.summary else tr("videos.public.no_summary"))
        if not finalist.videos:
            st.caption(tr("videos.public.videos_none"))
        for video in finalist.videos:
            video_player.show(video, key=f"public_video_{video.id}")
