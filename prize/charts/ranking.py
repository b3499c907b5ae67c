"""A round's results as charts: each candidate's jurors' totals with their spread, a radar
of per-criterion means for chosen candidates, and a juror x candidate heatmap of totals.
Pure functions of frames the results service builds; axis titles from the catalog."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from babel.numbers import format_decimal

from prize.i18n import normalise_locale, t_plain

SPREAD_COLOUR = "#1f5f99"
MEDIAN_COLOUR = "#c2410c"
HEATMAP_SCALE = "Blues"


def score_spread(stats: pd.DataFrame, *, locale: str = "da") -> go.Figure:
    """``stats``: one row per candidate in the order to show (best first), with the
    columns ``candidate``, ``mean``, ``median``, ``min`` and ``max`` of the jurors'
    totals. The mean as a dot with a bar from the lowest to the highest total, the
    median as a diamond beside it."""
    candidates = list(stats["candidate"])
    means = [float(value) for value in stats["mean"]]
    spread = go.Scatter(
        x=candidates, y=means, mode="markers", name=t_plain("results.chart.mean", locale),
        marker=dict(color=SPREAD_COLOUR, size=10),
        error_y=dict(type="data", symmetric=False,
                     array=[float(high) - mean for high, mean in zip(stats["max"], means, strict=True)],
                     arrayminus=[mean - float(low) for low, mean in zip(stats["min"], means, strict=True)]),
        hovertemplate="%{x}<br>%{y:.2f}<extra></extra>")
    median = go.Scatter(
        x=candidates, y=[float(value) for value in stats["median"]], mode="markers",
        name=t_plain("results.chart.median", locale), marker=dict(color=MEDIAN_COLOUR, size=9, symbol="diamond"),
        hovertemplate="%{x}<br>%{y:.2f}<extra></extra>")
    figure = go.Figure([spread, median])
    figure.update_layout(
        title=t_plain("results.chart.spread_title", locale),
        xaxis=dict(title=dict(text=t_plain("results.chart.candidate", locale)), tickangle=-45),
        yaxis=dict(title=dict(text=t_plain("results.chart.total", locale))),
        legend=dict(orientation="h"), margin=dict(l=10, r=10, t=50, b=10))
    return figure


def criterion_radar(means: pd.DataFrame, candidates: Sequence[str], *, locale: str = "da") -> go.Figure:
    """``means``: candidates as the index, criteria as columns (in order), each cell the
    mean of the jurors' scores; one closed outline per candidate of ``candidates``."""
    criteria = list(means.columns)
    traces = []
    for candidate in candidates:
        values = [float(value) for value in means.loc[candidate, criteria]]
        traces.append(go.Scatterpolar(r=values + values[:1], theta=criteria + criteria[:1], name=str(candidate),
                                      fill="toself", opacity=0.6,
                                      hovertemplate="%{theta}<br>%{r:.2f}<extra>%{fullData.name}</extra>"))
    figure = go.Figure(traces)
    figure.update_layout(title=t_plain("results.chart.radar_title", locale),
                         polar=dict(radialaxis=dict(title=dict(text=t_plain("results.chart.criterion_mean",
                                                                             locale)))),
                         legend=dict(orientation="h"), margin=dict(l=40, r=40, t=60, b=10))
    return figure


def totals_heatmap(totals: pd.DataFrame, *, locale: str = "da") -> go.Figure:
    """``totals``: jurors as the index, candidates as columns, each cell the juror's total
    for the candidate (missing where the juror did not score it: a conflict, no sheet)."""
    values = totals.astype(float)
    texts = values.map(lambda total: "-" if pd.isna(total) else format_decimal(
        total, format="0.00", locale=normalise_locale(locale)))
    heatmap = go.Heatmap(
        z=values.to_numpy().tolist(), x=list(values.columns), y=list(values.index),
        text=texts.to_numpy().tolist(), texttemplate="%{text}", colorscale=HEATMAP_SCALE, xgap=2, ygap=2,
        colorbar=dict(title=dict(text=t_plain("results.chart.total", locale))),
        hovertemplate="%{y}<br>%{x}<br>%{text}<extra></extra>")
    figure = go.Figure(heatmap)
    figure.update_layout(title=t_plain("results.chart.heatmap_title", locale),
                         xaxis=dict(title=dict(text=t_plain("results.chart.candidate", locale)), tickangle=-45),
                         yaxis=dict(title=dict(text=t_plain("results.chart.juror", locale)), autorange="reversed"),
                         height=max(260, 80 + 36 * len(values.index)), margin=dict(l=10, r=10, t=50, b=10))
    return figure
