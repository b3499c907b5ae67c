"""The jury's progress as a heatmap: jurors as rows, candidates as columns, one colour per state."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from prize.services.scoring import SheetState

# In the order of the colour scale; a conflict is grey: it needs no sheet.
STATE_ORDER = (SheetState.NOT_STARTED, SheetState.IN_PROGRESS, SheetState.SUBMITTED, SheetState.CONFLICT)
STATE_COLOURS = {SheetState.NOT_STARTED: "#e8e8e8", SheetState.IN_PROGRESS: "#f2b84b",
                 SheetState.SUBMITTED: "#2e8b57", SheetState.CONFLICT: "#8c8c8c"}


def progress_heatmap(table: pd.DataFrame, *, labels: Mapping[SheetState, str], title: str = "") -> go.Figure:
    """``table``: jurors as the index, candidates as columns, each cell a ``SheetState``
    (``ProgressMatrix.table()``); ``labels`` names each state in the reader's language."""
    codes = table.map(STATE_ORDER.index).to_numpy() if len(table.columns) else [[]]
    texts = table.map(lambda state: labels[state]).to_numpy() if len(table.columns) else [[]]
    steps = len(STATE_ORDER)
    scale = []
    for position, state in enumerate(STATE_ORDER):
        scale += [(position / steps, STATE_COLOURS[state]), ((position + 1) / steps, STATE_COLOURS[state])]
    heatmap = go.Heatmap(
        z=codes, x=list(table.columns), y=list(table.index), text=texts, zmin=-0.5, zmax=steps - 0.5,
        colorscale=scale, xgap=2, ygap=2, hovertemplate="%{y}<br>%{x}<br>%{text}<extra></extra>",
        colorbar=dict(tickmode="array", tickvals=list(range(steps)), ticktext=[labels[s] for s in STATE_ORDER]))
    figure = go.Figure(heatmap)
    figure.update_layout(title=title or None, yaxis=dict(autorange="reversed"), xaxis=dict(tickangle=-45),
                         height=max(260, 60 + 36 * len(table.index)), margin=dict(l=10, r=10, t=40, b=10))
    return figure
