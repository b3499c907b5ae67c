"""The jury's shared notes of each finalist's presentation: read by the jury and the
secretariat, written by them in the final round. A conflicted juror sees neither."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.models.recommendation import NOTES_MAX_LENGTH
from prize.permissions import Action, PresentationTarget, can
from prize.services.presentations import write_presentation_notes
from prize.services.years import YearInfo
from ui.components import flash
from ui.context import db, plain, plain_block, show_error, tr


def show(*, actor: Actor, year: YearInfo, schedule: pd.DataFrame, key: str) -> None:
    with st.container(key=key):
        st.header(tr("presentations.notes_heading"))
        st.caption(tr("presentations.notes_caption"))
        for row in schedule.itertuples():
            with st.expander(plain(row.candidate)):
                _notes(actor=actor, year=year, row=row, key=f"{key}_{row.nomination_id}")


def _notes(*, actor: Actor, year: YearInfo, row, key: str) -> None:
    if row.conflicted:
        st.info(tr("presentations.notes_conflict"), icon=":material/block:")
        return
    if not can(actor, Action.WRITE_PRESENTATION_NOTES, phase=year.phase,
               target=PresentationTarget(conflicted=False)):
        st.markdown(plain_block(row.notes) if row.notes else tr("presentations.notes_none"))
        return
    with st.form(key=key, enter_to_submit=False):
        notes = st.text_area(tr("presentations.field.notes"), value=row.notes, max_chars=NOTES_MAX_LENGTH, height=200)
        if st.form_submit_button(tr("presentations.notes_save")):
            try:
                with db() as session:
                    write_presentation_notes(session, actor=actor, year_id=year.id, nomination_id=int(row.nomination_id),
                                             notes=notes, expected_version=int(row.notes_version))
            except PrizeError as error:
                show_error(error)
            else:
                flash.push(tr("presentations.notes_saved", name=row.candidate))
                st.rerun()
