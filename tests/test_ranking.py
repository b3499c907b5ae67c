"""The ranking engine (prize/ranking.py) on small tables computed by hand, and its properties."""

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from prize.ranking import (METHODS, SCORE_COLUMNS, TOTAL_COLUMNS, juror_totals, rank, rank_totals,
                           ranks_within_jurors)


def _scores(sheets: dict[str, dict[str, list[float]]], criteria: tuple[str, ...] = ("c1", "c2")) -> pd.DataFrame:
    """{juror: {nomination: [score of each criterion]}} as the long frame ``rank`` reads."""
    rows = [(juror, nomination, criterion, score)
            for juror, sheet in sheets.items() for nomination, values in sheet.items()
            for criterion, score in zip(criteria, values, strict=True)]
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def _totals(values: dict[str, dict[str, float]]) -> pd.DataFrame:
    """{juror: {nomination: total}}, one criterion of weight 1, so each score is the total."""
    return _scores({juror: {nomination: [total] for nomination, total in sheet.items()}
                    for juror, sheet in values.items()}, criteria=("c",))


def _expected(rows: list[tuple[str, float, int, int]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["nomination", "score", "rank", "n_jurors"]).set_index("nomination")
    return frame.astype({"score": float, "rank": "int64", "n_jurors": "int64"})


# Three jurors, weights c1 = 3, c2 = 1; C did not score y (a conflict, say).
# Juror totals (3 x c1 + c2) / 4:
#   A: x (12 + 2) / 4 = 3.5   y (9 + 3) / 4 = 3   z (15 + 1) / 4 = 4
#   B: x 5                    y 1                 z 2
#   C: x 3                                        z 4
SMALL = _scores({"A": {"x": [4, 2], "y": [3, 3], "z": [5, 1]},
                 "B": {"x": [5, 5], "y": [1, 1], "z": [2, 2]},
                 "C": {"x": [3, 3], "z": [4, 4]}})
SMALL_WEIGHTS = {"c1": 3, "c2": 1}


def test_a_jurors_total_is_the_weighted_mean_of_their_criteria():
    totals = juror_totals(SMALL, SMALL_WEIGHTS)

    expected = pd.DataFrame([("A", "x", 3.5), ("A", "y", 3.0), ("A", "z", 4.0), ("B", "x", 5.0), ("B", "y", 1.0),
                             ("B", "z", 2.0), ("C", "x", 3.0), ("C", "z", 4.0)], columns=TOTAL_COLUMNS)
    assert_frame_equal(totals, expected)


def test_a_total_is_over_the_criteria_the_juror_scored():
    # A scored only c2 of x: 2 x 1 / 1 = 2; B scored both: (3 x 5 + 1 x 1) / 4 = 4.
    scores = pd.DataFrame([("A", "x", "c2", 2), ("B", "x", "c1", 5), ("B", "x", "c2", 1)], columns=SCORE_COLUMNS)

    totals = juror_totals(scores, SMALL_WEIGHTS)

    assert totals["total"].tolist() == [2.0, 4.0]


def test_weighted_mean_is_the_mean_of_the_jurors_totals_and_a_missing_pair_is_left_out():
    # x (3.5 + 5 + 3) / 3 = 11.5 / 3; z (4 + 2 + 4) / 3 = 10 / 3; y (3 + 1) / 2 = 2, by two jurors.
    result = rank(SMALL, SMALL_WEIGHTS, "weighted_mean")

    assert_frame_equal(result, _expected([("x", 11.5 / 3, 1, 3), ("z", 10 / 3, 2, 3), ("y", 2.0, 3, 2)]))


def test_median_of_the_jurors_totals():
    # x median(3, 3.5, 5) = 3.5; z median(2, 4, 4) = 4; y median(1, 3) = (1 + 3) / 2 = 2.
    result = rank(SMALL, SMALL_WEIGHTS, "median")

    assert_frame_equal(result, _expected([("z", 4.0, 1, 3), ("x", 3.5, 2, 3), ("y", 2.0, 3, 2)]))


def test_normalized_is_the_mean_of_each_jurors_z_scores():
    # A: totals 3.5, 3, 4; mean 3.5; population sd sqrt((0 + 0.25 + 0.25) / 3) = sqrt(1/6)
    #    z: x 0, y -0.5 / sqrt(1/6), z 0.5 / sqrt(1/6)
    # B: totals 5, 1, 2; mean 8/3; deviations 7/3, -5/3, -2/3; sd sqrt((49 + 25 + 4) / 9 / 3) = sqrt(78/27)
    # C: totals 3, 4; mean 3.5; sd 0.5; z: x -1, z 1
    sd_a, sd_b = math.sqrt(1 / 6), math.sqrt(78 / 27)
    x = (0 + (7 / 3) / sd_b - 1) / 3
    y = (-0.5 / sd_a + (-5 / 3) / sd_b) / 2
    z = (0.5 / sd_a + (-2 / 3) / sd_b + 1) / 3

    result = rank(SMALL, SMALL_WEIGHTS, "normalized")

    assert_frame_equal(result, _expected([("z", z, 1, 3), ("x", x, 2, 3), ("y", y, 3, 2)]))


def test_borda_gives_each_juror_k_minus_rank_over_k_minus_one_points():
    # A ranks z, x, y (k = 3): z 2/2 = 1, x 1/2, y 0.  B ranks x, z, y: x 1, z 1/2, y 0.
    # C ranks z, x (k = 2): z 1, x 0.
    # x (1/2 + 1 + 0) / 3 = 0.5; z (1 + 1/2 + 1) / 3 = 2.5 / 3; y (0 + 0) / 2 = 0.
    result = rank(SMALL, SMALL_WEIGHTS, "borda")

    assert_frame_equal(result, _expected([("z", 2.5 / 3, 1, 3), ("x", 0.5, 2, 3), ("y", 0.0, 3, 2)]))


# One criterion of weight 1: each score is the juror's total.
#   p: 1, 2, 3, 4, 10 (five jurors)   q: 3, 3, 4 (three jurors)   r: 2, 5, 5, 1 (four jurors)
TRIM = _totals({"J1": {"p": 1, "q": 3, "r": 2}, "J2": {"p": 2, "q": 3, "r": 5}, "J3": {"p": 3, "q": 4, "r": 5},
                "J4": {"p": 4, "r": 1}, "J5": {"p": 10}})


def test_trimmed_mean_drops_one_highest_and_one_lowest_total_from_four_jurors_on():
    # p (2 + 3 + 4) / 3 = 3; r drops 5 and 1: (2 + 5) / 2 = 3.5; q has three jurors: (3 + 3 + 4) / 3 = 10/3.
    result = rank(TRIM, {"c": 1}, "trimmed_mean")

    assert_frame_equal(result, _expected([("r", 3.5, 1, 4), ("q", 10 / 3, 2, 3), ("p", 3.0, 3, 5)]))


def test_median_of_an_even_number_of_totals_is_the_mean_of_the_middle_two_and_ties_share_the_rank():
    # r median(1, 2, 5, 5) = (2 + 5) / 2 = 3.5; p median(1, 2, 3, 4, 10) = 3; q median(3, 3, 4) = 3.
    result = rank(TRIM, {"c": 1}, "median")

    assert_frame_equal(result, _expected([("r", 3.5, 1, 4), ("p", 3.0, 2, 5), ("q", 3.0, 2, 3)]))


def test_the_same_table_under_the_weighted_mean():
    # p 20 / 5 = 4; q 10 / 3; r 13 / 4 = 3.25.
    result = rank(TRIM, {"c": 1}, "weighted_mean")

    assert_frame_equal(result, _expected([("p", 4.0, 1, 5), ("q", 10 / 3, 2, 3), ("r", 3.25, 3, 4)]))


def test_borda_ties_share_the_average_rank_and_a_single_nomination_earns_one_point():
    # J1: a 5, b 5, c 1 (k = 3): a and b share rank 1.5: (3 - 1.5) / 2 = 0.75 each; c 0.
    # J2 scored only c (k = 1): 1 point.  a 0.75, b 0.75, c (0 + 1) / 2 = 0.5.
    scores = _totals({"J1": {"a": 5, "b": 5, "c": 1}, "J2": {"c": 2}})

    result = rank(scores, {"c": 1}, "borda")

    assert_frame_equal(result, _expected([("a", 0.75, 1, 1), ("b", 0.75, 1, 1), ("c", 0.5, 3, 2)]))


def test_normalized_counts_a_juror_without_spread_or_with_one_nomination_as_zero():
    # J1: a 4, b 2: mean 3, sd 1: a 1, b -1.  J2: a 3, b 3: sd 0, both 0.  J3 scored only b: 0.
    # a (1 + 0) / 2 = 0.5; b (-1 + 0 + 0) / 3 = -1/3.
    scores = _totals({"J1": {"a": 4, "b": 2}, "J2": {"a": 3, "b": 3}, "J3": {"b": 5}})

    result = rank(scores, {"c": 1}, "normalized")

    assert_frame_equal(result, _expected([("a", 0.5, 1, 2), ("b", -1 / 3, 2, 3)]))


def test_ranks_skip_after_a_tie_one_two_two_four():
    scores = _totals({"J1": {"a": 5, "b": 4, "c": 4, "d": 3}})

    result = rank(scores, {"c": 1})

    assert result["rank"].tolist() == [1, 2, 2, 4]


# 38/13 two ways, with weights 0.1, 0.2, 0.7, 0.3 (sum 1.3):
#   a: 0.7 x 5 + 0.3 x 1 = 3.8    b: 0.2 x 4 + 0.7 x 3 + 0.3 x 3 = 3.8    c: 0.3 x 1 = 0.3
# In floating point a's total is 2.923076923076923 and b's 2.9230769230769225.
NOISY_WEIGHTS = {"c1": 0.1, "c2": 0.2, "c3": 0.7, "c4": 0.3}
NOISY = _scores({"J": {"a": [0, 0, 5, 1], "b": [0, 4, 3, 3], "c": [0, 0, 0, 1]}}, criteria=tuple(NOISY_WEIGHTS))


def test_floating_point_noise_does_not_split_a_tie():
    totals = juror_totals(NOISY, NOISY_WEIGHTS)["total"].tolist()

    ranks = {method: rank(NOISY, NOISY_WEIGHTS, method)["rank"].tolist() for method in METHODS}

    assert (totals[0] != totals[1], abs(totals[0] - 38 / 13) < 1e-15, abs(totals[1] - 38 / 13) < 1e-15) == (
        True, True, True)
    assert ranks == {method: [1, 1, 3] for method in METHODS}


def test_a_tie_within_a_juror_is_found_through_the_noise_too():
    ranks = ranks_within_jurors(juror_totals(NOISY, NOISY_WEIGHTS))

    assert ranks["rank"].tolist() == [1.5, 1.5, 3.0]


def test_ids_as_labels_sort_by_number():
    scores = pd.DataFrame([(7, 12, 1, 3), (7, 11, 1, 3), (8, 11, 1, 5), (8, 12, 1, 3), (8, 10, 1, 1)],
                          columns=SCORE_COLUMNS)

    result = rank(scores, {1: 2.0})

    # 11: (3 + 5) / 2 = 4; 12: 3; 10: 1.
    assert_frame_equal(result, _expected([(11, 4.0, 1, 2), (12, 3.0, 2, 2), (10, 1.0, 3, 1)]).rename_axis(
        "nomination"))


def test_no_scores_give_an_empty_ranking_with_the_columns():
    result = rank(SMALL.iloc[:0], SMALL_WEIGHTS, "borda")

    assert_frame_equal(result, _expected([]), check_index_type=False)


def test_a_pair_whose_criteria_all_weigh_nothing_has_no_total():
    # c2 weighs 0: A's x (only c2 scored) has no total; B's x is its c1 score.
    scores = pd.DataFrame([("A", "x", "c2", 2), ("B", "x", "c1", 5), ("B", "x", "c2", 1)], columns=SCORE_COLUMNS)

    result = rank(scores, {"c1": 1, "c2": 0})

    assert_frame_equal(result, _expected([("x", 5.0, 1, 1)]))


# --- Refusals --------------------------------------------------------------------------------

@pytest.mark.parametrize(("weights", "method", "message"), [
    ({"c1": 1}, "weighted_mean", r"no weight for the criteria \['c2'\]"),
    ({"c1": 1, "c2": -0.5}, "weighted_mean", r"weights must be non-negative numbers; these are not: \{'c2': -0.5\}"),
    ({"c1": 1, "c2": math.nan}, "median", "weights must be non-negative numbers"),
    ({"c1": 0, "c2": 0, "c3": 2}, "weighted_mean", "the weights of the criteria scored sum to 0"),
    (SMALL_WEIGHTS, "mode", "unknown ranking method 'mode': use one of weighted_mean, median, trimmed_mean, "
                            "normalized, borda"),
], ids=["missing weight", "negative weight", "not a number", "zero sum", "unknown method"])
def test_bad_weights_or_an_unknown_method_raise_value_error(weights, method, message):
    with pytest.raises(ValueError, match=message):
        rank(SMALL, weights, method)


def test_an_unknown_method_is_refused_before_anything_is_computed():
    with pytest.raises(ValueError, match="unknown ranking method"):
        rank_totals(pd.DataFrame(columns=TOTAL_COLUMNS), "plurality")


# --- Properties ------------------------------------------------------------------------------

JURORS = ["j1", "j2", "j3", "j4", "j5"]
NOMINATIONS = ["n1", "n2", "n3", "n4", "n5", "n6"]
CRITERIA = ["c1", "c2", "c3"]


@st.composite
def juries(draw) -> tuple[pd.DataFrame, dict[str, int]]:
    """Whole-number scores 0-10 of up to 5 jurors on up to 6 nominations and 3 criteria, pairs
    missing at random; whole-number weights 0-5, at least one positive."""
    weights = dict(zip(CRITERIA, draw(st.lists(st.integers(0, 5), min_size=3, max_size=3)
                                      .filter(lambda each: each[0] > 0)), strict=True))
    rows = []
    for juror in JURORS[:draw(st.integers(1, len(JURORS)))]:
        for nomination in NOMINATIONS:
            if draw(st.booleans()):
                rows += [(juror, nomination, criterion, draw(st.integers(0, 10))) for criterion in CRITERIA]
    return pd.DataFrame(rows, columns=SCORE_COLUMNS), weights


PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    assert_frame_equal(left, right, check_exact=False, atol=1e-9, rtol=0, check_index_type=False)


@PROPERTY_SETTINGS
@given(jury=juries(), constant=st.integers(-5, 20), which=st.integers(0, len(JURORS) - 1))
def test_adding_a_constant_to_one_jurors_scores_leaves_normalized_and_borda_unchanged(jury, constant, which):
    scores, weights = jury
    shifted = scores.assign(score=scores["score"] + constant * (scores["juror"] == JURORS[which]))

    for method in ("normalized", "borda"):
        _same(rank(shifted, weights, method), rank(scores, weights, method))


@PROPERTY_SETTINGS
@given(jury=juries(), order=st.permutations(JURORS))
def test_permuting_the_jurors_labels_changes_nothing(jury, order):
    scores, weights = jury
    relabelled = scores.assign(juror=scores["juror"].map(dict(zip(JURORS, order, strict=True))))

    for method in METHODS:
        _same(rank(relabelled, weights, method), rank(scores, weights, method))


@PROPERTY_SETTINGS
@given(jury=juries(), which=st.integers(0, len(JURORS) - 1))
def test_a_juror_left_out_changes_the_result_only_through_their_own_scores(jury, which):
    """Ranking the scores without the juror's rows equals ranking everyone's totals without the
    juror's: the others' totals do not depend on them, and no method reaches across jurors
    except through the totals it is given (what the robustness report relies on)."""
    scores, weights = jury
    juror = JURORS[which]
    totals = juror_totals(scores, weights)

    for method in METHODS:
        without = rank(scores[scores["juror"] != juror], weights, method)
        _same(without, rank_totals(totals[totals["juror"] != juror].reset_index(drop=True), method))
