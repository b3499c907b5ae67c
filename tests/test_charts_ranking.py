"""The results charts: their data and their Danish titles, exactly."""

import math

import pandas as pd

from prize.charts.ranking import criterion_radar, score_spread, totals_heatmap


def _stats() -> pd.DataFrame:
    return pd.DataFrame({"candidate": ["Lindådalen", "Gyvelund"], "mean": [4.5, 3.0], "median": [4.25, 3.0],
                         "min": [4.0, 2.5], "max": [5.25, 3.5]})


def test_the_spread_chart_shows_each_mean_with_a_bar_from_the_lowest_to_the_highest_total():
    figure = score_spread(_stats())

    mean, median = figure.data
    assert (list(mean.x), list(mean.y), list(mean.error_y.array), list(mean.error_y.arrayminus)) == (
        ["Lindådalen", "Gyvelund"], [4.5, 3.0], [0.75, 0.5], [0.5, 0.5])
    assert list(median.y) == [4.25, 3.0]


def test_the_spread_chart_has_danish_titles():
    figure = score_spread(_stats())

    assert (figure.layout.title.text, figure.layout.xaxis.title.text, figure.layout.yaxis.title.text,
            [trace.name for trace in figure.data]) == (
        "Jurymedlemmernes totaler pr. kandidat", "Kandidat", "Vægtet total",
        ["Gennemsnit (stregen går fra laveste til højeste total)", "Median"])


def test_the_spread_chart_speaks_english_when_asked():
    assert score_spread(_stats(), locale="en").layout.xaxis.title.text == "Candidate"


def test_the_radar_draws_a_closed_outline_of_criterion_means_for_each_chosen_candidate():
    means = pd.DataFrame({"Fysisk miljø": [4.0, 3.0, 2.0], "Klima": [5.0, 4.5, 1.0]},
                         index=["Lindådalen", "Gyvelund", "Bådsted"])

    figure = criterion_radar(means, ["Gyvelund", "Lindådalen"])

    assert [(trace.name, list(trace.r), list(trace.theta)) for trace in figure.data] == [
        ("Gyvelund", [3.0, 4.5, 3.0], ["Fysisk miljø", "Klima", "Fysisk miljø"]),
        ("Lindådalen", [4.0, 5.0, 4.0], ["Fysisk miljø", "Klima", "Fysisk miljø"])]
    assert (figure.layout.title.text, figure.layout.polar.radialaxis.title.text) == (
        "Gennemsnit pr. kriterium", "Gennemsnitligt point")


def test_the_heatmap_holds_each_jurors_total_and_a_dash_where_they_did_not_score():
    totals = pd.DataFrame({"Lindådalen": [4.5, 4.0], "Ulvedal": [float("nan"), 3.25]},
                          index=["Jurymedlem A", "Jurymedlem B"])

    figure = totals_heatmap(totals)

    heatmap = figure.data[0]
    z = [[None if math.isnan(value) else value for value in row] for row in heatmap.z]
    assert (z, list(heatmap.x), list(heatmap.y), [list(row) for row in heatmap.text]) == (
        [[4.5, None], [4.0, 3.25]], ["Lindådalen", "Ulvedal"], ["Jurymedlem A", "Jurymedlem B"],
        [["4,50", "-"], ["4,00", "3,25"]])
    assert (figure.layout.xaxis.title.text, figure.layout.yaxis.title.text) == ("Kandidat", "Jurymedlem")
