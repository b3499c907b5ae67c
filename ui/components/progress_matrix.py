"""The jury's progress: the matrix as a heatmap and a table, and the counts per juror
and per candidate."""

from __future__ import annotations

import streamlit as st

from prize.charts.progress import progress_heatmap
from prize.services.progress import ProgressMatrix
from prize.services.scoring import SheetState
from ui.components import table
from ui.context import tr

_COUNT_HEADINGS = {"submitted": "labels.sheetstate.submitted", "in_progress": "labels.sheetstate.in_progress",
                   "not_started": "labels.sheetstate.not_started", "conflict": "labels.sheetstate.conflict",
                   "done": "jury.col.done", "total": "jury.col.total"}


def show(matrix: ProgressMatrix, *, key: str) -> None:
    if matrix.cells.empty:
        st.info(tr("jury.no_cells"))
        return
    labels = {state: str(tr(f"labels.sheetstate.{state.value}")) for state in SheetState}
    grid = matrix.table()
    chart, cells = st.tabs([tr("jury.tab.heatmap"), tr("jury.tab.table")])
    with chart:
        st.plotly_chart(progress_heatmap(grid, labels=labels), key=f"{key}_heatmap", width="stretch")
    with cells:
        shown = grid.map(lambda state: labels[state]).reset_index()
        st.dataframe(shown.rename(columns={"juror": str(tr("jury.col.juror"))}), hide_index=True,
                     width="stretch", key=f"{key}_table")
    st.caption(tr("jury.conflict_counts_as_done"))
    per_juror, per_candidate = st.columns(2)
    with per_juror:
        st.subheader(tr("jury.per_juror"))
        table.show(matrix.per_juror(), key=f"{key}_per_juror",
                   columns={"name": "jury.col.juror", **_COUNT_HEADINGS})
    with per_candidate:
        st.subheader(tr("jury.per_candidate"))
        table.show(matrix.per_candidate(), key=f"{key}_per_candidate",
                   columns={"name": "jury.col.candidate", **_COUNT_HEADINGS})
