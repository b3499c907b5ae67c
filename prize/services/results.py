"""A round's results: the ranking under a method, the jurors' totals with their spread,
the per-criterion means, the robustness of the cut and (when allowed) every juror's
total for every candidate. The secretariat sees them at any time, a juror once the
round's results are released (rule book: VIEW_RESULTS, VIEW_JUROR_TOTALS)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.i18n import danish_sort_key
from prize.permissions import Action, ResultsTarget, can, require
from prize.phases import RoundKind
from prize.queries.years import scoring_round
from prize.ranking import juror_totals, rank_totals
from prize.robustness import describe, robustness
from prize.services.criteria import CriterionInfo
from prize.services.ranking import ranking_inputs
from prize.services.years import YearInfo

# The table's columns before the per-criterion means (one column per criterion title).
RESULT_COLUMNS = ["rank", "nomination_id", "candidate", "score", "mean", "median", "std", "min", "max", "n_jurors"]


@dataclass(frozen=True)
class Ranked:
    """A round's ranking under ``method`` with what it was computed from: ``ranking`` as
    ``prize.ranking.rank`` returns it (indexed by nomination id), ``totals`` the jurors'
    totals (``juror``, ``nomination``, ``total``), and the names of candidates and jurors."""

    method: str
    ranking: pd.DataFrame
    totals: pd.DataFrame
    scores: pd.DataFrame
    weights: dict
    names: dict[int, str]
    jurors: dict[int, str]
    criteria: tuple[CriterionInfo, ...]


def ranked_round(session: Session, *, actor: Actor, year: YearInfo, kind: RoundKind, method: str) -> Ranked:
    """The round's ranking under ``method`` from the scores that count (submitted sheets,
    conflicted jurors left out), by ``prize.services.ranking.ranking_inputs``, which asks
    the rule book."""
    inputs = ranking_inputs(session, actor=actor, year=year, round_kind=kind)
    totals = juror_totals(inputs.scores, inputs.weights)
    return Ranked(method=method, ranking=rank_totals(totals, method), totals=totals, scores=inputs.scores,
                  weights=dict(inputs.weights), names=dict(inputs.nominations), jurors=dict(inputs.jurors),
                  criteria=inputs.criteria)


@dataclass(frozen=True)
class RoundResults:
    """What the results page shows of one round. ``table``: ``RESULT_COLUMNS`` and one
    column per criterion (``criteria``, in order) of the mean score, best first;
    ``criterion_means``: candidates by name as the index, criteria as columns;
    ``totals``: jurors as the index, candidates as columns (None when the actor may not
    see it); ``report``: the robustness report's sentences."""

    kind: RoundKind
    method: str
    released: bool
    table: pd.DataFrame
    criteria: tuple[str, ...]
    criterion_means: pd.DataFrame
    totals: pd.DataFrame | None
    report: tuple[str, ...] = ()
    scale: tuple[int, int] = (1, 5)
    opened: bool = True

    @property
    def empty(self) -> bool:
        return self.table.empty


def round_results(session: Session, *, actor: Actor, year: YearInfo, kind: RoundKind | str, method: str,
                  locale: str = "da") -> RoundResults:
    """The results of round ``kind`` under ``method``; ``NotAllowed`` for a juror before release."""
    kind = RoundKind(kind)
    found = scoring_round(session, year_id=year.id, kind=kind)
    target = ResultsTarget(released=found is not None and found.released_at is not None)
    require(actor, Action.VIEW_RESULTS, phase=year.phase, target=target)
    ranked = ranked_round(session, actor=actor, year=year, kind=kind, method=method)
    titles = {criterion.id: criterion.title(locale) for criterion in ranked.criteria}
    scale = (min((c.scale_min for c in ranked.criteria), default=1),
             max((c.scale_max for c in ranked.criteria), default=5))
    if found is None or found.opened_at is None or ranked.ranking.empty:
        return _empty(kind, method, titles, scale, released=target.released,
                      opened=found is not None and found.opened_at is not None)
    report = describe(robustness(ranked.scores, ranked.weights, method=method, n_finalists=places_at_stake(year, kind)),
                      locale, ranked.names, ranked.jurors)
    means = criterion_means(ranked.scores, titles=titles, names=ranked.names)
    table = results_table(ranked, means=means)
    totals = (totals_table(ranked) if can(actor, Action.VIEW_JUROR_TOTALS, phase=year.phase, target=target)
              else None)
    return RoundResults(kind=kind, method=method, released=target.released, table=table,
                        criteria=tuple(titles.values()), criterion_means=means, totals=totals,
                        report=tuple(report), scale=scale)


def places_at_stake(year: YearInfo, kind: RoundKind) -> int:
    """The top places whose robustness the report weighs: the finalists' seats after the
    screening round, the one winner after the final round."""
    return year.finalist_count if kind == RoundKind.SCREENING else 1


def _empty(kind: RoundKind, method: str, titles: dict[int, str], scale: tuple[int, int], *,
           released: bool = False, opened: bool = True) -> RoundResults:
    return RoundResults(kind=kind, method=method, released=released,
                        table=pd.DataFrame(columns=RESULT_COLUMNS + list(titles.values())),
                        criteria=tuple(titles.values()), criterion_means=pd.DataFrame(columns=list(titles.values())),
                        totals=None, scale=scale, opened=opened)


def results_table(ranked: Ranked, *, means: pd.DataFrame) -> pd.DataFrame:
    """One row per candidate, best first (``RESULT_COLUMNS`` and the criterion means).
    The spread is the population standard deviation of the jurors' totals (0 for one juror)."""
    stats = ranked.totals.groupby("nomination")["total"].agg(
        mean="mean", median="median", std=lambda totals: totals.std(ddof=0), min="min", max="max")
    table = ranked.ranking.join(stats)
    table.insert(0, "candidate", [ranked.names[nomination] for nomination in table.index])
    table.insert(0, "nomination_id", table.index.astype(int))
    return table.reset_index(drop=True)[RESULT_COLUMNS].join(means, on="candidate")


def criterion_means(scores: pd.DataFrame, *, titles: dict[int, str], names: dict[int, str]) -> pd.DataFrame:
    """The mean of the jurors' scores per candidate (index: name) and criterion (columns:
    title, in the criteria's order)."""
    means = scores.groupby(["nomination", "criterion"])["score"].mean().unstack("criterion")
    means = means.reindex(columns=list(titles)).astype(float)
    means.columns = [titles[criterion] for criterion in means.columns]
    means.index = pd.Index([names[nomination] for nomination in means.index], name="candidate")
    return means


def totals_table(ranked: Ranked) -> pd.DataFrame:
    """Jurors (by name, in Danish order) as rows, candidates (best first) as columns; each
    cell the juror's total, missing where they did not score the candidate."""
    wide = ranked.totals.pivot(index="juror", columns="nomination", values="total")
    wide = wide.reindex(columns=list(ranked.ranking.index))
    wide.columns = [ranked.names[nomination] for nomination in wide.columns]
    wide.index = pd.Index([ranked.jurors[juror] for juror in wide.index], name="juror")
    return wide.sort_index(key=lambda names: names.map(danish_sort_key)).astype(float)
