"""The year's criteria, each with its weight, scale and anchor texts; while they
may change, buttons to move, edit and remove each one and to add one. Frozen
criteria are shown read-only under the reason."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.services.criteria import CriterionInfo, YearCriteria, move_criterion, remove_criterion
from ui.components import criterion_form, flash
from ui.context import db, locale, plain_block, show_error, tr

NEW = 0  # the criterion being edited when it is a new one


def show(actor: Actor, sheet: YearCriteria, *, key: str) -> None:
    """Which criterion is being edited or removed is kept in the session under
    ``{key}_editing`` and ``{key}_removing``, so it survives reruns."""
    st.caption(tr("criteria.intro"))
    if sheet.locked is not None:
        st.info(sheet.locked.message(locale()), icon=":material/lock:")
    if not sheet.criteria:
        st.info(tr("criteria.none"), icon=":material/info:")
    editing = st.session_state.get(f"{key}_editing")
    if editing not in {NEW, *(criterion.id for criterion in sheet.criteria)}:
        editing = None  # the criterion was removed meanwhile, perhaps by another secretary
    for index, criterion in enumerate(sheet.criteria):
        with st.container(border=True, key=f"{key}_criterion_{criterion.id}"):
            _describe(criterion)
            if sheet.editable:
                _actions(actor, criterion, key=key, first=index == 0, last=index == len(sheet.criteria) - 1)
        if sheet.editable and editing == criterion.id:
            criterion_form.show(actor, year_id=sheet.year_id, criterion=criterion, key=key)
    if not sheet.editable:
        return
    if editing == NEW:
        criterion_form.show(actor, year_id=sheet.year_id, criterion=None, key=key)
    elif editing is None:
        st.button(tr("criteria.add"), key=f"{key}_add", icon=":material/add:",
                  on_click=_remember, args=(f"{key}_editing", NEW))


def _describe(criterion: CriterionInfo) -> None:
    st.markdown(tr("criteria.heading", position=criterion.position, title=criterion.title(locale())))
    st.caption(tr("criteria.summary", weight=_number(criterion.weight), low=criterion.scale_min,
                  high=criterion.scale_max))
    with st.expander(tr("criteria.details")):
        if criterion.description(locale()):
            st.markdown(plain_block(criterion.description(locale())))
        st.markdown("\n".join(
            "- " + tr("criteria.anchor_line", value=anchor.value, text=criterion.anchor_text(anchor.value, locale()))
            for anchor in criterion.anchors))


def _actions(actor: Actor, criterion: CriterionInfo, *, key: str, first: bool, last: bool) -> None:
    up, down, edit, remove = st.columns(4)
    moved = None
    if up.button(tr("criteria.move_up"), key=f"{key}_up_{criterion.id}", icon=":material/arrow_upward:",
                 disabled=first):
        moved = -1
    if down.button(tr("criteria.move_down"), key=f"{key}_down_{criterion.id}", icon=":material/arrow_downward:",
                   disabled=last):
        moved = 1
    edit.button(tr("criteria.edit"), key=f"{key}_edit_{criterion.id}", icon=":material/edit:",
                on_click=_remember, args=(f"{key}_editing", criterion.id))
    remove.button(tr("criteria.remove"), key=f"{key}_remove_{criterion.id}", icon=":material/delete:",
                  on_click=_remember, args=(f"{key}_removing", criterion.id))
    if moved is not None:
        _change(lambda session: move_criterion(session, actor=actor, criterion_id=criterion.id, by=moved))
    if st.session_state.get(f"{key}_removing") == criterion.id:
        _confirm_removal(actor, criterion, key=key)


def _confirm_removal(actor: Actor, criterion: CriterionInfo, *, key: str) -> None:
    st.warning(tr("criteria.confirm_remove", title=criterion.title(locale())))
    yes, no = st.columns(2)
    no.button(tr("common.cancel"), key=f"{key}_cancel_remove", on_click=_forget, args=(f"{key}_removing",))
    if yes.button(tr("criteria.confirm_yes"), key=f"{key}_confirm_remove", type="primary"):
        _forget(f"{key}_removing")
        _change(lambda session: remove_criterion(session, actor=actor, criterion_id=criterion.id),
                done=tr("criteria.removed", title=criterion.title(locale())))


def _change(call, *, done: str | None = None) -> None:
    try:
        with db() as session:
            call(session)
    except PrizeError as error:
        show_error(error)
    else:
        if done:
            flash.push(done)
        st.rerun()


def _remember(state_key: str, value: int) -> None:
    st.session_state[state_key] = value


def _forget(state_key: str) -> None:
    st.session_state.pop(state_key, None)


def _number(value: float) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if locale() == "da" else text
