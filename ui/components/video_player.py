"""One presentation video as the viewer meets it, with its title and description as text.

An uploaded file plays in an HTML5 ``<video controls preload="metadata">`` whose
source is a signed link to the server's file route (``/files/<token>``): the
browser fetches only the ranges it plays, never this process, and seeking works.
Every attribute is escaped. A YouTube or Vimeo link plays in the platform's
player, embedded from an address built from the checked video id; any other
link is a plain link.
"""

from __future__ import annotations

from html import escape

import streamlit as st
from babel.numbers import format_decimal

from prize.filetypes import of_media_type
from prize.i18n import format_moment, t_plain
from prize.models import VideoKind
from prize.services.material import MEGABYTE
from prize.services.videos import VideoView
from prize.text import Markup
from ui.components import heading
from ui.context import locale, plain, plain_block, tr

EMBED_HEIGHT = 405  # 16:9 at the column's usual 720 pixels


def show(video: VideoView, *, key: str) -> None:
    with st.container(key=key):
        heading.label(plain(video.title))
        if video.description:
            st.markdown(plain_block(video.description))
        if video.kind == VideoKind.FILE:
            _file(video)
        elif video.embed_url:
            st.iframe(video.embed_url, height=EMBED_HEIGHT, alt=video.title)
            st.caption(tr("videos.player.details_link", platform=tr(f"videos.platform.{video.platform.value}"),
                          moment=format_moment(video.uploaded_at, locale())))
        else:
            st.link_button(tr("videos.player.open_link", title=video.title), video.url, icon=":material/open_in_new:")


def _file(video: VideoView) -> None:
    size = _megabytes(video.size_bytes)
    source = escape(video.file_url, quote=True)
    st.html(f'<video controls preload="metadata" src="{source}" aria-label="{escape(video.title, quote=True)}" '
            f'style="width:100%;max-width:720px;background:#000">'
            f'<a href="{source}">{escape(t_plain("videos.player.unsupported", locale()))}</a></video>'
            f'<p><a href="{source}" download="{escape(video.filename, quote=True)}">'
            f'{escape(t_plain("videos.player.download", locale(), title=video.title, size=size))}</a></p>')
    found = of_media_type(video.media_type)
    st.caption(tr("videos.player.details_file", type=tr(found.label_key) if found else video.media_type, size=size,
                  moment=format_moment(video.uploaded_at, locale())))


def _megabytes(size_bytes: int) -> Markup:
    return Markup(format_decimal(size_bytes / MEGABYTE, format="#,##0.0", locale=locale()))
