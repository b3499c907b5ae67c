"""A juror's round at a glance: the deadline, their progress and the table of
their candidates, the state first."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from prize.i18n import format_moment
from prize.services.scoring import Worklist
from ui.components import table
from ui.components.deadline import time_left
from ui.context import locale, tr


def show(worklist: Worklist, *, key: str) -> None:
    if worklist.deadline is not None and worklist.is_open:
        passed = worklist.deadline <= datetime.now(UTC)
        st.info(tr("scoring.overview.deadline_passed" if passed else "scoring.overview.deadline",
                   deadline=format_moment(worklist.deadline, locale()), left=time_left(worklist.deadline)),
                icon=":material/schedule:")
    if not worklist.is_open:
        st.warning(tr("scoring.closed"), icon=":material/lock:")
    total = len(worklist.candidates)
    st.progress(worklist.done / total if total else 0.0,
                text=tr("scoring.overview.progress", done=worklist.done, total=total))
    st.caption(tr("scoring.overview.conflicts_count", conflicts=worklist.conflicts))
    frame = worklist.candidates.assign(state=worklist.states())
    frame["progress"] = [f"{scored}/{worklist.criteria_count}" for scored in frame["scored"]]
    table.show(frame, key=key, columns={
        "state": "scoring.col.state", "name": "scoring.col.name", "municipality": "scoring.col.municipality",
        "kind": "scoring.col.kind", "progress": "scoring.col.progress",
        "submitted_at": "scoring.col.submitted_at"},
        formatters={"kind": table.label("candidatekind"), "state": table.label("sheetstate"),
                    "submitted_at": lambda value: format_moment(value, locale()) if value is not None else "-"})
    st.caption(tr("scoring.privacy"))
