"""The form for one criterion, new or changed: titles, descriptions, weight, scale
and an anchor text for every step. The anchor fields follow the scale as it is
typed; the service keeps the stored anchors consistent with the scale saved."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.models.criterion import ANCHOR_MAX, DESCRIPTION_MAX, SCALE_HIGHEST, SCALE_LOWEST, TITLE_MAX, WEIGHT_MAX
from prize.services.criteria import Anchor, CriterionDraft, CriterionInfo, add_criterion, edit_criterion
from ui.components import flash, heading
from ui.context import db, locale, show_error, tr

_BLANK = CriterionInfo(id=0, position=0, title_da="", title_en="", description_da="", description_en="",
                       weight=1.0, scale_min=1, scale_max=5, anchors=())


def show(actor: Actor, *, year_id: int, criterion: CriterionInfo | None, key: str) -> None:
    """Drawn while ``{key}_editing`` names the criterion (0 for a new one); saving or
    cancelling ends the editing."""
    base = criterion or _BLANK
    prefix = f"{key}_{base.id or 'new'}"
    with st.container(border=True, key=f"{prefix}_form"):
        st.header(tr("criteria.edit_heading", title=base.title(locale())) if criterion
                     else tr("criteria.new_heading"))
        draft = _fields(base, prefix=prefix)
        save, cancel = st.columns(2)
        cancel.button(tr("common.cancel"), key=f"{prefix}_cancel", on_click=_stop_editing, args=(key,))
        if save.button(tr("criteria.save"), key=f"{prefix}_save", type="primary"):
            _save(actor, year_id=year_id, criterion=criterion, draft=draft, key=key)


def _fields(base: CriterionInfo, *, prefix: str) -> CriterionDraft:
    title_da = st.text_input(tr("criteria.field.title_da"), value=base.title_da, max_chars=TITLE_MAX,
                             key=f"{prefix}_title_da")
    description_da = st.text_area(tr("criteria.field.description_da"), value=base.description_da,
                                  max_chars=DESCRIPTION_MAX, key=f"{prefix}_description_da")
    with st.expander(tr("criteria.english")):
        title_en = st.text_input(tr("criteria.field.title_en"), value=base.title_en, max_chars=TITLE_MAX,
                                 key=f"{prefix}_title_en")
        description_en = st.text_area(tr("criteria.field.description_en"), value=base.description_en,
                                      max_chars=DESCRIPTION_MAX, key=f"{prefix}_description_en")
    weight_column, low_column, high_column = st.columns(3)
    weight = weight_column.number_input(tr("criteria.field.weight"), min_value=0.0, max_value=WEIGHT_MAX,
                                        value=float(base.weight), step=0.5, format="%.2f", key=f"{prefix}_weight")
    low = low_column.number_input(tr("criteria.field.scale_min"), min_value=SCALE_LOWEST, max_value=SCALE_HIGHEST,
                                  value=base.scale_min, step=1, key=f"{prefix}_scale_min")
    high = high_column.number_input(tr("criteria.field.scale_max"), min_value=SCALE_LOWEST,
                                    max_value=SCALE_HIGHEST, value=base.scale_max, step=1, key=f"{prefix}_scale_max")
    return CriterionDraft(title_da=title_da, title_en=title_en, description_da=description_da,
                          description_en=description_en, weight=float(weight), scale_min=int(low),
                          scale_max=int(high), anchors=_anchor_fields(base, low=int(low), high=int(high),
                                                                      prefix=prefix))


def _anchor_fields(base: CriterionInfo, *, low: int, high: int, prefix: str) -> tuple[Anchor, ...]:
    heading.label(tr("criteria.anchors_heading"))
    if low >= high:
        st.caption(tr("criteria.anchors_none"))
        return ()
    stored = {anchor.value: anchor for anchor in base.anchors}
    anchors = []
    for value in range(low, high + 1):
        known = stored.get(value, Anchor(value))
        danish, english = st.columns(2)
        anchors.append(Anchor(value, danish.text_input(
            tr("criteria.anchor_step", value=value), value=known.text_da, max_chars=ANCHOR_MAX,
            key=f"{prefix}_anchor_{value}_da"), english.text_input(
            tr("criteria.anchor_step_en", value=value), value=known.text_en, max_chars=ANCHOR_MAX,
            key=f"{prefix}_anchor_{value}_en")))
    return tuple(anchors)


def _save(actor: Actor, *, year_id: int, criterion: CriterionInfo | None, draft: CriterionDraft, key: str) -> None:
    try:
        with db() as session:
            if criterion is None:
                saved = add_criterion(session, actor=actor, year_id=year_id, draft=draft)
            else:
                saved = edit_criterion(session, actor=actor, criterion_id=criterion.id, draft=draft)
    except PrizeError as error:
        show_error(error)
    else:
        _stop_editing(key)
        flash.push(tr("criteria.added" if criterion is None else "criteria.saved", title=saved.title(locale())))
        st.rerun()


def _stop_editing(key: str) -> None:
    st.session_state.pop(f"{key}_editing", None)
