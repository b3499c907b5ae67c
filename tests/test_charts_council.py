"""The council's charts (matplotlib): the axes' numbers in the report's language."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from prize.charts.council import profile_figure, spread_figure, spread_png, tick_text

CRITERIA = ["Fysisk miljø", "Stedbundne ressourcer"]


def _tick_labels(figure) -> list[str]:
    """The numbers written under the x axis, within its limits."""
    figure.canvas.draw()
    axes = figure.axes[0]
    low, high = axes.get_xlim()
    labels = [label.get_text() for tick, label in zip(axes.get_xticks(), axes.get_xticklabels(), strict=True)
              if low <= tick <= high]
    plt.close(figure)
    return labels


def _round() -> tuple[pd.DataFrame, pd.DataFrame]:
    table = pd.DataFrame({"candidate": ["Lindådalen", "Gyvelund"], "mean": [4.5, 3.0], "median": [4.5, 3.0],
                          "std": [0.5, 0.0], "n_jurors": [2, 1]})
    totals = pd.DataFrame({"juror": ["A", "B", "A"], "candidate": ["Lindådalen", "Lindådalen", "Gyvelund"],
                           "total": [4.0, 5.0, 3.0]})
    return table, totals


@pytest.mark.parametrize(("value", "locale", "expected"), [
    (2.5, "da", "2,5"), (2.0, "da", "2"), (0.0, "da", "0"), (2.5, "en", "2.5"), (4.25, "da", "4,2")])
def test_an_axis_number_is_whole_or_has_one_decimal_in_the_reports_language(value, locale, expected):
    assert tick_text(value, locale) == expected


def test_the_spread_chart_writes_its_axis_with_a_danish_decimal_comma():
    table, totals = _round()

    figure = spread_figure(table, totals, title="Score", axis="Totaler", scale=(1, 5), locale="da")

    assert _tick_labels(figure) == ["1", "1,5", "2", "2,5", "3", "3,5", "4", "4,5", "5"]


def test_the_profile_chart_writes_its_axis_in_english_when_the_report_is():
    figure = profile_figure(pd.Series({"Fysisk miljø": 4.5, "Stedbundne ressourcer": 2.25}), title="Profil",
                            criteria=CRITERIA, scale=(0, 3), locale="en")

    assert _tick_labels(figure) == ["0", "0.5", "1", "1.5", "2", "2.5", "3"]


def test_the_same_data_gives_the_same_png():
    table, totals = _round()

    first, second = (spread_png(table, totals, title="Score", axis="Totaler", scale=(1, 5), locale="da")
                     for _ in range(2))

    assert (first == second, first[:8]) == (True, b"\x89PNG\r\n\x1a\n")
