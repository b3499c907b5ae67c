"""The form for a nominating body, new or changed: name, kind, the municipalities
it covers, its nominations per year and whether it is active."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.models import BodyKind
from prize.models.place import BODY_NAME_MAX, NOMINATION_LIMIT_MAX
from prize.services.bodies import BodyDraft, BodyInfo, add_body, edit_body
from ui.components import flash
from ui.context import db, show_error, tr


def show(actor: Actor, *, municipalities: dict[int, str], body: BodyInfo | None, key: str) -> bool:
    """Draw the form; True once the body is saved (the caller may then clear it)."""
    kinds = list(BodyKind)
    with st.form(key, enter_to_submit=False):
        name = st.text_input(tr("bodies.field.name"), value=body.name if body else "", max_chars=BODY_NAME_MAX,
                             key=f"{key}_name")
        kind = st.selectbox(tr("bodies.field.kind"), kinds, index=kinds.index(body.kind) if body else 0,
                            format_func=lambda k: tr(f"labels.bodykind.{k.value}"), key=f"{key}_kind",
                            placeholder=tr("common.choose"))
        covered = st.multiselect(tr("bodies.field.municipalities"), list(municipalities),
                                 default=list(body.municipality_ids) if body else [],
                                 format_func=municipalities.__getitem__, key=f"{key}_municipalities",
                                 placeholder=tr("common.choose_many"))
        limit = st.number_input(tr("bodies.field.nomination_limit"), min_value=1, max_value=NOMINATION_LIMIT_MAX,
                                value=body.nomination_limit if body else 1, step=1,
                                help=tr("bodies.limit_help", max=NOMINATION_LIMIT_MAX), key=f"{key}_limit")
        active = st.checkbox(tr("bodies.field.active"), value=body.active if body else True,
                             help=tr("bodies.active_help"), key=f"{key}_active")
        submitted = st.form_submit_button(tr("bodies.save" if body else "bodies.create"), type="primary")
    if not submitted:
        return False
    draft = BodyDraft(name=name, kind=kind, municipality_ids=tuple(covered), nomination_limit=int(limit),
                      active=active)
    try:
        with db() as session:
            saved = edit_body(session, actor=actor, body_id=body.id, draft=draft) if body else add_body(
                session, actor=actor, draft=draft)
    except PrizeError as error:
        show_error(error)
        return False
    flash.push(tr("bodies.saved" if body else "bodies.created", name=saved.name))
    return True
