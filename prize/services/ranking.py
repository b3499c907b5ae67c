"""What a round's ranking is computed from: the scores that count, the year's criteria
weights and the names to show. The results page, the shortlist, the exports and the
command line all start here, then hand the values to the pure engine
(``prize.ranking``, ``prize.robustness``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput
from prize.i18n import danish_sort_key
from prize.permissions import Action, ResultsTarget, require
from prize.phases import RoundKind
from prize.queries import criteria as criteria_queries
from prize.queries import ranking as ranking_queries
from prize.queries.conflicts import counted_scores_frame
from prize.queries.years import scoring_round
from prize.ranking import SCORE_COLUMNS
from prize.services.criteria import CriterionInfo
from prize.services.years import YearInfo


@dataclass(frozen=True)
class RankingInputs:
    """A round's counted scores in the engine's long format (``prize.ranking.SCORE_COLUMNS``,
    with ids: juror and nomination are ids, criterion a criterion id), the year's weights by
    criterion id, the round's candidates (id to name, in Danish alphabetical order; a candidate
    nobody has scored yet is here too) and the names of the jurors whose scores count."""

    year: YearInfo
    round_kind: RoundKind
    scores: pd.DataFrame
    weights: Mapping[int, float]
    nominations: Mapping[int, str]
    jurors: Mapping[int, str]
    criteria: tuple[CriterionInfo, ...]


def ranking_inputs(session: Session, *, actor: Actor, year: YearInfo, round_kind: RoundKind) -> RankingInputs:
    """The inputs of round ``round_kind``'s ranking: the scores of submitted sheets whose juror
    has no active conflict with the candidate, for the candidates the round covers. For whoever
    may see a round's aggregates: the secretariat; a juror once the round's results are released."""
    require_results(session, actor=actor, year=year, round_kind=round_kind)
    return round_inputs(session, year=year, round_kind=round_kind)


def require_results(session: Session, *, actor: Actor, year: YearInfo, round_kind: RoundKind) -> None:
    """Raise the rule book's refusal unless ``actor`` may see the round's aggregates."""
    shown = scoring_round(session, year_id=year.id, kind=round_kind)
    require(actor, Action.VIEW_OTHERS_SCORES, phase=year.phase,
            target=ResultsTarget(released=shown is not None and shown.released_at is not None))


def round_inputs(session: Session, *, year: YearInfo, round_kind: RoundKind) -> RankingInputs:
    """``ranking_inputs`` without the permission check: the caller (a service above, an
    exporter's ``authorise``) has asked the rule book."""
    shown = scoring_round(session, year_id=year.id, kind=round_kind)
    criteria = tuple(CriterionInfo.of(each) for each in criteria_queries.criteria_of_year(session, year.id))
    candidates = ranking_queries.round_candidates(session, year_id=year.id,
                                                  finalists_only=round_kind == RoundKind.FINAL)
    scores = _long(counted_scores_frame(session, round_id=shown.id) if shown else None, candidates)
    scored = set(scores["criterion"])
    if scored and not sum(each.weight for each in criteria if each.id in scored) > 0:
        raise InvalidInput("ranking.error.no_weight")
    return RankingInputs(year=year, round_kind=round_kind, scores=scores,
                         weights={each.id: each.weight for each in criteria},
                         nominations=_sorted_names(candidates),
                         jurors=_sorted_names(ranking_queries.user_names(session, scores["juror"])),
                         criteria=criteria)


def _long(counted: pd.DataFrame | None, candidates: Mapping[int, str]) -> pd.DataFrame:
    if counted is None:
        return pd.DataFrame({column: pd.Series(dtype="int64") for column in SCORE_COLUMNS})
    counted = counted[counted["nomination_id"].isin(list(candidates))]
    frame = counted.rename(columns={"juror_id": "juror", "nomination_id": "nomination", "criterion_id": "criterion",
                                    "value": "score"})[SCORE_COLUMNS]
    return frame.astype("int64").reset_index(drop=True)


def _sorted_names(names: Mapping[int, str]) -> dict[int, str]:
    return dict(sorted(names.items(), key=lambda item: danish_sort_key(item[1])))
