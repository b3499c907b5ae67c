"""The juror's score sheet for one candidate, drawn as a fragment: a score or a
comment is saved at once through the service and reruns only the sheet.

The versions the juror saw travel with each save, so a save from a stale tab is
refused; after any refusal the sheet's widgets are dropped and drawn again from
what is stored."""

from __future__ import annotations

import streamlit as st
from babel.numbers import format_decimal

from prize.actor import Actor
from prize.errors import PrizeError
from prize.i18n import format_moment
from prize.models.score import SCORE_COMMENT_MAX, SHEET_COMMENT_MAX
from prize.services import scoring
from prize.services.scoring import CriterionLine, SheetView
from ui import auth
from ui.context import db, locale, plain, show_error, tr


def show(*, actor: Actor, round_id: int, nomination_id: int, key: str) -> None:
    _sheet(actor=actor, round_id=round_id, nomination_id=nomination_id, key=key)


@st.fragment
def _sheet(*, actor: Actor, round_id: int, nomination_id: int, key: str) -> None:
    auth.rerun_app_if_login_ended()
    st.subheader(tr("scoring.sheet.heading"))
    if error := st.session_state.pop(f"{key}_error", None):
        show_error(error)
    try:
        with db() as session:
            sheet = scoring.sheet_view(session, actor=actor, round_id=round_id, nomination_id=nomination_id,
                                       locale=locale())
    except PrizeError as error:
        show_error(error)
        return
    editable = sheet.is_open and sheet.submitted_at is None
    if not sheet.is_open:
        st.warning(tr("scoring.sheet.closed"), icon=":material/lock:")
    for criterion in sheet.criteria:
        _criterion(criterion, sheet=sheet, actor=actor, key=key, editable=editable)
    _overall(sheet, actor=actor, key=key, editable=editable)


def _criterion(criterion: CriterionLine, *, sheet: SheetView, actor: Actor, key: str, editable: bool) -> None:
    with st.container(border=True, key=f"{key}_criterion_{criterion.id}"):
        st.markdown(tr("scoring.sheet.criterion", position=criterion.position, title=criterion.title,
                       weight=tr("scoring.sheet.weight", weight=format_decimal(criterion.weight, locale=locale()))))
        if criterion.description:
            st.caption(plain(criterion.description))
        with st.expander(tr("scoring.sheet.anchors")):
            st.markdown("  \n".join(tr("scoring.sheet.anchor", value=value, text=text)
                                    for value, text in criterion.anchors))
        line = sheet.scores.get(criterion.id)
        steps = list(range(criterion.scale_min, criterion.scale_max + 1))
        st.radio(tr("scoring.sheet.score", low=criterion.scale_min, high=criterion.scale_max), steps,
                 index=steps.index(line.value) if line else None, horizontal=True, disabled=not editable,
                 key=f"{key}_score_{criterion.id}", on_change=_save, args=(
                     scoring.record_score, key, f"{key}_score_{criterion.id}", "value"),
                 kwargs=_ids(actor, sheet) | {"criterion_id": criterion.id,
                                              "expected_version": sheet.score_version(criterion.id)})
        st.text_area(tr("scoring.sheet.criterion_comment"), value=line.comment if line else "",
                     max_chars=SCORE_COMMENT_MAX, disabled=not editable or line is None, height=68,
                     key=f"{key}_comment_{criterion.id}", on_change=_save, args=(
                         scoring.record_criterion_comment, key, f"{key}_comment_{criterion.id}", "comment"),
                     kwargs=_ids(actor, sheet) | {"criterion_id": criterion.id,
                                                  "expected_version": sheet.score_version(criterion.id)})


def _overall(sheet: SheetView, *, actor: Actor, key: str, editable: bool) -> None:
    st.text_area(tr("scoring.sheet.comment"), value=sheet.comment, max_chars=SHEET_COMMENT_MAX, disabled=not editable,
                 key=f"{key}_overall", on_change=_save, args=(scoring.record_sheet_comment, key, f"{key}_overall",
                                                              "comment"),
                 kwargs=_ids(actor, sheet) | {"expected_version": sheet.version})
    total = sheet.total()
    st.metric(tr("scoring.sheet.total_label"), "-" if total is None else format_decimal(
        round(total, 2), locale=locale()))
    if sheet.submitted_at is not None:
        st.success(tr("scoring.sheet.submitted", moment=format_moment(sheet.submitted_at, locale())),
                   icon=":material/task_alt:")
        if sheet.is_open:
            st.button(tr("scoring.sheet.reopen"), key=f"{key}_reopen", on_click=_act, args=(scoring.reopen_sheet, key),
                      kwargs=_ids(actor, sheet) | {"expected_version": sheet.version})
        return
    if missing := sheet.missing():
        st.caption(tr("scoring.sheet.missing", count=len(missing)))
    st.button(tr("scoring.sheet.submit"), type="primary", disabled=not editable, key=f"{key}_submit",
              on_click=_act, args=(scoring.submit_sheet, key),
              kwargs=_ids(actor, sheet) | {"expected_version": sheet.version})


def _ids(actor: Actor, sheet: SheetView) -> dict:
    return {"actor": actor, "round_id": sheet.round_id, "nomination_id": sheet.nomination_id}


def _save(save, key: str, widget_key: str, field: str, **arguments) -> None:
    """Save the widget's new value; a refusal is shown and the sheet drawn again from what is stored."""
    value = st.session_state.get(widget_key)
    if field == "value" and value is None:
        return
    _act(save, key, **arguments, **{field: value if field == "value" else value or ""})


def _act(action, key: str, **arguments) -> None:
    """Run the sheet's ``action``; nothing once the login has ended elsewhere: a callback
    runs before app.py checks the login (the run that follows shows the login form)."""
    if auth.login_ended():
        return
    try:
        with db() as session:
            action(session, **arguments)
    except PrizeError as error:
        st.session_state[f"{key}_error"] = error
        for widget in [name for name in st.session_state if str(name).startswith(f"{key}_")
                       and not str(name).endswith("_error")]:
            del st.session_state[widget]
