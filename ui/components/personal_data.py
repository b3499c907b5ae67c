"""The secretariat's answer to a person's request: find them by name, e-mail or username,
download everything the app holds about them, or erase it with a reason."""

from __future__ import annotations

from functools import partial

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.i18n import t_plain
from prize.services.personal_data import (REASON_MAX, Person, PersonMatch, as_json, erase_personal_data,
                                          export_personal_data, find_people)
from ui.components import flash, heading
from ui.context import db, locale, show_error, tr


def show(actor: Actor, *, key: str) -> None:
    st.subheader(tr("privacy.admin.heading"))
    st.caption(tr("privacy.admin.intro"))
    text = st.text_input(tr("privacy.admin.search"), max_chars=254, key=f"{key}_search")
    if not text.strip():
        return
    try:
        with db() as session:
            matches = find_people(session, actor=actor, text=text)
    except PrizeError as error:
        show_error(error)
        return
    if not matches:
        st.info(tr("privacy.admin.none_found"))
        return
    labels = [_label(match) for match in matches]
    chosen = st.selectbox(tr("privacy.admin.choose"), range(len(matches)), format_func=labels.__getitem__,
                          key=f"{key}_person", placeholder=tr("common.choose"))
    person = matches[chosen].person
    st.download_button(tr("privacy.admin.download"), data=partial(_export, actor, person),
                       file_name=_file_name(person), mime="application/json", key=f"{key}_download",
                       icon=":material/download:")
    _erase_form(actor, person, key=key)


def _label(match: PersonMatch) -> str:
    """Plain text for the select box, which shows no Markdown."""
    if match.role is None:
        return t_plain("privacy.admin.contact_label", locale(), name=match.name, email=match.email,
                       count=match.contact_of)
    return t_plain("privacy.admin.user_label", locale(), name=match.name, username=match.username,
                   role=t_plain(f"labels.role.{match.role.value}", locale()), email=match.email)


def _file_name(person: Person) -> str:
    """No name or e-mail in the file name, which a download folder keeps."""
    return f"persondata-bruger-{person.user_id}.json" if person.user_id else "persondata-kontaktperson.json"


def _export(actor: Actor, person: Person) -> bytes:
    """Made at the click: the rule book is asked, and the export audited, then."""
    with db() as session:
        return as_json(export_personal_data(session, actor=actor, person=person))


def _erase_form(actor: Actor, person: Person, *, key: str) -> None:
    with st.form(f"{key}_erase", enter_to_submit=False):
        heading.label(tr("privacy.admin.erase_heading"))
        st.warning(tr("privacy.admin.erase_warning"), icon=":material/warning:")
        reason = st.text_area(tr("privacy.reason_field"), max_chars=REASON_MAX)
        confirmed = st.checkbox(tr("privacy.admin.confirm"))
        submitted = st.form_submit_button(tr("privacy.admin.erase"), type="primary")
    if not submitted:
        return
    if not confirmed:
        st.warning(tr("privacy.admin.confirm_first"))
        return
    try:
        with db() as session:
            erasure = erase_personal_data(session, actor=actor, person=person, reason=reason)
    except PrizeError as error:
        show_error(error)
        return
    if erasure.user_reference:
        flash.push(tr("privacy.admin.erased_user", reference=erasure.user_reference, count=len(erasure.nominations)))
    else:
        flash.push(tr("privacy.admin.erased_contact", count=len(erasure.nominations)))
    st.session_state.pop(f"{key}_search", None)  # the erased person is no longer found
    st.rerun()
