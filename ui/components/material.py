"""A nomination's material: the editor (upload, list, remove) and the read-only gallery.

Files are shown through short-lived signed links to the server's file route
(``/files/<token>``), never read into this process: ``st.image``, ``st.audio``
and ``st.video`` get a URL, and the browser fetches the file itself (with
ranges, so a video seeks). Streamlit takes a URL only when it is absolute, so a
link is prefixed with the address the visitor's browser uses.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st
from babel.numbers import format_decimal

from prize.actor import Actor
from prize.errors import PrizeError
from prize.filetypes import ACCEPTED, PICKER_EXTENSIONS, Kind
from prize.i18n import format_moment
from prize.services.material import (MEGABYTE, Material, MaterialLimits, add_attachment, file_links,
                                     may_change_material, material_of, remove_attachment)
from prize.storage import storage_for
from prize.text import Markup
from ui import auth
from ui.components import heading
from ui.context import db, locale, plain, settings, show_error, tr


# --- The editor -----------------------------------------------------------------------------

def show_editor(*, actor: Actor, nomination_id: int, key: str) -> None:
    """Upload, list and remove the nomination's files; an upload or a removal reruns only this part."""
    _editor(actor=actor, nomination_id=nomination_id, key=key)


@st.fragment
def _editor(*, actor: Actor, nomination_id: int, key: str) -> None:
    auth.rerun_app_if_login_ended()
    _show_outcomes(key)
    try:
        with db() as session:
            items = material_of(session, actor=actor, nomination_id=nomination_id)
            links = file_links(session, actor=actor, nomination_id=nomination_id, settings=settings())
            editable = may_change_material(session, actor=actor, nomination_id=nomination_id)
    except PrizeError as error:
        show_error(error)
        return
    limits = MaterialLimits.of(settings())
    st.caption(tr("material.editor.limits", document=limits.document_mb, media=limits.media_mb,
                  total=limits.nomination_mb, used=_megabytes(sum(item.size_bytes for item in items))))
    if not items:
        st.info(tr("material.editor.none"), icon=":material/upload_file:")
    for item in items:
        _editor_row(item, url=links[item.id], actor=actor, key=key, editable=editable)
    if not editable:
        st.info(tr("material.editor.closed"), icon=":material/lock:")
        return
    files = st.file_uploader(tr("material.editor.uploader"), help=tr("material.editor.uploader_help"),
                             type=[*PICKER_EXTENSIONS, *(accepted.media_type for accepted in ACCEPTED)],
                             accept_multiple_files=True, key=_uploader_key(key),
                             max_upload_size=max(limits.document_mb, limits.media_mb))
    if files:
        _upload(files, actor=actor, nomination_id=nomination_id, limits=limits, key=key)


def _editor_row(item: Material, *, url: str, actor: Actor, key: str, editable: bool) -> None:
    text, button = st.columns([5, 1], vertical_alignment="center")
    text.markdown(f"[{plain(item.display_name)}]({_absolute(url)})")
    text.caption(_details(item))
    if editable and button.button(tr("material.editor.remove"), key=f"{key}_remove_{item.id}",
                                  help=tr("material.editor.remove_help", name=item.display_name),
                                  icon=":material/delete:"):
        _remove(item, actor=actor, key=key)


def _upload(files, *, actor: Actor, nomination_id: int, limits: MaterialLimits, key: str) -> None:
    """Each file is its own transaction: one refused file does not undo the others."""
    storage = storage_for(settings().storage_dir)
    for file in files:
        try:
            with db() as session:
                added = add_attachment(session, actor=actor, storage=storage, nomination_id=nomination_id,
                                       filename=file.name, stream=file, limits=limits)
        except PrizeError as error:
            _remember(key, "error", error.message(locale()))
        else:
            _remember(key, "success", tr("material.editor.added", name=added.display_name))
    # A new uploader key empties the widget, so the files are not sent to the service again.
    st.session_state[_round_key(key)] = st.session_state.get(_round_key(key), 0) + 1
    st.rerun()


def _remove(item: Material, *, actor: Actor, key: str) -> None:
    try:
        with db() as session:
            remove_attachment(session, actor=actor, storage=storage_for(settings().storage_dir),
                              attachment_id=item.id)
    except PrizeError as error:
        _remember(key, "error", error.message(locale()))
    else:
        _remember(key, "success", tr("material.editor.removed", name=item.display_name))
    st.rerun()


def _round_key(key: str) -> str:
    return f"{key}_round"


def _uploader_key(key: str) -> str:
    return f"{key}_uploader_{st.session_state.get(_round_key(key), 0)}"


def _remember(key: str, kind: str, text: str) -> None:
    st.session_state.setdefault(f"{key}_outcomes", []).append((kind, text))


def _show_outcomes(key: str) -> None:
    for kind, text in st.session_state.pop(f"{key}_outcomes", []):
        (st.error if kind == "error" else st.success)(text, icon=":material/error:" if kind == "error" else None)


# --- The gallery ----------------------------------------------------------------------------

def show(*, actor: Actor, nomination_id: int, key: str) -> None:
    """The material as the reader meets it: pictures as thumbnails, audio and video
    playing in the page, documents to open or save."""
    try:
        with db() as session:
            items = material_of(session, actor=actor, nomination_id=nomination_id)
            links = {item_id: _absolute(path) for item_id, path in
                     file_links(session, actor=actor, nomination_id=nomination_id, settings=settings()).items()}
    except PrizeError as error:
        show_error(error)
        return
    if not items:
        st.info(tr("material.gallery.none"), icon=":material/info:")
        return
    with st.container(key=key):
        _pictures([item for item in items if item.kind == Kind.IMAGE], links)
        for item in items:
            if item.kind in (Kind.AUDIO, Kind.VIDEO):
                _player(item, links[item.id])
            elif item.kind == Kind.DOCUMENT:
                _document(item, links[item.id])


def _pictures(items: list[Material], links: dict[int, str]) -> None:
    for start in range(0, len(items), 4):
        for column, item in zip(st.columns(4), items[start:start + 4], strict=False):
            with column:
                # The caption shows the name; alt gives it to a screen reader as the picture's text
                # (an attribute, so the plain name, never Markdown).
                st.image(links[item.id], width=200, caption=plain(item.display_name), alt=item.display_name)


def _player(item: Material, url: str) -> None:
    heading.label(plain(item.display_name))
    if item.kind == Kind.VIDEO:
        st.video(url, format=item.media_type)
    else:
        st.audio(url, format=item.media_type)
    st.caption(_details(item))


def _document(item: Material, url: str) -> None:
    label = tr("material.gallery.open" if item.inline else "material.gallery.download", name=item.display_name)
    # The signed address is the app's own; the label is translated with the file's name escaped.
    st.markdown(tr("material.gallery.document", label=label, url=Markup(url)))
    st.caption(_details(item))


def _details(item: Material) -> Markup:
    return tr("material.gallery.details", kind=tr(f"material.kind.{item.kind.value}"), type=tr(item.type_key),
              size=_megabytes(item.size_bytes), moment=format_moment(item.uploaded_at, locale()))


def _megabytes(size_bytes: int) -> Markup:
    """A size in MB with one decimal, as the reader writes numbers: "12,3" in Danish."""
    return Markup(format_decimal(size_bytes / MEGABYTE, format="#,##0.0", locale=locale()))


def _absolute(path: str) -> str:
    """``path`` on the server the browser talks to: Streamlit reads a string that is not an
    absolute URL as a file name."""
    address = urlsplit(st.context.url or "")
    origin = f"{address.scheme}://{address.netloc}" if address.scheme and address.netloc else "http://localhost"
    return origin + path
