"""The jury's scores turned into a ranking: pure functions over DataFrames, no database.

``scores`` is long format, one row per juror, nomination and criterion, with the
columns ``juror``, ``nomination``, ``criterion`` and ``score`` (any hashable labels:
ids in the app, names in tests). A juror-nomination pair that is missing means the
juror did not score that candidate (a conflict, say): every aggregate uses the jurors
that did. A juror's total for a nomination is the weighted mean of the criteria they
scored, ``sum(w x s) / sum(w)``; the methods in ``METHODS`` turn the totals into one
score per nomination, and the score into a rank.

Scores less than ``TIE_TOLERANCE`` apart are equal, so floating-point noise never
splits a tie (38/13 reached by two different sums is one score). Equal scores
share the lowest rank (1, 2, 2, 4), within a juror's Borda ranking too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping

import numpy as np
import pandas as pd

METHODS = ("weighted_mean", "median", "trimmed_mean", "normalized", "borda")
SCORE_COLUMNS = ["juror", "nomination", "criterion", "score"]
TOTAL_COLUMNS = ["juror", "nomination", "total"]
RESULT_COLUMNS = ["score", "rank", "n_jurors"]
TIE_TOLERANCE = 1e-9
# With this many jurors or more, the trimmed mean drops one highest and one lowest total.
TRIM_FROM = 4


def rank(scores: pd.DataFrame, weights: Mapping[Hashable, float], method: str = "weighted_mean") -> pd.DataFrame:
    """One row per nomination scored, indexed by ``nomination``, with ``score`` (float),
    ``rank`` (int, 1 is best, ties share the lowest) and ``n_jurors`` (int), sorted by rank,
    then nomination. ``ValueError`` for an unknown method, a criterion without a weight, a
    negative weight or weights that sum to 0."""
    check_method(method)
    return rank_totals(juror_totals(scores, weights), method)


def check_method(method: str) -> None:
    if method not in METHODS:
        raise ValueError(f"unknown ranking method {method!r}: use one of {', '.join(METHODS)}")


# --- A juror's total -------------------------------------------------------------------------

def juror_totals(scores: pd.DataFrame, weights: Mapping[Hashable, float]) -> pd.DataFrame:
    """One row per juror and nomination they scored (``TOTAL_COLUMNS``), sorted by juror and
    nomination: ``total`` is the weighted mean over the criteria the juror scored. A pair whose
    scored criteria all weigh 0 has no total and is left out; a missing score (NaN) is not scored."""
    missing_columns = [column for column in SCORE_COLUMNS if column not in scores.columns]
    if missing_columns:
        raise ValueError(f"scores lacks the columns {missing_columns}; it needs {SCORE_COLUMNS}")
    scored = scores[scores["score"].notna()]
    weight = scored["criterion"].map(_checked_weights(weights, scored["criterion"])).to_numpy(dtype=float)
    value = scored["score"].to_numpy(dtype=float)
    parts = pd.DataFrame({"juror": scored["juror"].to_numpy(), "nomination": scored["nomination"].to_numpy(),
                          "weighted": weight * value, "weight": weight})
    sums = parts.groupby(["juror", "nomination"], sort=True)[["weighted", "weight"]].sum()
    sums = sums[sums["weight"] > 0]
    return pd.DataFrame({"juror": sums.index.get_level_values("juror"),
                         "nomination": sums.index.get_level_values("nomination"),
                         "total": (sums["weighted"] / sums["weight"]).to_numpy(dtype=float)})


def _checked_weights(weights: Mapping[Hashable, float], criteria: pd.Series) -> dict[Hashable, float]:
    """The weights of the criteria scored; the sum that must be positive is theirs (of all
    the weights given when nothing is scored)."""
    present = list(pd.unique(criteria))
    missing = [criterion for criterion in present if criterion not in weights]
    if missing:
        raise ValueError(f"no weight for the criteria {missing}: every criterion scored needs one")
    wrong = {criterion: w for criterion, w in weights.items() if not (math.isfinite(w) and w >= 0)}
    if wrong:
        raise ValueError(f"weights must be non-negative numbers; these are not: {wrong}")
    used = {criterion: float(weights[criterion]) for criterion in present}
    if not sum(used.values() if present else weights.values()) > 0:
        raise ValueError("the weights of the criteria scored sum to 0; at least one must be positive")
    return used


# --- From totals to a ranking ----------------------------------------------------------------

def rank_totals(totals: pd.DataFrame, method: str = "weighted_mean") -> pd.DataFrame:
    """``rank`` from juror totals already computed (``juror_totals``): the results page
    and the robustness report compute the totals once and rank them several ways."""
    check_method(method)
    if totals.empty:
        return _ranked(pd.Series(dtype=float), pd.Series(dtype="int64"))
    scores = _AGGREGATES[method](totals)
    return _ranked(scores, totals.groupby("nomination", sort=False).size())


def _mean(totals: pd.DataFrame) -> pd.Series:
    return totals.groupby("nomination", sort=False)["total"].mean()


def _median(totals: pd.DataFrame) -> pd.Series:
    return totals.groupby("nomination", sort=False)["total"].median()


def _trimmed_mean(totals: pd.DataFrame) -> pd.Series:
    stats = totals.groupby("nomination", sort=False)["total"].agg(["sum", "min", "max", "count", "mean"])
    trimmed = (stats["sum"] - stats["min"] - stats["max"]) / (stats["count"] - 2).clip(lower=1)
    return trimmed.where(stats["count"] >= TRIM_FROM, stats["mean"])


def _normalized(totals: pd.DataFrame) -> pd.Series:
    """The mean of z-scores per juror (population standard deviation); a juror whose totals
    do not vary (or who scored one nomination) contributes 0."""
    by_juror = totals.groupby("juror", sort=False)["total"]
    deviation = totals["total"] - by_juror.transform("mean")
    spread = np.sqrt((deviation ** 2).groupby(totals["juror"], sort=False).transform("mean"))
    varies = (spread > TIE_TOLERANCE) & (by_juror.transform("size") >= 2)
    z = (deviation / spread.where(varies, 1.0)).where(varies, 0.0)
    return z.groupby(totals["nomination"], sort=False).mean()


def _borda(totals: pd.DataFrame) -> pd.Series:
    """The mean of Borda points: (k - r) / (k - 1) for the juror's rank r among their k
    nominations (ties share the average rank), 1 point when k is 1."""
    ranks = ranks_within_jurors(totals)
    k = ranks["k"].to_numpy(dtype=float)
    points = np.where(k > 1, (k - ranks["rank"].to_numpy()) / np.maximum(k - 1, 1), 1.0)
    return pd.Series(points, index=totals.index).groupby(totals["nomination"], sort=False).mean()


_AGGREGATES: dict[str, Callable[[pd.DataFrame], pd.Series]] = {
    "weighted_mean": _mean, "median": _median, "trimmed_mean": _trimmed_mean,
    "normalized": _normalized, "borda": _borda,
}


def ranks_within_jurors(totals: pd.DataFrame) -> pd.DataFrame:
    """For each row of ``totals`` (same index): ``rank``, the juror's 1-based rank of the
    nomination, best total first, ties (within ``TIE_TOLERANCE``) sharing the average rank;
    ``k``, how many nominations the juror scored; ``tied``, how many share that rank."""
    codes, _ = pd.factorize(totals["juror"])
    total = totals["total"].to_numpy(dtype=float)
    order = np.lexsort((-total, codes))
    sorted_codes, sorted_total = codes[order], total[order]
    juror_starts = np.r_[True, sorted_codes[1:] != sorted_codes[:-1]]
    group = _tie_groups(sorted_total, juror_starts)
    first_of_juror = np.maximum.accumulate(np.where(juror_starts, np.arange(len(order)), 0))
    position = np.arange(len(order)) - first_of_juror + 1.0
    tied = np.bincount(group)
    average = np.bincount(group, weights=position) / tied
    k = np.bincount(sorted_codes)
    result = np.empty((len(order), 3))
    result[order] = np.column_stack([average[group], k[sorted_codes], tied[group]])
    frame = pd.DataFrame(result, index=totals.index, columns=["rank", "k", "tied"])
    return frame.astype({"k": "int64", "tied": "int64"})


def _tie_groups(descending: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Group numbers (0, 1, ...) of values sorted best first within partitions: a group
    begins where a partition does and where a value is ``TIE_TOLERANCE`` or more below the
    one before it."""
    begins = starts.copy()
    if len(descending):
        begins[1:] |= (descending[:-1] - descending[1:]) >= TIE_TOLERANCE
        begins[0] = True
    return np.cumsum(begins) - 1


def _ranked(scores: pd.Series, n_jurors: pd.Series) -> pd.DataFrame:
    """The result frame: competition ranks (1, 2, 2, 4) of ``scores``, best first."""
    value = scores.to_numpy(dtype=float)
    order = np.argsort(-value, kind="stable")
    group = _tie_groups(value[order], np.zeros(len(order), dtype=bool))
    group_first = np.flatnonzero(np.r_[True, group[1:] != group[:-1]]) if len(order) else np.array([], int)
    ranks = np.empty(len(order), dtype="int64")
    ranks[order] = group_first[group] + 1
    frame = pd.DataFrame({"nomination": scores.index, "score": value, "rank": ranks,
                          "n_jurors": n_jurors.reindex(scores.index).to_numpy(dtype="int64")})
    frame = frame.sort_values(["rank", "nomination"], kind="stable")
    return frame.set_index("nomination")[RESULT_COLUMNS]
