"""A finalist's videos for those who may watch them: the jury on its final-round sheet,
the finalist's nominator and village contact on their own nomination. Nothing is drawn
for a candidate that is no finalist, or for a viewer the rule book does not name."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.services.videos import may_watch_videos, watchable_videos
from ui.components import video_player
from ui.context import db, settings, show_error, tr


def show(*, actor: Actor, nomination_id: int, key: str) -> None:
    try:
        with db() as session:
            if not may_watch_videos(session, actor=actor, nomination_id=nomination_id):
                return
            videos = watchable_videos(session, actor=actor, nomination_id=nomination_id, settings=settings())
    except PrizeError as error:
        show_error(error)
        return
    with st.container(key=key):
        st.subheader(tr("videos.player.heading"))
        if not videos:
            st.info(tr("videos.no_videos"), icon=":material/videocam_off:")
        for video in videos:
            video_player.show(video, key=f"{key}_{video.id}")
