"""The recommendation's charts as PNG images, drawn with matplotlib's Agg backend: pure
Python, no browser (plotly's image export needs Chrome through kaleido), so the Word and
PDF export works on any server. The same data gives the same picture: no timestamp is
written into the file."""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from prize.charts.ranking import MEDIAN_COLOUR, SPREAD_COLOUR  # noqa: E402

_DPI = 110
_NO_METADATA = {"Software": None}


def spread_png(table: pd.DataFrame, totals: pd.DataFrame, *, title: str, axis: str,
               scale: tuple[int, int]) -> bytes:
    """Each candidate of ``table`` (best first) as a row: the jurors' totals as dots, the
    mean with a bar of plus/minus the spread, the median as a diamond."""
    scored = table[table["n_jurors"] > 0]
    names = list(scored["candidate"])[::-1]
    figure, axes = plt.subplots(figsize=(7, 0.35 * len(names) + 1.2), dpi=_DPI)
    for position, name in enumerate(names):
        own = totals[totals["candidate"] == name]["total"]
        axes.scatter(own, [position] * len(own), color="#9aa5b1", s=14, zorder=2)
    rows = scored.set_index("candidate").loc[names]
    positions = range(len(names))
    axes.errorbar(rows["mean"], positions, xerr=rows["std"], fmt="o", color=SPREAD_COLOUR, capsize=3, zorder=3)
    axes.scatter(rows["median"], positions, marker="D", color=MEDIAN_COLOUR, s=22, zorder=4)
    axes.set_yticks(list(positions), names)
    axes.set_xlim(scale[0] - 0.2, scale[1] + 0.2)
    axes.set_xlabel(axis)
    axes.set_title(title)
    axes.grid(axis="x", alpha=0.3)
    return _png(figure)


def profile_png(means: pd.Series, *, title: str, criteria: Sequence[str], scale: tuple[int, int]) -> bytes:
    """One finalist's mean score per criterion as horizontal bars, criteria in their order."""
    labels = [_short(each) for each in criteria][::-1]
    values = [float(means.get(each, 0.0)) if pd.notna(means.get(each)) else 0.0 for each in criteria][::-1]
    figure, axes = plt.subplots(figsize=(7, 0.35 * len(labels) + 1.2), dpi=_DPI)
    axes.barh(labels, values, color=SPREAD_COLOUR)
    axes.set_xlim(min(0, scale[0]), scale[1])
    axes.set_title(title)
    axes.grid(axis="x", alpha=0.3)
    return _png(figure)


def _short(text: str, limit: int = 45) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _png(figure: plt.Figure) -> bytes:
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata=_NO_METADATA)
    plt.close(figure)
    return out.getvalue()
