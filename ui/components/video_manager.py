"""The secretariat's videos of one finalist: each video playing, with its state, its
texts to edit, publish or take off the public page, and remove; and the form that adds
an uploaded file or a link. ``prize.services.videos`` refuses what the rules do not
allow; the outcome is shown on the page after the change."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.models import VideoKind
from prize.models.outcome import VIDEO_DESCRIPTION_MAX, VIDEO_TITLE_MAX, VIDEO_URL_MAX
from prize.services.material import MaterialLimits
from prize.services.videos import (VIDEO_EXTENSIONS, VIDEO_MEDIA_TYPES, FinalistVideos, VideoView, add_video_file,
                                   add_video_link, edit_video, remove_video, set_video_published)
from prize.storage import storage_for
from ui.components import flash, video_player
from ui.context import db, settings, show_error, tr


def show(finalist: FinalistVideos, *, actor: Actor, key: str) -> None:
    with st.container(key=key, border=True):
        st.header(tr("videos.finalist_heading", position=finalist.position, name=finalist.name,
                        municipality=finalist.municipality))
        if not finalist.videos:
            st.caption(tr("videos.no_videos"))
        for video in finalist.videos:
            _video(video, actor=actor, key=f"{key}_{video.id}")
        with st.expander(tr("videos.form.add_heading", name=finalist.name)):
            _add_form(finalist, actor=actor, key=f"{key}_add")


def _video(video: VideoView, *, actor: Actor, key: str) -> None:
    video_player.show(video, key=f"{key}_player")
    st.caption(tr("videos.state_published" if video.published else "videos.state_unpublished"))
    publish, remove = st.columns(2)
    if publish.button(tr("videos.form.unpublish" if video.published else "videos.form.publish"), key=f"{key}_pub",
                      icon=":material/public_off:" if video.published else ":material/public:"):
        _change(lambda session: set_video_published(session, actor=actor, video_id=video.id,
                                                    published=not video.published),
                "videos.unpublished" if video.published else "videos.published")
    if remove.button(tr("videos.form.remove"), key=f"{key}_remove", icon=":material/delete:",
                     help=tr("videos.form.remove_help", title=video.title)):
        _change(lambda session: remove_video(session, actor=actor, storage=storage_for(settings().storage_dir),
                                             video_id=video.id), "videos.removed")
    with st.expander(tr("videos.form.edit_heading")), st.form(key=f"{key}_edit", enter_to_submit=False):
        title = st.text_input(tr("videos.field.title"), value=video.title, max_chars=VIDEO_TITLE_MAX)
        description = st.text_area(tr("videos.field.description"), value=video.description,
                                   max_chars=VIDEO_DESCRIPTION_MAX)
        if st.form_submit_button(tr("videos.form.save")):
            _change(lambda session: edit_video(session, actor=actor, video_id=video.id, title=title,
                                               description=description), "videos.saved")


def _add_form(finalist: FinalistVideos, *, actor: Actor, key: str) -> None:
    limits = MaterialLimits.of(settings())
    kind = st.radio(tr("videos.field.kind"), list(VideoKind), key=f"{key}_kind", horizontal=True,
                    format_func=lambda option: tr(f"videos.kind.{option.value}"))
    with st.form(key=f"{key}_form", clear_on_submit=True, enter_to_submit=False):
        title = st.text_input(tr("videos.field.title"), max_chars=VIDEO_TITLE_MAX, key=f"{key}_title")
        description = st.text_area(tr("videos.field.description"), max_chars=VIDEO_DESCRIPTION_MAX,
                                   key=f"{key}_description")
        if kind == VideoKind.FILE:
            upload = st.file_uploader(tr("videos.field.file"), type=[*VIDEO_EXTENSIONS, *VIDEO_MEDIA_TYPES],
                                      help=tr("videos.form.file_help", limit=limits.media_mb),
                                      max_upload_size=limits.media_mb, key=f"{key}_file")
        else:
            url = st.text_input(tr("videos.field.url"), max_chars=VIDEO_URL_MAX, help=tr("videos.form.url_help"),
                                key=f"{key}_url")
        published = st.checkbox(tr("videos.field.published"), key=f"{key}_published")
        if not st.form_submit_button(tr("videos.form.add"), type="primary", key=f"{key}_submit"):
            return
    texts = {"actor": actor, "nomination_id": finalist.nomination_id, "title": title, "description": description,
             "published": published}
    if kind == VideoKind.FILE:
        _change(lambda session: add_video_file(
            session, storage=storage_for(settings().storage_dir), filename=upload.name if upload else "",
            stream=upload, limits=limits, **texts), "videos.added", name=finalist.name)
    else:
        _change(lambda session: add_video_link(session, url=url, **texts), "videos.added", name=finalist.name)


def _change(change: Callable, outcome_key: str, **params: object) -> None:
    try:
        with db() as session:
            changed = change(session)
    except PrizeError as error:
        show_error(error)
    else:
        flash.push(tr(outcome_key, title=changed.title, **params))
        st.rerun()
