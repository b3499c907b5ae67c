"""The form that creates a nominator's new draft: candidate, kind and municipality."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.models.nomination import NAME_MAX, CandidateKind
from prize.services.nominations import NewNominationChoices, create_nomination
from ui.components import flash
from ui.context import db, locale, show_error, tr


def show(*, actor: Actor, year_id: int, choices: NewNominationChoices, key: str) -> int | None:
    """The id of the draft created in this run, if any; the reason no draft can be
    created (the body's limit, the deadline, the phase) instead of the form."""
    if choices.refusal is not None:
        st.info(choices.refusal.message(locale()), icon=":material/block:")
        return None
    with st.form(key, clear_on_submit=True, enter_to_submit=False):
        name = st.text_input(tr("fields.candidate_name"), max_chars=NAME_MAX)
        kinds = {kind: tr(f"labels.candidatekind.{kind.value}") for kind in CandidateKind}
        kind = st.selectbox(tr("fields.candidate_kind"), list(kinds), format_func=kinds.__getitem__,
                            placeholder=tr("common.choose"))
        municipalities = choices.municipalities
        municipality = st.selectbox(tr("fields.municipality"), list(municipalities),
                                    format_func=municipalities.__getitem__, placeholder=tr("common.choose"))
        submitted = st.form_submit_button(tr("form.new.create"), type="primary")
    if not submitted:
        return None
    try:
        with db() as session:
            created = create_nomination(session, actor=actor, year_id=year_id, name=name, kind=kind,
                                        municipality_id=municipality)
    except PrizeError as error:
        show_error(error)
        return None
    flash.push(tr("form.page.created", name=name.strip()))
    return created
