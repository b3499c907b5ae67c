"""What is done to a nomination as a whole: submit it (naming exactly what it still
lacks), its receipt, the village contact's login, deleting a draft."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.errors import NominationIncomplete, PrizeError
from prize.i18n import format_moment
from prize.mail.links import MailLinks
from prize.phases import NominationStatus
from prize.services.nominations import NominationDetail, delete_draft, submit_nomination
from prize.storage import storage_for
from ui.components import flash, receipt, village_invite
from ui.context import db, locale, settings, show_error, tr


def show(*, actor: Actor, detail: NominationDetail, key: str) -> None:
    _submission(actor, detail, key)
    village_invite.show(actor=actor, detail=detail, key=f"{key}_invite")
    if detail.may_delete:
        _delete(actor, detail, key)


def _submission(actor: Actor, detail: NominationDetail, key: str) -> None:
    st.subheader(tr("form.heading.submission"))
    if detail.status != NominationStatus.DRAFT:
        st.success(tr("form.submission.submitted_line", moment=format_moment(detail.submitted_at, locale())),
                   icon=":material/task_alt:")
        receipt.show(actor=actor, nomination_id=detail.id, key=f"{key}_receipt")
        return
    if detail.missing:
        st.warning(NominationIncomplete(missing=detail.missing).message(locale()), icon=":material/checklist:")
    else:
        st.success(tr("form.submission.complete"), icon=":material/check:")
    if not detail.may_submit:
        if detail.may_edit:
            st.caption(tr("form.submission.by_nominator", body=detail.nominating_body))
        return
    if st.button(tr("form.submission.submit"), type="primary", key=f"{key}_submit"):
        try:
            with db() as session:
                submit_nomination(session, actor=actor, nomination_id=detail.id,
                                  links=MailLinks.of(settings()))
        except PrizeError as error:
            show_error(error)
            return
        flash.push(tr("form.submission.submitted", name=detail.name))
        st.rerun()


def _delete(actor: Actor, detail: NominationDetail, key: str) -> None:
    """Two steps: the button opens a confirmation, kept open in the session state."""
    confirming = f"{key}_deleting"
    st.subheader(tr("form.heading.delete"))
    if not st.session_state.get(confirming):
        st.button(tr("form.delete.open"), key=f"{key}_delete_open", on_click=_set, args=(confirming, True))
        return
    st.warning(tr("form.delete.confirm", name=detail.name), icon=":material/warning:")
    yes, no = st.columns(2)
    no.button(tr("common.cancel"), key=f"{key}_delete_cancel", on_click=_set, args=(confirming, False))
    if not yes.button(tr("form.delete.yes"), type="primary", key=f"{key}_delete_yes"):
        return
    try:
        with db() as session:
            delete_draft(session, actor=actor, nomination_id=detail.id, storage=storage_for(settings().storage_dir))
    except PrizeError as error:
        show_error(error)
        return
    st.session_state.pop(confirming, None)
    flash.push(tr("form.page.deleted", name=detail.name))
    st.rerun()


def _set(state_key: str, value: bool) -> None:
    st.session_state[state_key] = value
