"""The recommendation's charts as PNG images, drawn with matplotlib's Agg backend: pure
Python, no browser (plotly's image export needs Chrome through kaleido), so the Word and
PDF export works on any server. The same data gives the same picture: no timestamp is
written into the file. The axes' numbers are written as the report's language writes them
("2,5" in Danish)."""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from babel.numbers import format_decimal  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from prize.charts.ranking import MEDIAN_COLOUR, SPREAD_COLOUR  # noqa: E402
from prize.i18n import normalise_locale  # noqa: E402

_DPI = 110
_NO_METADATA = {"Software": None}


def tick_text(value: float, locale: str) -> str:
    """An axis number: "2" for a whole number, else one decimal ("2,5" in Danish)."""
    return format_decimal(value, format="0.#", locale=normalise_locale(locale))


def spread_png(table: pd.DataFrame, totals: pd.DataFrame, *, title: str, axis: str,
               scale: tuple[int, int], locale: str) -> bytes:
    return _png(spread_figure(table, totals, title=title, axis=axis, scale=scale, locale=locale))


def profile_png(means: pd.Series, *, title: str, criteria: Sequence[str], scale: tuple[int, int],
                locale: str) -> bytes:
    return _png(profile_figure(means, title=title, criteria=criteria, scale=scale, locale=locale))


def spread_figure(table: pd.DataFrame, totals: pd.DataFrame, *, title: str, axis: str,
                  scale: tuple[int, int], locale: str) -> plt.Figure:
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
    return _finish(figure, axes, title=title, locale=locale)


def profile_figure(means: pd.Series, *, title: str, criteria: Sequence[str], scale: tuple[int, int],
                   locale: str) -> plt.Figure:
    """One finalist's mean score per criterion as horizontal bars, criteria in their order."""
    labels = [_short(each) for each in criteria][::-1]
    values = [float(means.get(each, 0.0)) if pd.notna(means.get(each)) else 0.0 for each in criteria][::-1]
    figure, axes = plt.subplots(figsize=(7, 0.35 * len(labels) + 1.2), dpi=_DPI)
    axes.barh(labels, values, color=SPREAD_COLOUR)
    axes.set_xlim(min(0, scale[0]), scale[1])
    return _finish(figure, axes, title=title, locale=locale)


def _short(text: str, limit: int = 45) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _finish(figure: plt.Figure, axes: plt.Axes, *, title: str, locale: str) -> plt.Figure:
    axes.set_title(title)
    axes.grid(axis="x", alpha=0.3)
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: tick_text(value, locale)))
    figure.tight_layout()
    return figure


def _png(figure: plt.Figure) -> bytes:
    out = io.BytesIO()
    # Transparent, so a draft's UDKAST watermark shows through the chart as through the text.
    figure.savefig(out, format="png", metadata=_NO_METADATA, transparent=True)
    plt.close(figure)
    return out.getvalue()
