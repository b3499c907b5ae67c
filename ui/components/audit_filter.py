"""The audit trail's filter: the user who acted, the object type, the candidate and a span
of days in Danish time (both days included)."""

from __future__ import annotations

import streamlit as st

from prize.exports.audit import entity_label
from prize.i18n import danish_sort_key
from prize.services.audit import AuditChoices, AuditFilter
from ui.context import locale, tr

_DATE_FORMAT = "DD.MM.YYYY"


def show(choices: AuditChoices, *, key: str) -> AuditFilter:
    first, second, third = st.columns(3)
    users, candidates = choices.users, choices.candidates
    choose = tr("common.choose")  # never shown: each box starts on None, "Alle"
    actor_id = first.selectbox(tr("audit.filter.user"), [None, *users], key=f"{key}_user",
                               placeholder=choose,
                               format_func=lambda user_id: tr("audit.filter.any") if user_id is None
                               else users[user_id])
    types = sorted(choices.object_types, key=lambda code: danish_sort_key(entity_label(code, locale())))
    entity = second.selectbox(tr("audit.filter.object_type"), [None, *types], key=f"{key}_entity",
                              placeholder=choose,
                              format_func=lambda code: tr("audit.filter.any") if code is None
                              else entity_label(code, locale()))
    nomination_id = third.selectbox(
        tr("audit.filter.candidate"), [None, *candidates], key=f"{key}_candidate",
        placeholder=choose,
        format_func=lambda chosen: tr("audit.filter.any") if chosen is None else candidates[chosen])
    since_column, until_column = st.columns(2)
    since = since_column.date_input(tr("audit.filter.since"), value=None, format=_DATE_FORMAT, key=f"{key}_since")
    until = until_column.date_input(tr("audit.filter.until"), value=None, format=_DATE_FORMAT, key=f"{key}_until")
    if since is not None and until is not None and since > until:
        st.warning(tr("audit.filter.span_reversed"), icon=":material/warning:")
    return AuditFilter(actor_id=actor_id, entity=entity, nomination_id=nomination_id, since=since, until=until)
