"""The shortlist: the app proposes the top N of the screening round by the year's
method, with any tie at the cut shown; the secretariat confirms it as it is, or
changes it with a written justification. Confirming marks the finalists, publishes the
outcome to the nominators, moves the year to the final round and so opens that round
for the finalists only. Everything is audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import NotFound, PrizeError, ShortlistRefused
from prize.i18n import danish_sort_key
from prize.models import Finalist, Nomination, PrizeYear, ScoringRound, Shortlist, ShortlistProposal
from prize.models.base import utcnow
from prize.models.year import FINALIST_COUNT_MAX, FINALIST_COUNT_MIN
from prize.permissions import Action, ResultsTarget, ShortlistTarget, require
from prize.phases import IN_COMPETITION, Phase, RoundKind
from prize.queries import conflicts as conflict_queries
from prize.queries import shortlist as shortlist_queries
from prize.queries import years as year_queries
from prize.ranking import METHODS
from prize.services.audit import record_change
from prize.services.results import ranked_round
from prize.services.years import YearInfo, move_phase
from prize.robustness import Cut, cut
from prize.shortlist import above_cut, compare, duplicates
from prize.validation import clean_text

JUSTIFICATION_MAX_LENGTH = 4000


@dataclass(frozen=True)
class Proposal:
    """The proposed shortlist. ``rows``: the candidates the proposal names
    (``prize.queries.shortlist.PROPOSAL_COLUMNS``), above the cut and then tied at it;
    ``candidates``: every candidate in competition as (id, name), in Danish order."""

    method: str
    cut: Cut
    rows: pd.DataFrame
    candidates: tuple[tuple[int, str], ...]

    @property
    def empty(self) -> bool:
        return self.rows.empty

    @property
    def seats(self) -> int:
        return self.cut.size

    @property
    def clear(self) -> tuple[int, ...]:
        """The candidates above the cut, best first."""
        return tuple(int(each) for each in above_cut(self.cut))

    @property
    def tied(self) -> tuple[int, ...]:
        return tuple(int(each) for each in self.cut.tied)

    @property
    def open_seats(self) -> int:
        """The seats a person fills from the tied candidates."""
        return self.cut.seats_for_tied

    def names(self, ids: Sequence[int]) -> list[str]:
        by_id = dict(self.candidates)
        return [by_id[each] for each in ids]

    @property
    def tie_rank(self) -> int | None:
        tied = self.rows[self.rows["tied"]]
        return int(tied["rank"].iloc[0]) if len(tied) else None


def propose_shortlist(session: Session, *, actor: Actor, year: YearInfo) -> Proposal:
    """The top ``year.finalist_count`` of the screening round by ``year.ranking_method``;
    a tie at the cut names every tied candidate."""
    screening = year_queries.scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING)
    require(actor, Action.VIEW_RESULTS, phase=year.phase,
            target=ResultsTarget(released=screening is not None and screening.released_at is not None))
    candidates = tuple(conflict_queries.candidate_options(session, year_id=year.id))
    ranking = ranked_round(session, actor=actor, year=year, kind=RoundKind.SCREENING,
                           method=year.ranking_method).ranking
    proposal = cut(ranking, year.finalist_count)
    names = dict(candidates)
    rows = pd.DataFrame(
        [(position, int(nomination), names.get(int(nomination), ""), int(ranking.at[nomination, "rank"]),
          float(ranking.at[nomination, "score"]), nomination in proposal.tied)
         for position, nomination in enumerate(proposal.members, 1)],
        columns=shortlist_queries.PROPOSAL_COLUMNS)
    return Proposal(method=year.ranking_method, cut=proposal, rows=rows, candidates=candidates)


@dataclass(frozen=True)
class ConfirmedShortlist:
    """The confirmed shortlist as pages show it. ``finalists``: ``FINALIST_COLUMNS``;
    ``proposal``: the proposal as computed at confirmation (``PROPOSAL_COLUMNS``)."""

    method: str
    finalists: pd.DataFrame
    proposal: pd.DataFrame
    changed: bool
    tie_resolved: bool
    justification: str
    confirmed_by: str
    confirmed_at: datetime
    published_at: datetime | None
    phase: Phase

    @property
    def names(self) -> list[str]:
        return list(self.finalists["candidate"])


def confirmed_shortlist(session: Session, *, actor: Actor, year: YearInfo) -> ConfirmedShortlist | None:
    """The year's confirmed shortlist; None before it is confirmed."""
    require(actor, Action.VIEW_RESULTS, phase=year.phase, target=ResultsTarget(released=False))
    found = shortlist_queries.shortlist_of(session, year.id)
    if found is None:
        return None
    return ConfirmedShortlist(
        method=found.method, finalists=shortlist_queries.finalists_frame(session, year.id),
        proposal=shortlist_queries.proposal_frame(session, found.id), changed=found.changed,
        tie_resolved=found.tie_resolved, justification=found.justification,
        confirmed_by=shortlist_queries.confirmer_name(session, found), confirmed_at=found.confirmed_at,
        published_at=found.published_at, phase=Phase(session.get(PrizeYear, year.id).phase))


def confirm_shortlist(session: Session, *, actor: Actor, year: YearInfo, finalists: Sequence[int],
                      justification: str = "") -> ConfirmedShortlist:
    """Confirm ``finalists`` (nomination ids) as the year's shortlist: as proposed, or
    changed, or a tie at the cut decided, the last two with a written ``justification``.
    Marks the finalists, publishes the outcome, moves the year to the final round
    (which opens it for the finalists) and audits who, when, old and new, and why."""
    locked = year_queries.lock_year(session, year.id)
    if locked is None:
        raise NotFound()
    current = YearInfo.of(locked)
    screening = year_queries.scoring_round(session, year_id=current.id, kind=RoundKind.SCREENING)
    require(actor, Action.CONFIRM_SHORTLIST, phase=current.phase, target=_target(screening))
    existing = shortlist_queries.shortlist_of(session, current.id)
    if existing is not None:
        raise ShortlistRefused("shortlist.error.already_confirmed", confirmed_at=existing.confirmed_at)
    proposal = propose_shortlist(session, actor=actor, year=current)
    if proposal.empty:
        raise ShortlistRefused("shortlist.error.no_scores")
    chosen = _checked_finalists(session, year=current, finalists=finalists)
    choice = compare(chosen, proposal.cut)
    reason = clean_text(justification, field="shortlist.field.justification", max_length=JUSTIFICATION_MAX_LENGTH,
                        multiline=True)
    if choice.needs_justification and not reason:
        raise ShortlistRefused("shortlist.error.justification_changed" if choice.changed
                               else "shortlist.error.justification_tie")
    ordered = _in_rank_order(chosen, proposal)
    shortlist = _store(session, actor=actor, year=current, proposal=proposal, finalists=ordered,
                       changed=choice.changed, tie_resolved=choice.tie_resolved, justification=reason)
    record_change(session, actor=actor, action="shortlist.confirmed", entity="shortlist", entity_id=shortlist.id,
                  old={"proposed": proposal.names(proposal.clear), "tied": proposal.names(proposal.tied),
                       "method": proposal.method},
                  new={"finalists": proposal.names(ordered), "changed": choice.changed,
                       "tie_resolved": choice.tie_resolved, "justification": reason})
    move_phase(session, actor=actor, year_id=current.id, expected=Phase.SHORTLIST, target=Phase.FINAL_ROUND)
    return confirmed_shortlist(session, actor=actor, year=current)


def confirm_refusal(session: Session, *, actor: Actor, year: YearInfo) -> PrizeError | None:
    """Why ``actor`` may not confirm the shortlist now (wrong phase, round open), or None."""
    screening = year_queries.scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING)
    try:
        require(actor, Action.CONFIRM_SHORTLIST, phase=year.phase, target=_target(screening))
    except PrizeError as refusal:
        return refusal
    return None


def _target(screening: ScoringRound | None) -> ShortlistTarget:
    return ShortlistTarget(round_closed=screening is not None and screening.opened_at is not None
                           and screening.closed_at is not None)


def _checked_finalists(session: Session, *, year: YearInfo, finalists: Sequence[int]) -> list[int]:
    """The chosen ids once each is a distinct candidate in competition and their number is right."""
    chosen = [int(each) for each in finalists]
    for nomination_id in chosen:
        nomination = session.get(Nomination, nomination_id)
        if nomination is None or nomination.year_id != year.id:
            raise ShortlistRefused("shortlist.error.unknown", id=nomination_id)
        if nomination.status not in IN_COMPETITION:
            raise ShortlistRefused("shortlist.error.not_candidate", name=nomination.name)
    twice = duplicates(chosen)
    if twice:
        raise ShortlistRefused("shortlist.error.duplicate", name=session.get(Nomination, twice[0]).name)
    if len(chosen) != year.finalist_count:
        raise ShortlistRefused("shortlist.error.count", count=year.finalist_count, chosen=len(chosen))
    return chosen


def _in_rank_order(chosen: list[int], proposal: Proposal) -> list[int]:
    """The finalists by their place in the screening round's ranking, then by name."""
    ranks = dict(zip(proposal.rows["nomination_id"], proposal.rows["rank"], strict=True))
    names = dict(proposal.candidates)
    return sorted(chosen, key=lambda each: (ranks.get(each, len(names) + 1), danish_sort_key(names[each])))


def _store(session: Session, *, actor: Actor, year: YearInfo, proposal: Proposal, finalists: list[int],
           changed: bool, tie_resolved: bool, justification: str) -> Shortlist:
    now = utcnow()
    shortlist = Shortlist(
        year_id=year.id, method=proposal.method, finalist_count=year.finalist_count, changed=changed,
        tie_resolved=tie_resolved, justification=justification, confirmed_by_id=actor.id, confirmed_at=now,
        published_at=now,
        proposals=[ShortlistProposal(nomination_id=int(row.nomination_id), position=int(row.position),
                                     rank=int(row.rank), score=float(row.score), tied=bool(row.tied))
                   for row in proposal.rows.itertuples()])
    session.add(shortlist)
    session.add_all(Finalist(year_id=year.id, nomination_id=nomination_id, position=position,
                             selected_by_id=actor.id, selected_at=now)
                    for position, nomination_id in enumerate(finalists, 1))
    session.flush()
    return shortlist


# --- The year's method and number of finalists ----------------------------------------------

def set_shortlist_rule(session: Session, *, actor: Actor, year_id: int, method: str,
                       finalist_count: int) -> YearInfo:
    """Choose the method the shortlist is proposed by and the number of finalists, until
    the shortlist is confirmed; audited with the old and new values."""
    locked = year_queries.lock_year(session, year_id)
    if locked is None:
        raise NotFound()
    require(actor, Action.CHOOSE_RANKING_METHOD, phase=Phase(locked.phase))
    if method not in METHODS:
        raise ShortlistRefused("shortlist.error.unknown_method", method=method)
    if isinstance(finalist_count, bool) or not FINALIST_COUNT_MIN <= int(finalist_count) <= FINALIST_COUNT_MAX:
        raise ShortlistRefused("shortlist.error.finalist_count", low=FINALIST_COUNT_MIN, high=FINALIST_COUNT_MAX)
    old = {"ranking_method": locked.ranking_method, "finalist_count": locked.finalist_count}
    new = {"ranking_method": method, "finalist_count": int(finalist_count)}
    if old != new:
        locked.ranking_method, locked.finalist_count = method, int(finalist_count)
        session.flush()
        record_change(session, actor=actor, action="year.shortlist_rule_set", entity="prize_year",
                      entity_id=locked.id, old=old, new=new)
    return YearInfo.of(locked)
